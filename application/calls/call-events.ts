import { isMissedCall, type Call } from '../../domain/calls/call';
import type { Actor } from '../../domain/shared/actor';
import { createDomainEvent, type DomainEvent, type EventPayloadValue } from '../../domain/shared/domain-event';
import type { CallPorts } from './call-ports';

/** The events of DOMAIN.md §5.5. Payloads carry ids, enums, counts and amounts, never PHI values. */
export type CallEventType = 'CallQueued' | 'CallAnswered' | 'CallEnded' | 'CallMissed' | 'CallCancelled';

const eventOf = (
  ports: Pick<CallPorts, 'ids' | 'clock'>,
  type: CallEventType,
  call: Call,
  actor: Actor,
  payload: Readonly<Record<string, EventPayloadValue>>,
): DomainEvent =>
  createDomainEvent(ports.ids.next(), ports.clock.now(), {
    type,
    orgId: call.orgId,
    aggregateType: 'Call',
    aggregateId: call.id,
    aggregateVersion: call.version,
    actor:
      actor.caregiverId === undefined ? { kind: actor.kind } : { kind: actor.kind, caregiverId: actor.caregiverId },
    payload: { callId: call.id, patientId: call.patientId, ...payload },
  });

export const callQueuedEvent = (ports: Pick<CallPorts, 'ids' | 'clock'>, call: Call, actor: Actor): DomainEvent =>
  eventOf(ports, 'CallQueued', call, actor, { trigger: call.trigger, attempt: call.attempt });

export const callAnsweredEvent = (ports: Pick<CallPorts, 'ids' | 'clock'>, call: Call, actor: Actor): DomainEvent =>
  eventOf(ports, 'CallAnswered', call, actor, {
    conversationId: call.conversationId,
    answeredAt: call.answeredAt?.toISOString() ?? null,
  });

/** `CallEnded`, plus `CallMissed` for missed outcomes and `CallCancelled` for cancellations. */
export const callEndedEvents = (
  ports: Pick<CallPorts, 'ids' | 'clock'>,
  call: Call,
  actor: Actor,
): readonly DomainEvent[] => {
  const events = [
    eventOf(ports, 'CallEnded', call, actor, {
      conversationId: call.conversationId,
      status: call.status,
      outcome: call.outcome,
      endReason: call.endReason,
      durationSeconds: call.durationSeconds,
      billableSeconds: call.billableSeconds,
      costMillicents: call.costMillicents,
      lineItemId: call.lineItemId,
    }),
  ];
  if (isMissedCall(call.status)) {
    events.push(
      eventOf(ports, 'CallMissed', call, actor, {
        trigger: call.trigger,
        attempt: call.attempt,
        outcome: call.outcome,
      }),
    );
  }
  if (call.status === 'cancelled') {
    events.push(eventOf(ports, 'CallCancelled', call, actor, { by: actor.caregiverId ?? null }));
  }
  return events;
};
