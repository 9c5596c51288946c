import type { AccessScope } from '../../domain/identity/roles';
import {
  compareByDeadline,
  isApproaching,
  isOverdue,
  type PrivacyRequest,
  type PrivacyRequestStatus,
  type PrivacyRequestType,
} from '../../domain/privacy/privacy-request';
import type { Actor } from '../../domain/shared/actor';
import type { PrivacyRequestQuery } from '../ports/privacy-request-repository';
import { loadVisibleRequest } from './privacy-access';
import { patientIdsOf, recordPrivacy } from './privacy-audit';
import type { PrivacyPorts } from './privacy-ports';

export interface PrivacyRequestFilter {
  readonly status?: PrivacyRequestStatus;
  readonly requestType?: PrivacyRequestType;
  /** Open and due within 5 days. */
  readonly approaching?: boolean;
  /** Open and past the effective deadline. */
  readonly overdue?: boolean;
}

const patientsNamedBy = (requests: readonly PrivacyRequest[]): string[] =>
  requests.flatMap((request) => patientIdsOf(request.subjectType, request.subjectId));

/**
 * `ListPrivacyRequests` (DOMAIN.md §11.8 #8, `GET /privacy/requests`): the caller's own requests; an orgAdmin's
 * organisation's; every request for a superAdmin. Earliest deadline first.
 */
export class ListPrivacyRequests {
  constructor(private readonly ports: PrivacyPorts) {}

  async execute(scope: AccessScope, filter: PrivacyRequestFilter, actor: Actor): Promise<PrivacyRequest[]> {
    const { ports } = this;
    const base: PrivacyRequestQuery = {
      ...(filter.status === undefined ? {} : { status: filter.status }),
      ...(filter.requestType === undefined ? {} : { requestType: filter.requestType }),
    };
    const queries: PrivacyRequestQuery[] =
      scope.role === 'superAdmin'
        ? [base]
        : scope.role === 'orgAdmin'
          ? [
              { ...base, orgId: scope.orgId },
              { ...base, requestedBy: scope.caregiverId },
            ]
          : [{ ...base, requestedBy: scope.caregiverId }];
    const found = new Map<string, PrivacyRequest>();
    for (const query of queries) for (const request of await ports.requests.list(query)) found.set(request.id, request);
    const now = ports.clock.now();
    const requests = [...found.values()]
      .filter((request) => filter.approaching !== true || isApproaching(request, now))
      .filter((request) => filter.overdue !== true || isOverdue(request, now))
      .sort(compareByDeadline);
    await recordPrivacy(
      ports,
      actor,
      'READ',
      'privacy.request.list',
      { type: 'privacyRequest', id: 'list', orgId: scope.orgId },
      patientsNamedBy(requests),
      { count: requests.length },
    );
    return requests;
  }
}

/** `GetPrivacyRequest` (`GET /privacy/requests/:id`): the requester, the organisation's admins, superAdmins. */
export class GetPrivacyRequest {
  constructor(private readonly ports: PrivacyPorts) {}

  async execute(scope: AccessScope, requestId: string, actor: Actor): Promise<PrivacyRequest> {
    const { ports } = this;
    const request = await loadVisibleRequest(ports, scope, requestId, 'privacy.request.read', actor);
    await recordPrivacy(
      ports,
      actor,
      'READ',
      'privacy.request.read',
      { type: 'privacyRequest', id: request.id, orgId: request.orgId },
      patientIdsOf(request.subjectType, request.subjectId),
    );
    return request;
  }
}
