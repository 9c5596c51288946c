import type { DomainEvent } from '../../domain/shared/domain-event';

/** Events written in the same transaction as the change they describe, dispatched after commit. */
export interface EventOutbox {
  /** Must be called inside `UnitOfWork.run`; the events are stored only if the transaction commits. */
  append(events: readonly DomainEvent[]): Promise<void>;
}

export interface PendingEvent {
  readonly event: DomainEvent;
  readonly attempts: number;
}

/** The relay's view of the outbox: what is still to deliver, and the bookkeeping of delivery. */
export interface OutboxStore extends EventOutbox {
  pending(limit: number, now: Date): Promise<readonly PendingEvent[]>;
  markDispatched(eventId: string, at: Date): Promise<void>;
  markFailed(eventId: string, retryAt: Date | null): Promise<void>;
  /** Records that `handler` processed `eventId`; false when it already had (handlers run at most once each). */
  claimHandling(eventId: string, handler: string): Promise<boolean>;
  releaseHandling(eventId: string, handler: string): Promise<void>;
}
