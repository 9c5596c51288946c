import { createCall, type Call, type NewCall } from '../../domain/calls/call';
import { callTypeOf } from '../../domain/calls/call-projection';
import { reserveConversation } from '../../domain/conversations/conversation';
import type { Patient } from '../../domain/patients/patient';
import type { Actor } from '../../domain/shared/actor';
import { isDomainError } from '../../domain/shared/errors';
import { recordCallPhi } from './call-audit';
import { callInProgress, patientHasNoPhone, patientNotFound } from './call-errors';
import { callQueuedEvent } from './call-events';
import type { CallPorts } from './call-ports';

export type QueuedCallFields = Omit<
  NewCall,
  'id' | 'orgId' | 'patientId' | 'conversationId' | 'telephonyProvider' | 'now'
>;

/**
 * Creates a `queued` call for `patient` with its reserved conversation (RESOLUTIONS.md 2, 32: the conversation
 * exists from now on, `reserved`, so the app's poll never gets a 404), `CallQueued` and the audit entry. Runs
 * inside the caller's transaction. Preconditions (DOMAIN.md §5.3): a phone number, an organisation that is not
 * deleted, and no other non-terminal call
 * of the patient (`CALL_IN_PROGRESS`; the store enforces it too, against a concurrent "Call now").
 */
export const queueCall = async (
  ports: CallPorts,
  patient: Patient,
  fields: QueuedCallFields,
  actor: Actor,
): Promise<Call> => {
  if (patient.phone.trim() === '') throw patientHasNoPhone();
  const org = await ports.orgs.findById(patient.orgId);
  if (org === null || org.deletedAt !== null) throw patientNotFound();
  if ((await ports.calls.findActiveByPatient(patient.id)) !== null) throw callInProgress();
  const now = ports.clock.now();
  const call = createCall({
    ...fields,
    id: ports.ids.next(),
    orgId: patient.orgId,
    patientId: patient.id,
    conversationId: ports.ids.next(),
    telephonyProvider: ports.settings.telephonyProvider,
    now,
  });
  try {
    await ports.calls.insert(call);
  } catch (error) {
    if (isDomainError(error) && error.id === 'CALL_IN_PROGRESS') throw callInProgress();
    throw error;
  }
  await ports.conversations.insert(
    reserveConversation({
      id: call.conversationId,
      orgId: call.orgId,
      patientId: call.patientId,
      language: patient.preferredLanguage,
      now,
      callId: call.id,
      callType: callTypeOf(call.trigger),
      agentId: call.initiatedBy,
      callNotes: call.callNotes === '' ? null : call.callNotes,
    }),
  );
  await ports.outbox.append([callQueuedEvent(ports, call, actor)]);
  await recordCallPhi(ports, actor, 'CREATE', call, [call.patientId], {
    trigger: call.trigger,
    attempt: call.attempt,
    conversationId: call.conversationId,
  });
  return call;
};
