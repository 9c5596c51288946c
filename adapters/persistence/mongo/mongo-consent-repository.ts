import type { Collection } from 'mongodb';
import type { ConsentRecord } from '../../../domain/privacy/consent';
import type { PrivacySubjectType } from '../../../domain/privacy/privacy-subject';
import type { ConsentRepository } from '../../../application/ports/consent-repository';
import { duplicateId } from '../persistence-conflicts';
import { consentFromDocument, consentToDocument, type ConsentDocument } from './consent-mapper';
import type { MongoDatabase } from './mongo-connection';
import { casFailure, writeOrConflict, type UniqueRule } from './mongo-errors';
import { PRIVACY_COLLECTIONS } from './mongo-privacy-collections';
import { objectIdOrNull } from './object-ids';

const UNIQUE: readonly UniqueRule[] = [{ index: '_id_', field: '_id', conflict: () => duplicateId('Consent') }];

/** Consent records in `consents`; updates are compare-and-set on `version`. */
export class MongoConsentRepository implements ConsentRepository {
  constructor(private readonly db: MongoDatabase) {}

  private get consents(): Collection<ConsentDocument> {
    return this.db.collection<ConsentDocument>(PRIVACY_COLLECTIONS.consents);
  }

  async findById(id: string): Promise<ConsentRecord | null> {
    const _id = objectIdOrNull(id);
    if (_id === null) return null;
    const doc = await this.consents.findOne({ _id }, this.db.options());
    return doc === null ? null : consentFromDocument(doc);
  }

  async listBySubject(subjectType: PrivacySubjectType, subjectId: string): Promise<readonly ConsentRecord[]> {
    const id = objectIdOrNull(subjectId);
    if (id === null) return [];
    const docs = await this.consents
      .find({ subjectType, subjectId: id }, this.db.options())
      .sort({ createdAt: 1, _id: 1 })
      .toArray();
    return docs.map(consentFromDocument);
  }

  async insert(consent: ConsentRecord): Promise<void> {
    const doc = consentToDocument(consent);
    await writeOrConflict(() => this.consents.insertOne(doc, this.db.options()), UNIQUE);
  }

  async update(consent: ConsentRecord): Promise<ConsentRecord> {
    const saved: ConsentRecord = { ...consent, version: consent.version + 1 };
    const _id = objectIdOrNull(consent.id);
    if (_id === null) throw casFailure('Consent', consent.id, false);
    const result = await this.consents.replaceOne(
      { _id, version: consent.version },
      consentToDocument(saved),
      this.db.options(),
    );
    if (result.matchedCount === 0) {
      const exists = (await this.consents.countDocuments({ _id }, { ...this.db.options(), limit: 1 })) > 0;
      throw casFailure('Consent', consent.id, exists);
    }
    return saved;
  }
}
