import type { Conversation } from '../../domain/conversations/conversation';
import { authorizeConversation, type ConversationCapability } from '../../domain/conversations/conversation-policy';
import type { AccessScope } from '../../domain/identity/roles';
import type { Patient } from '../../domain/patients/patient';
import type { Actor } from '../../domain/shared/actor';
import type { DomainError } from '../../domain/shared/errors';
import { denyConversationAccess, recordConversationDenial } from './conversation-audit';
import { conversationNotFound, patientNotFound } from './conversation-errors';
import type { ConversationPorts } from './conversation-ports';

/**
 * Applies the matrix to a record of `orgId` about `patientId` (the patients context's rules, API-CONTRACT.md
 * §2.8): another organisation's record is the same 404 as a missing one (the probe is audited), one of the own
 * organisation outside the caller's scope an audited 403 (`not_assigned` for staff).
 */
const authorizeFor = async (
  ports: ConversationPorts,
  scope: AccessScope,
  capability: ConversationCapability,
  resource: { readonly id: string; readonly orgId: string; readonly patientId: string },
  actor: Actor,
  missing: () => DomainError,
): Promise<void> => {
  const assignedToCaller =
    scope.role === 'staff' && (await ports.careTeam.find(resource.patientId, scope.caregiverId)) !== null;
  const decision = authorizeConversation(scope, capability, { orgId: resource.orgId, assignedToCaller });
  if (decision === 'allow') return;
  if (decision === 'not-found') {
    await recordConversationDenial(ports, actor, capability, { id: resource.id, orgId: resource.orgId }, 'other_org');
    throw missing();
  }
  await denyConversationAccess(
    ports,
    actor,
    capability,
    { id: resource.id, orgId: resource.orgId, patientIds: [resource.patientId] },
    scope.role === 'staff' && capability === 'conversation.read' ? 'not_assigned' : 'role',
  );
};

/**
 * A conversation the caller may address with `capability`. Unknown ids, conversations of deleted patients and
 * other organisations' conversations are all 404 `Conversation not found`.
 */
export const loadConversationFor = async (
  ports: ConversationPorts,
  scope: AccessScope,
  conversationId: string,
  capability: ConversationCapability,
  actor: Actor,
): Promise<Conversation> => {
  const conversation = await ports.conversations.findById(conversationId);
  if (conversation === null) throw conversationNotFound();
  const patient = await ports.patients.findById(conversation.patientId);
  if (patient === null) throw conversationNotFound();
  await authorizeFor(
    ports,
    scope,
    capability,
    { id: conversation.id, orgId: conversation.orgId, patientId: conversation.patientId },
    actor,
    conversationNotFound,
  );
  return conversation;
};

/**
 * A patient whose conversations the caller lists or adds to: unknown, deleted and other organisations' patients
 * are 404 `Patient not found`; the denial entries are about the patient's conversations (`resourceId: 'list'`
 * for reads, null for creation).
 */
export const loadPatientForConversations = async (
  ports: ConversationPorts,
  scope: AccessScope,
  patientId: string,
  capability: ConversationCapability,
  actor: Actor,
): Promise<Patient> => {
  const patient = await ports.patients.findById(patientId);
  if (patient === null) throw patientNotFound();
  const resourceId = capability === 'conversation.read' ? 'list' : 'new';
  await authorizeFor(
    ports,
    scope,
    capability,
    { id: resourceId, orgId: patient.orgId, patientId: patient.id },
    actor,
    patientNotFound,
  );
  return patient;
};
