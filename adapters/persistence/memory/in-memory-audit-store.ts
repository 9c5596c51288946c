import type { AuditCheckpoint } from '../../../domain/audit/audit-checkpoint';
import type { AuditEntry, AuditFacts, ChainHead } from '../../../domain/audit/audit-entry';
import { unavailable } from '../../../domain/shared/errors';
import type { AuditSearchFilter, AuditStore, PendingAuditStats } from '../../../application/ports/audit-store';
import type { MemoryDatabase } from './memory-database';

const deepFreeze = <T>(value: T): T => {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
};

const needsReview = (entry: AuditEntry): boolean => entry.outcome !== 'success' || entry.details['highRisk'] === true;

const matches = (entry: AuditEntry, filter: Omit<AuditSearchFilter, 'limit'>): boolean =>
  (filter.requiresReview !== true || needsReview(entry)) &&
  (filter.orgId === undefined || entry.orgId === filter.orgId) &&
  (filter.actorId === undefined || entry.actorId === filter.actorId) &&
  (filter.action === undefined || entry.action === filter.action) &&
  (filter.resourceType === undefined || entry.resourceType === filter.resourceType) &&
  (filter.resourceId === undefined || entry.resourceId === filter.resourceId) &&
  (filter.outcome === undefined || entry.outcome === filter.outcome) &&
  (filter.patientId === undefined || (entry.patientIds ?? []).includes(filter.patientId)) &&
  (filter.from === undefined || entry.at >= filter.from) &&
  (filter.to === undefined || entry.at < filter.to) &&
  (filter.beforeSeq === undefined || entry.seq < filter.beforeSeq);

/**
 * The audit log of the embedded profile. Entries live in plain arrays of this adapter, not in a journaled
 * `MemoryDatabase` collection: an `InMemoryUnitOfWork` that fails rolls back its journal, and an audit entry of a
 * denied or failed action must survive that. `MemoryDatabase.clear()` does not touch them either. Stored values
 * are frozen private copies, so nothing a caller holds can change the log; there is no update or delete.
 * When the database is marked unavailable, every call fails (the chainer then fails the use case: fail closed).
 *
 * Pending entries are the exception: they live in a journaled collection, so an entry written inside a
 * transaction rolls back with the change it describes (DOMAIN.md §11.2).
 */
export class InMemoryAuditStore implements AuditStore {
  /** `entries[i].seq === i + 1`: compare-and-set keeps the log gap-free. */
  private readonly log: AuditEntry[] = [];
  private readonly checkpointLog: AuditCheckpoint[] = [];

  constructor(private readonly database: MemoryDatabase) {}

  head(): Promise<ChainHead | null> {
    return this.guard(() => {
      const last = this.log.at(-1);
      return last === undefined ? null : { seq: last.seq, hash: last.hash };
    });
  }

  append(entry: AuditEntry, expectedHeadSeq: number): Promise<boolean> {
    return this.guard(() => {
      if (entry.seq !== expectedHeadSeq + 1)
        throw new RangeError(`entry seq ${entry.seq} does not follow the expected head ${expectedHeadSeq}`);
      if (this.log.length !== expectedHeadSeq) return false;
      this.log.push(deepFreeze(structuredClone(entry)));
      return true;
    });
  }

  insertPending(facts: AuditFacts): Promise<void> {
    return this.guard(() => this.pendingCollection().put(deepFreeze(structuredClone(facts))));
  }

  pendingBatch(limit: number): Promise<readonly AuditFacts[]> {
    return this.guard(() => this.pendingInOrder().slice(0, Math.max(0, limit)));
  }

  chain(entries: readonly AuditEntry[], expectedHeadSeq: number): Promise<boolean> {
    return this.guard(() => {
      if (this.log.length !== expectedHeadSeq) return false;
      entries.forEach((entry, index) => {
        if (entry.seq !== expectedHeadSeq + index + 1)
          throw new RangeError(`entry seq ${entry.seq} does not follow ${expectedHeadSeq + index}`);
      });
      const pending = this.pendingCollection();
      for (const entry of entries) {
        this.log.push(deepFreeze(structuredClone(entry)));
        pending.delete(entry.id);
      }
      return true;
    });
  }

  pendingStats(): Promise<PendingAuditStats> {
    return this.guard(() => {
      const pending = this.pendingInOrder();
      return { count: pending.length, oldestAt: pending[0]?.at ?? null };
    });
  }

  /** Every entry, chained then pending, as its facts (tests read what was recorded without waiting). */
  recorded(): readonly AuditFacts[] {
    return [...this.log, ...this.pendingInOrder()];
  }

  page(fromSeq: number, limit: number): Promise<readonly AuditEntry[]> {
    return this.guard(() => {
      const start = Math.max(0, Math.ceil(fromSeq) - 1);
      return this.log.slice(start, start + Math.max(0, limit));
    });
  }

  search(filter: AuditSearchFilter): Promise<readonly AuditEntry[]> {
    return this.guard(() => {
      const found: AuditEntry[] = [];
      for (let i = this.log.length - 1; i >= 0 && found.length < filter.limit; i -= 1) {
        const entry = this.log[i];
        if (entry !== undefined && matches(entry, filter)) found.push(entry);
      }
      return found;
    });
  }

  count(filter: Omit<AuditSearchFilter, 'limit' | 'beforeSeq'>): Promise<number> {
    return this.guard(() => this.log.filter((entry) => matches(entry, filter)).length);
  }

  appendCheckpoint(checkpoint: AuditCheckpoint, expectedPrevSeq: number): Promise<boolean> {
    return this.guard(() => {
      if (checkpoint.prevSeq !== expectedPrevSeq)
        throw new RangeError(`checkpoint prevSeq ${checkpoint.prevSeq} is not the expected ${expectedPrevSeq}`);
      if ((this.checkpointLog.at(-1)?.seq ?? 0) !== expectedPrevSeq) return false;
      this.checkpointLog.push(deepFreeze(structuredClone(checkpoint)));
      return true;
    });
  }

  latestCheckpoint(): Promise<AuditCheckpoint | null> {
    return this.guard(() => this.checkpointLog.at(-1) ?? null);
  }

  checkpoints(): Promise<readonly AuditCheckpoint[]> {
    return this.guard(() => [...this.checkpointLog]);
  }

  /** Every entry in chain order (tests and the embedded demo). */
  entries(): readonly AuditEntry[] {
    return [...this.log];
  }

  private pendingCollection() {
    return this.database.collection<AuditFacts>('audit_pending');
  }

  /**
   * The stored pending facts themselves, oldest first: read-only views (the sequencer seals copies), because
   * cloning the whole backlog on every batch made a busy server spend its time copying audit entries.
   */
  private pendingInOrder(): AuditFacts[] {
    const stored: AuditFacts[] = [];
    this.pendingCollection().count((facts) => {
      stored.push(facts);
      return false;
    });
    return stored.sort((a, b) => (a.at === b.at ? (a.id < b.id ? -1 : 1) : a.at < b.at ? -1 : 1));
  }

  private guard<T>(read: () => T): Promise<T> {
    if (!this.database.isAvailable()) return Promise.reject(unavailable('AUDIT_STORE_UNAVAILABLE'));
    try {
      return Promise.resolve(read());
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }
}
