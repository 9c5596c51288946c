import { MongoServerError, type Collection, type Db, type Document, type Filter } from 'mongodb';
import type { AuditCheckpoint } from '../../../domain/audit/audit-checkpoint';
import type { AuditEntry, AuditFacts, ChainHead } from '../../../domain/audit/audit-entry';
import type { AuditSearchFilter, AuditStore, PendingAuditStats } from '../../../application/ports/audit-store';
import type { MongoDatabase } from './mongo-connection';

export const AUDIT_COLLECTIONS = {
  entries: 'audit_entries',
  pending: 'audit_pending',
  checkpoints: 'audit_checkpoints',
} as const;

export const AUDIT_INDEXES = {
  entrySeq: 'audit_entries_seq_unique',
  checkpointPrev: 'audit_checkpoints_prev_unique',
} as const;

const DUPLICATE_KEY = 11000;

/** An entry as stored: the entry itself plus `_id` (= `entry.id`). `at` stays an ISO string, as it was hashed. */
type EntryDocument = AuditEntry & { _id: string };
/** A checkpoint as stored, `_id` = its `seq`. */
type CheckpointDocument = AuditCheckpoint & { _id: number };
/** A pending entry: its facts, `_id` = `facts.id`. */
type PendingDocument = AuditFacts & { _id: string };

const isDuplicateKey = (error: unknown): boolean => error instanceof MongoServerError && error.code === DUPLICATE_KEY;

/** The stored document back as an entry: everything but `_id`, untouched, so any edit in the database shows. */
const entryOf = (doc: Document): AuditEntry => {
  const { _id: _ignored, ...entry } = doc;
  return entry as AuditEntry;
};

const checkpointOf = (doc: Document): AuditCheckpoint => {
  const { _id: _ignored, ...checkpoint } = doc;
  return checkpoint as AuditCheckpoint;
};

const TEXT_FILTERS = ['orgId', 'actorId', 'action', 'resourceType', 'resourceId', 'outcome'] as const;

/** The Mongo query of a search: plain strings only, whatever the caller's types said (no operator injection). */
const queryOf = (filter: Omit<AuditSearchFilter, 'limit' | 'beforeSeq'>): Document => {
  const query: Document = {};
  const given = { ...filter } as Partial<Record<string, unknown>>;
  for (const field of [...TEXT_FILTERS, 'patientId', 'from', 'to'])
    if (given[field] !== undefined && typeof given[field] !== 'string')
      throw new TypeError(`audit search: ${field} must be a string`);
  for (const field of TEXT_FILTERS) if (given[field] !== undefined) query[field] = given[field];
  if (filter.patientId !== undefined) query['patientIds'] = filter.patientId;
  if (filter.from !== undefined || filter.to !== undefined)
    query['at'] = {
      ...(filter.from === undefined ? {} : { $gte: filter.from }),
      ...(filter.to === undefined ? {} : { $lt: filter.to }),
    };
  if (filter.requiresReview === true)
    query['$or'] = [{ outcome: { $in: ['failure', 'denied'] } }, { 'details.highRisk': true }];
  return query;
};

/**
 * Creates the audit indexes: a unique `seq` (the compare-and-set of `append`), the views' orders, and a unique
 * `prevSeq` on checkpoints (two checkpoints can never claim the same predecessor). There is deliberately no TTL
 * index: retention is a purge by checkpoint segment (DOMAIN.md §11.4).
 */
export const ensureAuditIndexes = async (db: Db): Promise<void> => {
  await db.collection(AUDIT_COLLECTIONS.entries).createIndexes([
    { key: { seq: 1 }, name: AUDIT_INDEXES.entrySeq, unique: true },
    { key: { orgId: 1, seq: -1 }, name: 'audit_entries_org_seq' },
    { key: { patientIds: 1, seq: -1 }, name: 'audit_entries_patient_seq' },
  ]);
  await db
    .collection(AUDIT_COLLECTIONS.checkpoints)
    .createIndexes([{ key: { prevSeq: 1 }, name: AUDIT_INDEXES.checkpointPrev, unique: true }]);
  await db
    .collection(AUDIT_COLLECTIONS.pending)
    .createIndexes([{ key: { at: 1, _id: 1 }, name: 'audit_pending_order' }]);
};

/**
 * The audit log on MongoDB (`audit_entries`, `audit_checkpoints`), append-only: inserts and reads, nothing here
 * updates or deletes. `append` inserts the entry with `seq = expected + 1`; the unique index on `seq` turns a lost
 * race into E11000, answered as `false` so the chainer re-reads the head and retries.
 *
 * Use cases write pending entries (`audit_pending`) inside their own transaction; the sequencer moves them to
 * `audit_entries` in its transaction (`chain`). `append` and checkpoints never join a transaction.
 */
export class MongoAuditStore implements AuditStore {
  constructor(private readonly database: MongoDatabase) {}

  private get entries(): Collection<EntryDocument> {
    return this.database.collection<EntryDocument>(AUDIT_COLLECTIONS.entries);
  }

  private get checkpointCollection(): Collection<CheckpointDocument> {
    return this.database.collection<CheckpointDocument>(AUDIT_COLLECTIONS.checkpoints);
  }

  async head(): Promise<ChainHead | null> {
    const doc = await this.entries.findOne(
      {},
      { ...this.database.options(), sort: { seq: -1 }, projection: { _id: 0, seq: 1, hash: 1 } },
    );
    return doc === null ? null : { seq: doc.seq, hash: doc.hash };
  }

  async append(entry: AuditEntry, expectedHeadSeq: number): Promise<boolean> {
    if (entry.seq !== expectedHeadSeq + 1)
      throw new RangeError(`entry seq ${entry.seq} does not follow the expected head ${expectedHeadSeq}`);
    try {
      // A fresh document: the driver would otherwise write `_id` into the caller's object.
      await this.entries.insertOne({ ...structuredClone(entry), _id: entry.id });
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }

  private get pending(): Collection<PendingDocument> {
    return this.database.collection<PendingDocument>(AUDIT_COLLECTIONS.pending);
  }

  async insertPending(facts: AuditFacts): Promise<void> {
    await this.pending.insertOne({ ...structuredClone(facts), _id: facts.id }, this.database.options());
  }

  async pendingBatch(limit: number): Promise<readonly AuditFacts[]> {
    if (limit <= 0) return [];
    const docs = await this.pending.find({}, this.database.options()).sort({ at: 1, _id: 1 }).limit(limit).toArray();
    return docs.map((doc) => entryOf(doc) as unknown as AuditFacts);
  }

  async chain(entries: readonly AuditEntry[], expectedHeadSeq: number): Promise<boolean> {
    if (entries.length === 0) return true;
    const head = await this.entries.findOne(
      {},
      { ...this.database.options(), sort: { seq: -1 }, projection: { _id: 0, seq: 1 } },
    );
    if ((head?.seq ?? 0) !== expectedHeadSeq) return false;
    entries.forEach((entry, index) => {
      if (entry.seq !== expectedHeadSeq + index + 1)
        throw new RangeError(`entry seq ${entry.seq} does not follow ${expectedHeadSeq + index}`);
    });
    try {
      await this.entries.insertMany(
        entries.map((entry) => ({ ...structuredClone(entry), _id: entry.id })),
        this.database.options(),
      );
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
    await this.pending.deleteMany({ _id: { $in: entries.map((entry) => entry.id) } }, this.database.options());
    return true;
  }

  async pendingStats(): Promise<PendingAuditStats> {
    const count = await this.pending.countDocuments({}, this.database.options());
    const oldest = await this.pending.findOne({}, { ...this.database.options(), sort: { at: 1, _id: 1 } });
    return { count, oldestAt: oldest?.at ?? null };
  }

  async page(fromSeq: number, limit: number): Promise<readonly AuditEntry[]> {
    if (limit <= 0) return [];
    const docs = await this.entries
      .find({ seq: { $gte: fromSeq } })
      .sort({ seq: 1, _id: 1 })
      .limit(limit)
      .toArray();
    return docs.map(entryOf);
  }

  async search(filter: AuditSearchFilter): Promise<readonly AuditEntry[]> {
    const query = queryOf(filter);
    if (filter.beforeSeq !== undefined) query['seq'] = { $lt: Number(filter.beforeSeq) };
    const docs = await this.entries
      .find(query as Filter<EntryDocument>)
      .sort({ seq: -1 })
      .limit(Math.max(1, filter.limit))
      .toArray();
    return docs.map(entryOf);
  }

  count(filter: Omit<AuditSearchFilter, 'limit' | 'beforeSeq'>): Promise<number> {
    return this.entries.countDocuments(queryOf(filter));
  }

  async appendCheckpoint(checkpoint: AuditCheckpoint, expectedPrevSeq: number): Promise<boolean> {
    if (checkpoint.prevSeq !== expectedPrevSeq)
      throw new RangeError(`checkpoint prevSeq ${checkpoint.prevSeq} is not the expected ${expectedPrevSeq}`);
    try {
      await this.checkpointCollection.insertOne({ ...structuredClone(checkpoint), _id: checkpoint.seq });
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }

  async latestCheckpoint(): Promise<AuditCheckpoint | null> {
    const doc = await this.checkpointCollection.findOne({}, { sort: { seq: -1 } });
    return doc === null ? null : checkpointOf(doc);
  }

  async checkpoints(): Promise<readonly AuditCheckpoint[]> {
    const docs = await this.checkpointCollection.find({}).sort({ seq: 1 }).toArray();
    return docs.map(checkpointOf);
  }
}
