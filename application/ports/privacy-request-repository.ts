import type { PrivacyRequest, PrivacyRequestStatus, PrivacyRequestType } from '../../domain/privacy/privacy-request';
import type { PrivacySubjectType } from '../../domain/privacy/privacy-subject';

/** Filters of a request list, combined with AND; an absent filter matches everything. */
export interface PrivacyRequestQuery {
  readonly orgId?: string;
  readonly requestedBy?: string;
  readonly subjectType?: PrivacySubjectType;
  readonly subjectId?: string;
  readonly status?: PrivacyRequestStatus;
  readonly requestType?: PrivacyRequestType;
}

/**
 * Privacy requests (DOMAIN.md §11.5), kept 7 years after they close (no delete). Updates are compare-and-set
 * on `version` (`STALE_VERSION` conflict on mismatch); writes join the ambient transaction.
 */
export interface PrivacyRequestRepository {
  findById(id: string): Promise<PrivacyRequest | null>;
  /** The matching requests, oldest first (ties by id); callers apply the deadline order. */
  list(query: PrivacyRequestQuery): Promise<readonly PrivacyRequest[]>;
  insert(request: PrivacyRequest): Promise<void>;
  /** Stores `request` if the stored version still equals `request.version`; resolves the saved record. */
  update(request: PrivacyRequest): Promise<PrivacyRequest>;
}
