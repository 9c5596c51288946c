import type { Collection, Filter } from 'mongodb';
import type { Caregiver, SsoProviderName } from '../../../domain/identity/caregiver';
import { pageOf, type Page } from '../../../domain/shared/page';
import type { CaregiverQuery, CaregiverRepository } from '../../../application/ports/caregiver-repository';
import { caregiverEmailTaken, duplicateId, ssoIdentityTaken } from '../persistence-conflicts';
import { caregiverFromDocument, caregiverToDocument, type CaregiverDocument } from './caregiver-mapper';
import { COLLECTIONS } from './mongo-collections';
import type { MongoDatabase } from './mongo-connection';
import { casFailure, writeOrConflict, type UniqueRule } from './mongo-errors';
import { UNIQUE_INDEXES } from './mongo-indexes';
import { containsIgnoringCase, findPage } from './mongo-query';
import { objectIdOrNull } from './object-ids';

const UNIQUE: readonly UniqueRule[] = [
  { index: UNIQUE_INDEXES.caregiverEmail, field: 'email', conflict: caregiverEmailTaken },
  { index: UNIQUE_INDEXES.caregiverSsoIdentity, field: 'ssoIdentities.provider', conflict: ssoIdentityTaken },
  { index: '_id_', field: '_id', conflict: () => duplicateId('Caregiver') },
];

/** Caregiver accounts in `caregivers`; reads see non-deleted accounts only, updates are compare-and-set. */
export class MongoCaregiverRepository implements CaregiverRepository {
  constructor(private readonly db: MongoDatabase) {}

  private get caregivers(): Collection<CaregiverDocument> {
    return this.db.collection<CaregiverDocument>(COLLECTIONS.caregivers);
  }

  private async findLive(filter: Filter<CaregiverDocument>): Promise<Caregiver | null> {
    const doc = await this.caregivers.findOne(
      { ...filter, deletedAt: null },
      { ...this.db.options(), sort: { _id: 1 } },
    );
    return doc === null ? null : caregiverFromDocument(doc);
  }

  findById(id: string): Promise<Caregiver | null> {
    const _id = objectIdOrNull(id);
    return _id === null ? Promise.resolve(null) : this.findLive({ _id });
  }

  findByEmail(email: string): Promise<Caregiver | null> {
    return this.findLive({ email });
  }

  findBySsoIdentity(provider: SsoProviderName, subject: string): Promise<Caregiver | null> {
    return this.findLive({ ssoIdentities: { $elemMatch: { provider, subject } } });
  }

  async isEmailTaken(email: string, exceptId?: string): Promise<boolean> {
    const except = exceptId === undefined ? null : objectIdOrNull(exceptId);
    const filter: Filter<CaregiverDocument> = {
      deletedAt: null,
      $or: [{ email }, { pendingEmail: email }],
      ...(except === null ? {} : { _id: { $ne: except } }),
    };
    return (await this.caregivers.countDocuments(filter, { ...this.db.options(), limit: 1 })) > 0;
  }

  list(query: CaregiverQuery): Promise<Page<Caregiver>> {
    const orgId = objectIdOrNull(query.orgId);
    if (orgId === null) return Promise.resolve(pageOf<Caregiver>([], query.page, query.limit));
    const filter: Filter<CaregiverDocument> = {
      orgId,
      deletedAt: null,
      ...(query.nameContains === undefined ? {} : { name: containsIgnoringCase(query.nameContains) }),
      ...(query.role === undefined ? {} : { role: query.role }),
    };
    return findPage(
      { collection: this.caregivers, filter, request: query, session: this.db.options() },
      caregiverFromDocument,
    );
  }

  async idsOfOrg(orgId: string): Promise<readonly string[]> {
    const org = objectIdOrNull(orgId);
    if (org === null) return [];
    const docs = await this.caregivers
      .find({ orgId: org, deletedAt: null }, { ...this.db.options(), projection: { _id: 1 } })
      .sort({ createdAt: 1, _id: 1 })
      .toArray();
    return docs.map((doc) => doc._id.toHexString());
  }

  async listByOrg(orgId: string): Promise<readonly Caregiver[]> {
    const org = objectIdOrNull(orgId);
    if (org === null) return [];
    const docs = await this.caregivers
      .find({ orgId: org, deletedAt: null }, this.db.options())
      .sort({ createdAt: 1, _id: 1 })
      .toArray();
    return docs.map(caregiverFromDocument);
  }

  async insert(caregiver: Caregiver): Promise<void> {
    const doc = caregiverToDocument(caregiver);
    await writeOrConflict(() => this.caregivers.insertOne(doc, this.db.options()), UNIQUE);
  }

  async update(caregiver: Caregiver): Promise<Caregiver> {
    const saved: Caregiver = { ...caregiver, version: caregiver.version + 1 };
    const _id = objectIdOrNull(caregiver.id);
    if (_id === null) throw casFailure('Caregiver', caregiver.id, false);
    const result = await writeOrConflict(
      () =>
        this.caregivers.replaceOne({ _id, version: caregiver.version }, caregiverToDocument(saved), this.db.options()),
      UNIQUE,
    );
    if (result.matchedCount === 0) {
      const exists = (await this.caregivers.countDocuments({ _id }, { ...this.db.options(), limit: 1 })) > 0;
      throw casFailure('Caregiver', caregiver.id, exists);
    }
    return saved;
  }
}
