import type { ObjectId } from 'mongodb';
import type { DomainEvent, EventActor, EventPayloadValue } from '../../../domain/shared/domain-event';

/** The envelope as stored inside an outbox document; `eventId` is the document's `_id`. */
export interface StoredEvent {
  type: string;
  occurredAt: Date;
  orgId: string | null;
  aggregateType: string;
  aggregateId: string;
  aggregateVersion: number;
  actor: { kind: EventActor['kind']; caregiverId?: string };
  payload: Record<string, EventPayloadValue>;
}

/**
 * One outbox entry. `_id` is the event id as given (an event is a message, its id an opaque string); `seq` is an
 * ObjectId taken at append time, so `pending` returns events in append order as the memory store does.
 */
export interface OutboxDocument {
  _id: string;
  seq: ObjectId;
  event: StoredEvent;
  attempts: number;
  dispatchedAt: Date | null;
  retryAt: Date | null;
  dead: boolean;
}

/** Claims of (event, handler) pairs; unique on both (mongo-indexes.ts). */
export interface HandledDocument {
  _id?: ObjectId;
  eventId: string;
  handler: string;
  claimedAt: Date;
}

const payloadOf = (payload: Readonly<Record<string, EventPayloadValue>>): Record<string, EventPayloadValue> => {
  const copy: Record<string, EventPayloadValue> = {};
  for (const [key, value] of Object.entries(payload)) if (value !== undefined) copy[key] = value;
  return copy;
};

const actorOf = (actor: EventActor): StoredEvent['actor'] =>
  actor.caregiverId === undefined ? { kind: actor.kind } : { kind: actor.kind, caregiverId: actor.caregiverId };

export const outboxDocumentOf = (event: DomainEvent, seq: ObjectId): OutboxDocument => ({
  _id: event.eventId,
  seq,
  event: {
    type: event.type,
    occurredAt: event.occurredAt,
    orgId: event.orgId,
    aggregateType: event.aggregateType,
    aggregateId: event.aggregateId,
    aggregateVersion: event.aggregateVersion,
    actor: actorOf(event.actor),
    payload: payloadOf(event.payload),
  },
  attempts: 0,
  dispatchedAt: null,
  retryAt: null,
  dead: false,
});

export const eventFromDocument = (doc: OutboxDocument): DomainEvent => ({
  eventId: doc._id,
  type: doc.event.type,
  occurredAt: doc.event.occurredAt,
  orgId: doc.event.orgId,
  aggregateType: doc.event.aggregateType,
  aggregateId: doc.event.aggregateId,
  aggregateVersion: doc.event.aggregateVersion,
  actor: actorOf(doc.event.actor),
  payload: payloadOf(doc.event.payload),
});
