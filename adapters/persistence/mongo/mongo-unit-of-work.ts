import type { TransactionOptions } from 'mongodb';
import type { UnitOfWork } from '../../../application/ports/unit-of-work';
import type { MongoDatabase } from './mongo-connection';

/** Snapshot reads and majority commits: what a multi-document change needs on a replica set. */
const TRANSACTION_OPTIONS: TransactionOptions = {
  readConcern: { level: 'snapshot' },
  writeConcern: { w: 'majority' },
  readPreference: 'primary',
};

/**
 * Transactions on `session.withTransaction`. The session is the ambient one while `work` runs, so every
 * repository call inside joins it; a nested `run` joins the transaction already open.
 *
 * Errors: the driver re-runs `work` only for errors labelled `TransientTransactionError` (a write conflict with
 * another transaction) and retries the commit on `UnknownTransactionCommitResult`. Anything else that `work`
 * throws, a `DomainError` in particular, aborts the transaction at once and comes out of `run` as the same
 * object, never retried.
 */
export class MongoUnitOfWork implements UnitOfWork {
  private readonly listeners: Array<() => void> = [];

  constructor(private readonly database: MongoDatabase) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.database.session() !== undefined) return work();
    const session = this.database.client.startSession();
    // What the last attempt of `work` produced: the driver may run it more than once (transient conflicts).
    let attempt: { readonly value: T } | { readonly error: unknown } | undefined;
    try {
      await session.withTransaction(async () => {
        attempt = undefined;
        try {
          attempt = { value: await this.database.withSession(session, work) };
        } catch (error) {
          attempt = { error };
          throw error;
        }
      }, TRANSACTION_OPTIONS);
    } catch (error) {
      // Should the abort itself fail, the caller still gets the error `work` threw, not the abort's.
      throw attempt !== undefined && 'error' in attempt ? attempt.error : error;
    } finally {
      await session.endSession().catch(() => undefined);
    }
    if (attempt === undefined || !('value' in attempt)) throw new Error('the transaction committed without its work');
    this.notifyCommitted();
    return attempt.value;
  }

  onCommitted(listener: () => void): void {
    this.listeners.push(listener);
  }

  private notifyCommitted(): void {
    for (const listener of this.listeners) {
      try {
        listener();
      } catch {
        // A listener's failure must not turn a committed transaction into a reported failure.
      }
    }
  }
}
