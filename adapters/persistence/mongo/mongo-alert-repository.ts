import type { Collection, Filter } from 'mongodb';
import type { Alert } from '../../../domain/alerts/alert';
import type { AlertRepository, IdenticalCustomAlert } from '../../../application/alerts/alert-repository';
import { duplicateId } from '../persistence-conflicts';
import { alertFromDocument, alertRef, alertToDocument, type AlertDocument } from './alert-mapper';
import { COLLECTIONS } from './mongo-collections';
import type { MongoDatabase } from './mongo-connection';
import { casFailure, writeOrConflict, type UniqueRule } from './mongo-errors';
import { objectIdOrNull } from './object-ids';

const UNIQUE: readonly UniqueRule[] = [{ index: '_id_', field: '_id', conflict: () => duplicateId('Alert') }];

/** Oldest first, ties by id, as the memory adapter sorts. */
const OLDEST_FIRST = { createdAt: 1, _id: 1 } as const;

/**
 * Alerts in `alerts`; reads see non-deleted alerts only (a soft-deleted alert disappears everywhere), updates are
 * compare-and-set on `version`. Per-caregiver read state (`readBy`) is part of the document, so marking read is
 * an update like any other.
 */
export class MongoAlertRepository implements AlertRepository {
  constructor(private readonly db: MongoDatabase) {}

  private get alerts(): Collection<AlertDocument> {
    return this.db.collection<AlertDocument>(COLLECTIONS.alerts);
  }

  private async liveOldestFirst(filter: Filter<AlertDocument>): Promise<Alert[]> {
    const docs = await this.alerts
      .find({ ...filter, deletedAt: null }, this.db.options())
      .sort(OLDEST_FIRST)
      .toArray();
    return docs.map(alertFromDocument);
  }

  async findById(id: string): Promise<Alert | null> {
    const _id = objectIdOrNull(id);
    if (_id === null) return null;
    const doc = await this.alerts.findOne({ _id, deletedAt: null }, this.db.options());
    return doc === null ? null : alertFromDocument(doc);
  }

  candidatesFor(orgId: string, authorCaregiverId: string): Promise<readonly Alert[]> {
    const org = objectIdOrNull(orgId);
    const author: Filter<AlertDocument> = { authorCaregiverId: alertRef(authorCaregiverId) };
    return this.liveOldestFirst(org === null ? author : { $or: [{ orgId: org }, author] });
  }

  findIdenticalCustom(query: IdenticalCustomAlert): Promise<readonly Alert[]> {
    const orgId = objectIdOrNull(query.orgId);
    if (orgId === null) return Promise.resolve([]);
    return this.liveOldestFirst({
      orgId,
      kind: 'custom',
      patientId: query.patientId === null ? null : alertRef(query.patientId),
      createdBy: alertRef(query.createdBy),
      message: query.message,
    });
  }

  async insert(alert: Alert): Promise<void> {
    const doc = alertToDocument(alert);
    await writeOrConflict(() => this.alerts.insertOne(doc, this.db.options()), UNIQUE);
  }

  async update(alert: Alert): Promise<Alert> {
    const saved: Alert = { ...alert, version: alert.version + 1 };
    const _id = objectIdOrNull(alert.id);
    if (_id === null) throw casFailure('Alert', alert.id, false);
    const doc = alertToDocument(saved);
    const result = await writeOrConflict(
      () => this.alerts.replaceOne({ _id, version: alert.version }, doc, this.db.options()),
      UNIQUE,
    );
    if (result.matchedCount === 0) {
      const exists = (await this.alerts.countDocuments({ _id }, { ...this.db.options(), limit: 1 })) > 0;
      throw casFailure('Alert', alert.id, exists);
    }
    return saved;
  }
}
