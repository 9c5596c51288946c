import type { Collection, Filter, ObjectId } from 'mongodb';
import type { PrivacySubjectType } from '../../../domain/privacy/privacy-subject';
import type { PrivacyExportStore, StoredPrivacyExport } from '../../../application/ports/privacy-export-store';
import type { MongoDatabase } from './mongo-connection';
import { PRIVACY_COLLECTIONS } from './mongo-privacy-collections';
import { hexOf, objectIdOrNull, toObjectId } from './object-ids';

/** An export as stored: only ciphertext, never the document in clear. */
interface PrivacyExportDocument {
  _id: ObjectId;
  orgId: ObjectId;
  subjectType: PrivacySubjectType;
  subjectId: ObjectId;
  ciphertext: string;
  createdAt: Date;
  expiresAt: Date;
}

const toDocument = (e: StoredPrivacyExport): PrivacyExportDocument => ({
  _id: toObjectId(e.id),
  orgId: toObjectId(e.orgId, 'orgId'),
  subjectType: e.subjectType,
  subjectId: toObjectId(e.subjectId, 'subjectId'),
  ciphertext: e.ciphertext,
  createdAt: e.createdAt,
  expiresAt: e.expiresAt,
});

const fromDocument = (doc: PrivacyExportDocument): StoredPrivacyExport => ({
  id: hexOf(doc._id),
  orgId: hexOf(doc.orgId),
  subjectType: doc.subjectType,
  subjectId: hexOf(doc.subjectId),
  ciphertext: doc.ciphertext,
  createdAt: doc.createdAt,
  expiresAt: doc.expiresAt,
});

/** Encrypted access exports in `privacy_exports`, one per access request. */
export class MongoPrivacyExportStore implements PrivacyExportStore {
  constructor(private readonly db: MongoDatabase) {}

  private get exports(): Collection<PrivacyExportDocument> {
    return this.db.collection<PrivacyExportDocument>(PRIVACY_COLLECTIONS.privacyExports);
  }

  async save(stored: StoredPrivacyExport): Promise<void> {
    const doc = toDocument(stored);
    await this.exports.replaceOne({ _id: doc._id }, doc, { ...this.db.options(), upsert: true });
  }

  async find(id: string): Promise<StoredPrivacyExport | null> {
    const _id = objectIdOrNull(id);
    if (_id === null) return null;
    const doc = await this.exports.findOne({ _id }, this.db.options());
    return doc === null ? null : fromDocument(doc);
  }

  async deleteExpired(now: Date): Promise<number> {
    return this.deleteWhere({ expiresAt: { $lte: now } });
  }

  async deleteBySubject(subjectType: PrivacySubjectType, subjectId: string): Promise<number> {
    const id = objectIdOrNull(subjectId);
    return id === null ? 0 : this.deleteWhere({ subjectType, subjectId: id });
  }

  private async deleteWhere(filter: Filter<PrivacyExportDocument>): Promise<number> {
    return (await this.exports.deleteMany(filter, this.db.options())).deletedCount;
  }
}
