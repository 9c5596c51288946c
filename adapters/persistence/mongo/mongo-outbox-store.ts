import { MongoServerError, ObjectId, type Collection } from 'mongodb';
import type { DomainEvent } from '../../../domain/shared/domain-event';
import type { OutboxStore, PendingEvent } from '../../../application/ports/event-outbox';
import { COLLECTIONS } from './mongo-collections';
import type { MongoDatabase } from './mongo-connection';
import { eventFromDocument, outboxDocumentOf, type HandledDocument, type OutboxDocument } from './outbox-mapper';

const DUPLICATE_KEY = 11000;

/**
 * The transactional outbox on Mongo: events are inserted with the change they describe (only inside a
 * transaction), and the relay's bookkeeping (dispatched, failed with back-off, parked, per-handler claims)
 * lives beside them.
 */
export class MongoOutboxStore implements OutboxStore {
  constructor(private readonly db: MongoDatabase) {}

  private get outbox(): Collection<OutboxDocument> {
    return this.db.collection<OutboxDocument>(COLLECTIONS.outbox);
  }

  private get handled(): Collection<HandledDocument> {
    return this.db.collection<HandledDocument>(COLLECTIONS.outboxHandled);
  }

  async append(events: readonly DomainEvent[]): Promise<void> {
    if (this.db.session()?.inTransaction() !== true) {
      throw new Error('EventOutbox.append must run inside UnitOfWork.run');
    }
    if (events.length === 0) return;
    await this.outbox.insertMany(
      events.map((event) => outboxDocumentOf(event, new ObjectId())),
      { ...this.db.options(), ordered: true },
    );
  }

  async pending(limit: number, now: Date): Promise<readonly PendingEvent[]> {
    if (limit < 1) return [];
    const docs = await this.outbox
      .find(
        { dispatchedAt: null, dead: false, $or: [{ retryAt: null }, { retryAt: { $lte: now } }] },
        this.db.options(),
      )
      .sort({ seq: 1 })
      .limit(limit)
      .toArray();
    return docs.map((doc) => ({ event: eventFromDocument(doc), attempts: doc.attempts }));
  }

  async markDispatched(eventId: string, at: Date): Promise<void> {
    await this.outbox.updateOne({ _id: eventId }, { $set: { dispatchedAt: at } }, this.db.options());
  }

  async markFailed(eventId: string, retryAt: Date | null): Promise<void> {
    await this.outbox.updateOne(
      { _id: eventId },
      { $inc: { attempts: 1 }, $set: { retryAt, dead: retryAt === null } },
      this.db.options(),
    );
  }

  /**
   * An upsert on the unique (eventId, handler) pair: it inserts only when no claim exists, and a claim already
   * there is a plain "no" rather than an error (which would abort an enclosing transaction on a real server).
   * Two claims racing for the same pair: the loser's duplicate-key error also means "no".
   */
  async claimHandling(eventId: string, handler: string): Promise<boolean> {
    try {
      const result = await this.handled.updateOne(
        { eventId, handler },
        { $setOnInsert: { eventId, handler, claimedAt: new Date() } },
        { ...this.db.options(), upsert: true },
      );
      return result.upsertedCount === 1;
    } catch (error) {
      if (error instanceof MongoServerError && error.code === DUPLICATE_KEY) return false;
      throw error;
    }
  }

  async releaseHandling(eventId: string, handler: string): Promise<void> {
    await this.handled.deleteOne({ eventId, handler }, this.db.options());
  }
}
