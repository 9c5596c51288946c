import type { Collection, Filter } from 'mongodb';
import type { Org } from '../../../domain/identity/org';
import type { Page } from '../../../domain/shared/page';
import type { OrgQuery, OrgRepository } from '../../../application/ports/org-repository';
import { duplicateId, orgEmailTaken } from '../persistence-conflicts';
import { COLLECTIONS } from './mongo-collections';
import type { MongoDatabase } from './mongo-connection';
import { casFailure, writeOrConflict, type UniqueRule } from './mongo-errors';
import { UNIQUE_INDEXES } from './mongo-indexes';
import { containsIgnoringCase, findPage } from './mongo-query';
import { objectIdOrNull } from './object-ids';
import { orgFromDocument, orgToDocument, type OrgDocument } from './org-mapper';

const UNIQUE: readonly UniqueRule[] = [
  { index: UNIQUE_INDEXES.orgEmail, field: 'email', conflict: orgEmailTaken },
  { index: '_id_', field: '_id', conflict: () => duplicateId('Org') },
];

/** Organisations in `orgs`; reads see non-deleted orgs only, updates are compare-and-set on `version`. */
export class MongoOrgRepository implements OrgRepository {
  constructor(private readonly db: MongoDatabase) {}

  private get orgs(): Collection<OrgDocument> {
    return this.db.collection<OrgDocument>(COLLECTIONS.orgs);
  }

  private async findLive(filter: Filter<OrgDocument>): Promise<Org | null> {
    const doc = await this.orgs.findOne({ ...filter, deletedAt: null }, { ...this.db.options(), sort: { _id: 1 } });
    return doc === null ? null : orgFromDocument(doc);
  }

  findById(id: string): Promise<Org | null> {
    const _id = objectIdOrNull(id);
    return _id === null ? Promise.resolve(null) : this.findLive({ _id });
  }

  findByEmail(email: string): Promise<Org | null> {
    return this.findLive({ email });
  }

  findPlatform(): Promise<Org | null> {
    return this.findLive({ isPlatform: true });
  }

  list(query: OrgQuery): Promise<Page<Org>> {
    const filter: Filter<OrgDocument> = {
      deletedAt: null,
      ...(query.nameContains === undefined ? {} : { name: containsIgnoringCase(query.nameContains) }),
    };
    return findPage({ collection: this.orgs, filter, request: query, session: this.db.options() }, orgFromDocument);
  }

  async insert(org: Org): Promise<void> {
    const doc = orgToDocument(org);
    await writeOrConflict(() => this.orgs.insertOne(doc, this.db.options()), UNIQUE);
  }

  async update(org: Org): Promise<Org> {
    const saved: Org = { ...org, version: org.version + 1 };
    const _id = objectIdOrNull(org.id);
    if (_id === null) throw casFailure('Org', org.id, false);
    const result = await writeOrConflict(
      () => this.orgs.replaceOne({ _id, version: org.version }, orgToDocument(saved), this.db.options()),
      UNIQUE,
    );
    if (result.matchedCount === 0) {
      const exists = (await this.orgs.countDocuments({ _id }, { ...this.db.options(), limit: 1 })) > 0;
      throw casFailure('Org', org.id, exists);
    }
    return saved;
  }
}
