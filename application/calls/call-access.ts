import type { Call } from '../../domain/calls/call';
import { authorizeCall, type CallCapability } from '../../domain/calls/call-policy';
import type { AccessScope } from '../../domain/identity/roles';
import type { Patient } from '../../domain/patients/patient';
import type { Actor } from '../../domain/shared/actor';
import type { DomainError } from '../../domain/shared/errors';
import { denyCallAccess, recordCallDenial } from './call-audit';
import { callNotFound, patientNotFound } from './call-errors';
import type { CallPorts } from './call-ports';

/**
 * Applies the matrix to a record of `orgId` about `patientId`: another organisation's record is the same 404 as a
 * missing one (the probe is audited), one of the own organisation outside the caller's scope an audited 403.
 */
const authorizeFor = async (
  ports: CallPorts,
  scope: AccessScope,
  capability: CallCapability,
  resource: { readonly id: string; readonly orgId: string; readonly patientId: string },
  actor: Actor,
  missing: () => DomainError,
): Promise<void> => {
  const assignedToCaller =
    scope.role === 'staff' && (await ports.careTeam.find(resource.patientId, scope.caregiverId)) !== null;
  const decision = authorizeCall(scope, capability, { orgId: resource.orgId, assignedToCaller });
  if (decision === 'allow') return;
  if (decision === 'not-found') {
    await recordCallDenial(ports, actor, capability, { id: resource.id, orgId: resource.orgId }, 'other_org');
    throw missing();
  }
  await denyCallAccess(
    ports,
    actor,
    capability,
    { id: resource.id, orgId: resource.orgId, patientIds: [resource.patientId] },
    scope.role === 'staff' ? 'not_assigned' : 'role',
  );
};

/** A call and its patient, by the reserved conversation id or the call id; 404 `Conversation not found` else. */
export const loadCallFor = async (
  ports: CallPorts,
  scope: AccessScope,
  id: string,
  capability: CallCapability,
  actor: Actor,
): Promise<{ readonly call: Call; readonly patient: Patient }> => {
  const call = (await ports.calls.findByConversationId(id)) ?? (await ports.calls.findById(id));
  if (call === null) throw callNotFound();
  const patient = await ports.patients.findById(call.patientId);
  if (patient === null) throw callNotFound();
  await authorizeFor(
    ports,
    scope,
    capability,
    { id: call.id, orgId: call.orgId, patientId: call.patientId },
    actor,
    callNotFound,
  );
  return { call, patient };
};

/** A patient the caller may call: unknown, deleted and other organisations' patients are 404 `Patient not found`. */
export const loadPatientToCall = async (
  ports: CallPorts,
  scope: AccessScope,
  patientId: string,
  actor: Actor,
): Promise<Patient> => {
  const patient = await ports.patients.findById(patientId);
  if (patient === null) throw patientNotFound();
  await authorizeFor(
    ports,
    scope,
    'call.manage',
    { id: 'new', orgId: patient.orgId, patientId: patient.id },
    actor,
    patientNotFound,
  );
  return patient;
};
