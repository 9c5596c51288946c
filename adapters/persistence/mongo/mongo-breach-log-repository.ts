import type { Collection, Filter } from 'mongodb';
import type { BreachLogRepository, BreachRecord, BreachType } from '../../../application/ports/breach-log-repository';
import { duplicateId } from '../persistence-conflicts';
import { breachFromDocument, breachToDocument, type BreachLogDocument } from './breach-log-mapper';
import { COLLECTIONS } from './mongo-collections';
import type { MongoDatabase } from './mongo-connection';
import { writeOrConflict, type UniqueRule } from './mongo-errors';
import { objectIdOrNull } from './object-ids';

const UNIQUE: readonly UniqueRule[] = [{ index: '_id_', field: '_id', conflict: () => duplicateId('Breach record') }];

/** Suspected breaches in `breach_logs`, in detection order. */
export class MongoBreachLogRepository implements BreachLogRepository {
  constructor(private readonly db: MongoDatabase) {}

  private get breaches(): Collection<BreachLogDocument> {
    return this.db.collection<BreachLogDocument>(COLLECTIONS.breachLogs);
  }

  async insert(record: BreachRecord): Promise<void> {
    const doc = breachToDocument(record);
    await writeOrConflict(() => this.breaches.insertOne(doc, this.db.options()), UNIQUE);
  }

  async findOpenSince(
    type: BreachType,
    subject: { caregiverId?: string; ip?: string },
    since: Date,
  ): Promise<BreachRecord | null> {
    const filter: Filter<BreachLogDocument> = {
      type,
      status: { $in: ['INVESTIGATING', 'CONFIRMED'] },
      detectedAt: { $gte: since },
    };
    if (subject.caregiverId !== undefined) {
      const caregiverId = objectIdOrNull(subject.caregiverId);
      if (caregiverId === null) return null;
      filter.caregiverId = caregiverId;
    }
    if (subject.ip !== undefined) filter.ip = subject.ip;
    const doc = await this.breaches.findOne(filter, { ...this.db.options(), sort: { detectedAt: 1, _id: 1 } });
    return doc === null ? null : breachFromDocument(doc);
  }

  async findById(id: string): Promise<BreachRecord | null> {
    const _id = objectIdOrNull(id);
    if (_id === null) return null;
    const doc = await this.breaches.findOne({ _id }, this.db.options());
    return doc === null ? null : breachFromDocument(doc);
  }

  async update(record: BreachRecord): Promise<void> {
    const doc = breachToDocument(record);
    const result = await this.breaches.replaceOne({ _id: doc._id }, doc, this.db.options());
    if (result.matchedCount === 0) throw new Error(`no breach record ${record.id}`);
  }

  async list(orgId?: string): Promise<readonly BreachRecord[]> {
    let filter: Filter<BreachLogDocument> = {};
    if (orgId !== undefined) {
      const org = objectIdOrNull(orgId);
      if (org === null) return [];
      filter = { orgId: org };
    }
    const docs = await this.breaches.find(filter, this.db.options()).sort({ detectedAt: 1, _id: 1 }).toArray();
    return docs.map(breachFromDocument);
  }
}
