import type { DomainEvent } from '../../../domain/shared/domain-event';
import type { OutboxStore, PendingEvent } from '../../../application/ports/event-outbox';
import type { MemoryDatabase } from './memory-database';

interface OutboxDocument {
  readonly id: string;
  readonly event: DomainEvent;
  readonly attempts: number;
  readonly dispatchedAt: Date | null;
  readonly retryAt: Date | null;
  readonly dead: boolean;
  readonly seq: number;
}

interface HandledDocument {
  readonly id: string;
}

export class InMemoryOutboxStore implements OutboxStore {
  private seq = 0;

  constructor(private readonly database: MemoryDatabase) {}

  private get outbox() {
    return this.database.collection<OutboxDocument>('outbox');
  }

  private get handled() {
    return this.database.collection<HandledDocument>('outbox_handled');
  }

  append(events: readonly DomainEvent[]): Promise<void> {
    if (!this.database.transaction.getStore()) {
      return Promise.reject(new Error('EventOutbox.append must run inside UnitOfWork.run'));
    }
    for (const event of events) {
      this.seq += 1;
      this.outbox.put({
        id: event.eventId,
        event,
        attempts: 0,
        dispatchedAt: null,
        retryAt: null,
        dead: false,
        seq: this.seq,
      });
    }
    return Promise.resolve();
  }

  pending(limit: number, now: Date): Promise<readonly PendingEvent[]> {
    const due = this.outbox
      .find((doc) => doc.dispatchedAt === null && !doc.dead && (doc.retryAt === null || doc.retryAt <= now))
      .sort((a, b) => a.seq - b.seq)
      .slice(0, limit)
      .map((doc) => ({ event: doc.event, attempts: doc.attempts }));
    return Promise.resolve(due);
  }

  markDispatched(eventId: string, at: Date): Promise<void> {
    const doc = this.outbox.get(eventId);
    if (doc) this.outbox.put({ ...doc, dispatchedAt: at });
    return Promise.resolve();
  }

  markFailed(eventId: string, retryAt: Date | null): Promise<void> {
    const doc = this.outbox.get(eventId);
    if (doc) this.outbox.put({ ...doc, attempts: doc.attempts + 1, retryAt, dead: retryAt === null });
    return Promise.resolve();
  }

  claimHandling(eventId: string, handler: string): Promise<boolean> {
    const id = `${eventId}:${handler}`;
    if (this.handled.get(id)) return Promise.resolve(false);
    this.handled.put({ id });
    return Promise.resolve(true);
  }

  releaseHandling(eventId: string, handler: string): Promise<void> {
    this.handled.delete(`${eventId}:${handler}`);
    return Promise.resolve();
  }
}
