import type { Collection, Filter } from 'mongodb';
import type { PrivacyRequest } from '../../../domain/privacy/privacy-request';
import type {
  PrivacyRequestQuery,
  PrivacyRequestRepository,
} from '../../../application/ports/privacy-request-repository';
import { duplicateId } from '../persistence-conflicts';
import type { MongoDatabase } from './mongo-connection';
import { casFailure, writeOrConflict, type UniqueRule } from './mongo-errors';
import { PRIVACY_COLLECTIONS } from './mongo-privacy-collections';
import { objectIdOrNull } from './object-ids';
import {
  privacyRequestFromDocument,
  privacyRequestToDocument,
  type PrivacyRequestDocument,
} from './privacy-request-mapper';

const UNIQUE: readonly UniqueRule[] = [{ index: '_id_', field: '_id', conflict: () => duplicateId('Privacy request') }];

/** The filter of a query, or null when an id in it cannot be an ObjectId (it then matches nothing). */
const filterOf = (query: PrivacyRequestQuery): Filter<PrivacyRequestDocument> | null => {
  const filter: Filter<PrivacyRequestDocument> = {};
  for (const key of ['orgId', 'requestedBy', 'subjectId'] as const) {
    const value = query[key];
    if (value === undefined) continue;
    const id = objectIdOrNull(value);
    if (id === null) return null;
    filter[key] = id;
  }
  if (query.subjectType !== undefined) filter.subjectType = query.subjectType;
  if (query.status !== undefined) filter.status = query.status;
  if (query.requestType !== undefined) filter.requestType = query.requestType;
  return filter;
};

/** Privacy requests in `privacy_requests`; updates are compare-and-set on `version`. */
export class MongoPrivacyRequestRepository implements PrivacyRequestRepository {
  constructor(private readonly db: MongoDatabase) {}

  private get requests(): Collection<PrivacyRequestDocument> {
    return this.db.collection<PrivacyRequestDocument>(PRIVACY_COLLECTIONS.privacyRequests);
  }

  async findById(id: string): Promise<PrivacyRequest | null> {
    const _id = objectIdOrNull(id);
    if (_id === null) return null;
    const doc = await this.requests.findOne({ _id }, this.db.options());
    return doc === null ? null : privacyRequestFromDocument(doc);
  }

  async list(query: PrivacyRequestQuery): Promise<readonly PrivacyRequest[]> {
    const filter = filterOf(query);
    if (filter === null) return [];
    const docs = await this.requests.find(filter, this.db.options()).sort({ createdAt: 1, _id: 1 }).toArray();
    return docs.map(privacyRequestFromDocument);
  }

  async insert(request: PrivacyRequest): Promise<void> {
    const doc = privacyRequestToDocument(request);
    await writeOrConflict(() => this.requests.insertOne(doc, this.db.options()), UNIQUE);
  }

  async update(request: PrivacyRequest): Promise<PrivacyRequest> {
    const saved: PrivacyRequest = { ...request, version: request.version + 1 };
    const _id = objectIdOrNull(request.id);
    if (_id === null) throw casFailure('Privacy request', request.id, false);
    const result = await this.requests.replaceOne(
      { _id, version: request.version },
      privacyRequestToDocument(saved),
      this.db.options(),
    );
    if (result.matchedCount === 0) {
      const exists = (await this.requests.countDocuments({ _id }, { ...this.db.options(), limit: 1 })) > 0;
      throw casFailure('Privacy request', request.id, exists);
    }
    return saved;
  }
}
