import type { AuditCheckpoint } from '../../domain/audit/audit-checkpoint';
import type { AuditEntry, AuditEntryOutcome, AuditFacts, ChainHead } from '../../domain/audit/audit-entry';

/** Filters of the audit views (DOMAIN.md §11.4): all optional, combined with AND, newest first. */
export interface AuditSearchFilter {
  readonly orgId?: string;
  readonly actorId?: string;
  readonly action?: string;
  readonly resourceType?: string;
  readonly resourceId?: string;
  readonly outcome?: AuditEntryOutcome;
  /** Entries whose `patientIds` contain this patient. */
  readonly patientId?: string;
  /** ISO instants: `from <= at < to`. */
  readonly from?: string;
  readonly to?: string;
  /** Only entries that need a human look: outcome `failure` or `denied`, or flagged `highRisk`. */
  readonly requiresReview?: boolean;
  /** Keyset paging: only entries with `seq < beforeSeq`. */
  readonly beforeSeq?: number;
  readonly limit: number;
}

export interface PendingAuditStats {
  readonly count: number;
  /** `at` of the oldest pending entry, or null when none is waiting. */
  readonly oldestAt: string | null;
}

/**
 * The append-only audit log (DOMAIN.md §11.10: entry repository, chain head and checkpoint repository in one port
 * for the first version, RESOLUTIONS.md 40). There is no update or delete. Appends are never part of a caller's
 * transaction: a denied or failed action rolls its own writes back and must still be audited.
 */
export interface AuditStore {
  /** The last appended entry's `{seq, hash}`, or null when the log is empty. */
  head(): Promise<ChainHead | null>;
  /**
   * Appends `entry` (whose `seq` must be `expectedHeadSeq + 1`) only if the head is still `expectedHeadSeq`
   * (0 = empty log). Resolves false when another writer appended first: the caller re-reads the head and retries.
   */
  append(entry: AuditEntry, expectedHeadSeq: number): Promise<boolean>;
  /**
   * Stores an entry as `pending` (DOMAIN.md §11.3). Joins the ambient transaction, so the entry of a change
   * commits or rolls back with it; outside a transaction it is stored at once.
   */
  insertPending(facts: AuditFacts): Promise<void>;
  /** Up to `limit` pending entries, oldest first by `(at, id)`. */
  pendingBatch(limit: number): Promise<readonly AuditFacts[]>;
  /**
   * Appends `entries` (consecutive, the first one following `expectedHeadSeq`) and drops them from the pending
   * set, within the ambient transaction. Resolves false, changing nothing, when the head has moved.
   */
  chain(entries: readonly AuditEntry[], expectedHeadSeq: number): Promise<boolean>;
  pendingStats(): Promise<PendingAuditStats>;
  /** Up to `limit` entries with `seq >= fromSeq`, ordered by `seq` then `id`, exactly as stored. */
  page(fromSeq: number, limit: number): Promise<readonly AuditEntry[]>;
  search(filter: AuditSearchFilter): Promise<readonly AuditEntry[]>;
  /** How many chained entries match (`limit` and `beforeSeq` ignored). */
  count(filter: Omit<AuditSearchFilter, 'limit' | 'beforeSeq'>): Promise<number>;
  /** Appends a checkpoint only if the newest one is still `expectedPrevSeq` (0 = none); false otherwise. */
  appendCheckpoint(checkpoint: AuditCheckpoint, expectedPrevSeq: number): Promise<boolean>;
  latestCheckpoint(): Promise<AuditCheckpoint | null>;
  /** Every checkpoint, ascending by `seq`. */
  checkpoints(): Promise<readonly AuditCheckpoint[]>;
}
