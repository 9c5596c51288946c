import type { PrivacyRequest } from '../../../domain/privacy/privacy-request';
import type {
  PrivacyRequestQuery,
  PrivacyRequestRepository,
} from '../../../application/ports/privacy-request-repository';
import { duplicateId } from '../persistence-conflicts';
import type { MemoryDatabase } from './memory-database';
import { settle } from './settle';
import { bumpVersion } from './version-check';

const matches = (request: PrivacyRequest, query: PrivacyRequestQuery): boolean =>
  (query.orgId === undefined || request.orgId === query.orgId) &&
  (query.requestedBy === undefined || request.requestedBy === query.requestedBy) &&
  (query.subjectType === undefined || request.subjectType === query.subjectType) &&
  (query.subjectId === undefined || request.subjectId === query.subjectId) &&
  (query.status === undefined || request.status === query.status) &&
  (query.requestType === undefined || request.requestType === query.requestType);

/** Privacy requests in the embedded store (collection `privacy_requests`). */
export class InMemoryPrivacyRequestRepository implements PrivacyRequestRepository {
  constructor(private readonly db: MemoryDatabase) {}

  private get requests() {
    return this.db.collection<PrivacyRequest>('privacy_requests');
  }

  findById(id: string): Promise<PrivacyRequest | null> {
    return Promise.resolve(this.requests.get(id) ?? null);
  }

  list(query: PrivacyRequestQuery): Promise<readonly PrivacyRequest[]> {
    return Promise.resolve(
      this.requests
        .find((request) => matches(request, query))
        .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    );
  }

  // Every refusal is a rejected promise, as from a real store (never a synchronous throw).
  insert(request: PrivacyRequest): Promise<void> {
    return settle(() => {
      if (this.requests.get(request.id) !== undefined) throw duplicateId('Privacy request');
      this.requests.put(request);
    });
  }

  update(request: PrivacyRequest): Promise<PrivacyRequest> {
    return settle(() => {
      const saved = bumpVersion(this.requests.get(request.id), request, 'Privacy request');
      this.requests.put(saved);
      return saved;
    });
  }
}
