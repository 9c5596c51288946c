/**
 * The envelope every domain event travels in (DOMAIN.md §1.4). Payloads carry ids, enums, counts and codes,
 * never PHI values: events are logged, stored in the outbox and fanned out to other processes.
 */
export type EventPayloadValue = string | number | boolean | null | readonly EventPayloadValue[];

export interface EventActor {
  readonly kind: 'caregiver' | 'system' | 'anonymous';
  readonly caregiverId?: string;
}

export interface DomainEvent {
  readonly eventId: string;
  readonly type: string;
  readonly occurredAt: Date;
  readonly orgId: string | null;
  readonly aggregateType: string;
  readonly aggregateId: string;
  readonly aggregateVersion: number;
  readonly actor: EventActor;
  readonly payload: Readonly<Record<string, EventPayloadValue>>;
}

export interface NewEventFields {
  readonly type: string;
  readonly orgId: string | null;
  readonly aggregateType: string;
  readonly aggregateId: string;
  readonly aggregateVersion: number;
  readonly actor: EventActor;
  readonly payload?: Readonly<Record<string, EventPayloadValue>>;
}

/** Id and time come from ports, passed in by the caller, so the domain stays free of clocks and randomness. */
export const createDomainEvent = (eventId: string, occurredAt: Date, fields: NewEventFields): DomainEvent => ({
  eventId,
  occurredAt,
  payload: {},
  ...fields,
});
