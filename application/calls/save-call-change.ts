import { createLineItem } from '../../domain/billing/line-item';
import { rateCall } from '../../domain/billing/rate-call';
import { withRating, type Call } from '../../domain/calls/call';
import { conversationForCall } from '../../domain/calls/call-conversation';
import { DEFAULT_TIMEZONE } from '../../domain/identity/org';
import type { Actor } from '../../domain/shared/actor';
import { recordCallPhi } from './call-audit';
import { callAnsweredEvent, callEndedEvents } from './call-events';
import type { CallPorts } from './call-ports';

/**
 * Stores one applied transition of `before` (DOMAIN.md §5.3, VOICE.md §6.1-§6.2), in one transaction:
 * - the call (compare-and-set on the version read);
 * - its reserved conversation when the client projection moved (answered, ringing, ended), so the conversation
 *   poll agrees with the call poll;
 * - on the answer: `CallAnswered` and an audit entry;
 * - on entering a terminal status, the terminal transaction: rating and, when billable, the line item (unique per
 *   call) with `lineItemId`, `billableSeconds`, `costMillicents` on the call; the conversation closed with the
 *   call's duration and end; `patient.lastContactAt` for a completed call; `CallEnded` (+ `CallMissed`,
 *   `CallCancelled`) and the audit entry.
 */
export const saveCallChange = async (
  ports: CallPorts,
  before: Call,
  after: Call,
  terminal: boolean,
  actor: Actor,
): Promise<Call> =>
  ports.uow.run(async () => {
    const now = ports.clock.now();
    const next = terminal ? await rated(ports, after, now) : after;
    const saved = await ports.calls.update(next);
    if (terminal || saved.status !== before.status) await syncConversation(ports, saved, now);
    if (saved.status === 'in-progress' && before.status !== 'in-progress') {
      await ports.outbox.append([callAnsweredEvent(ports, saved, actor)]);
      await recordCallPhi(ports, actor, 'UPDATE', saved, [saved.patientId], { transition: 'answered' });
    }
    if (terminal) {
      if (saved.status === 'completed') await recordLastContact(ports, saved);
      await ports.outbox.append(callEndedEvents(ports, saved, actor));
      await recordCallPhi(ports, actor, 'UPDATE', saved, [saved.patientId], {
        transition: 'ended',
        status: saved.status,
        endReason: saved.endReason,
        durationSeconds: saved.durationSeconds,
        billableSeconds: saved.billableSeconds,
        lineItemId: saved.lineItemId,
      });
    }
    return saved;
  });

/** Rates the ended call and inserts its line item when there is something to charge (DOMAIN.md §9.3.1). */
const rated = async (ports: CallPorts, call: Call, now: Date): Promise<Call> => {
  const rating = rateCall(call, ports.settings.ratePlan);
  if (rating.amountMillicents <= 0) return withRating(call, { billableSeconds: 0, amountMillicents: 0 }, null);
  const org = await ports.orgs.findById(call.orgId);
  const item = createLineItem({
    id: ports.ids.next(),
    call,
    rating,
    orgTimezone: org?.timezone ?? DEFAULT_TIMEZONE,
    now,
  });
  await ports.lineItems.insert(item);
  return withRating(call, rating, item.id);
};

const syncConversation = async (ports: CallPorts, call: Call, now: Date): Promise<void> => {
  const conversation = await ports.conversations.findById(call.conversationId);
  if (conversation === null) {
    ports.logger.warn({ callId: call.id, conversationId: call.conversationId }, 'reserved conversation missing');
    return;
  }
  await ports.conversations.update(conversationForCall(conversation, call, now));
};

const recordLastContact = async (ports: CallPorts, call: Call): Promise<void> => {
  const patient = await ports.patients.findById(call.patientId);
  if (patient === null || call.endedAt === null) return;
  if (patient.lastContactAt !== null && patient.lastContactAt >= call.endedAt) return;
  await ports.patients.update({ ...patient, lastContactAt: call.endedAt });
};
