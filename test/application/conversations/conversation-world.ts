import type { Caregiver } from '../../../domain/identity/caregiver';
import type { Conversation } from '../../../domain/conversations/conversation';
import type { Patient } from '../../../domain/patients/patient';
import { createConversationsHarness, type ConversationsHarness } from '../../support/conversations-harness';

/**
 * Org A: an admin and two staff; `assigned` is on staffA's care team, `unassignedA` on nobody's. Org B: an admin,
 * a staff member and their patient. The platform has the superAdmin. Each patient has one completed call.
 */
export interface ConversationWorld {
  readonly h: ConversationsHarness;
  readonly adminA: Caregiver;
  readonly staffA: Caregiver;
  readonly staffA2: Caregiver;
  readonly adminB: Caregiver;
  readonly staffB: Caregiver;
  readonly superAdmin: Caregiver;
  readonly assigned: Patient;
  readonly unassignedA: Patient;
  readonly patientB: Patient;
  readonly callOfAssigned: Conversation;
  readonly callOfUnassigned: Conversation;
  readonly callOfB: Conversation;
}

export const createConversationWorld = async (): Promise<ConversationWorld> => {
  const h = createConversationsHarness();
  const platform = await h.newOrg('Platform', true);
  const orgA = await h.newOrg('Alpha');
  const orgB = await h.newOrg('Beta');
  const adminA = await h.newCaregiver(orgA.id, 'orgAdmin');
  const staffA = await h.newCaregiver(orgA.id, 'staff');
  const staffA2 = await h.newCaregiver(orgA.id, 'staff');
  const adminB = await h.newCaregiver(orgB.id, 'orgAdmin');
  const staffB = await h.newCaregiver(orgB.id, 'staff');
  const superAdmin = await h.newCaregiver(platform.id, 'superAdmin');
  const assigned = await h.newPatient(orgA.id, { caregivers: [staffA] });
  const unassignedA = await h.newPatient(orgA.id);
  const patientB = await h.newPatient(orgB.id, { caregivers: [staffB] });
  return {
    h,
    adminA,
    staffA,
    staffA2,
    adminB,
    staffB,
    superAdmin,
    assigned,
    unassignedA,
    patientB,
    callOfAssigned: await h.newCall(assigned),
    callOfUnassigned: await h.newCall(unassignedA),
    callOfB: await h.newCall(patientB),
  };
};

export const DENIED = { kind: 'forbidden', message: 'Access denied: insufficient permissions.' };
export const CONVERSATION_NOT_FOUND = { kind: 'not-found', message: 'Conversation not found' };
export const PATIENT_NOT_FOUND = { kind: 'not-found', message: 'Patient not found' };

export const newestFirst = (page = 1, limit = 10) => ({
  page,
  limit,
  sort: [{ field: 'startTime' as const, direction: 'desc' as const }],
});

/** Audit entries of one action about conversations, oldest first. */
export const conversationEntries = (h: ConversationsHarness, action: string) =>
  h.audit().filter((e) => e.action === action && e.resourceType === 'conversation');
