import type { UnitOfWork } from '../../../application/ports/unit-of-work';
import { Journal, type MemoryDatabase } from './memory-database';

/**
 * Transactions for the embedded store. They run one at a time (like the Mongo wire server's global lock), so
 * the journal of one never interleaves with another; a nested `run` joins the transaction already open.
 */
export class InMemoryUnitOfWork implements UnitOfWork {
  private tail: Promise<unknown> = Promise.resolve();
  private readonly listeners: Array<() => void> = [];

  constructor(private readonly database: MemoryDatabase) {}

  run<T>(work: () => Promise<T>): Promise<T> {
    if (this.database.transaction.getStore()) return work();
    const result = this.tail.then(() => this.runIsolated(work));
    this.tail = result.catch(() => undefined);
    return result;
  }

  onCommitted(listener: () => void): void {
    this.listeners.push(listener);
  }

  private async runIsolated<T>(work: () => Promise<T>): Promise<T> {
    const journal = new Journal();
    try {
      const value = await this.database.transaction.run(journal, work);
      this.notifyCommitted();
      return value;
    } catch (error) {
      journal.rollback();
      throw error;
    }
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
