import type { DomainEvent } from '../../domain/shared/domain-event';

/** A subscriber to domain events. `name` is stable: it keys the at-most-once bookkeeping per event. */
export interface EventHandler {
  readonly name: string;
  readonly eventTypes: readonly string[];
  handle(event: DomainEvent): Promise<void>;
}
