import type { AccessScope } from '../../domain/identity/roles';
import { authorizeAppeal, authorizeRequestHandling } from '../../domain/privacy/privacy-policy';
import {
  addNote,
  appealRequest,
  decideAppeal,
  denyRequest,
  extendRequest,
  startRequest,
  type PrivacyRequest,
} from '../../domain/privacy/privacy-request';
import type { Actor } from '../../domain/shared/actor';
import { loadRequestFor } from './privacy-access';
import { patientIdsOf, recordPrivacy } from './privacy-audit';
import { privacyRequestNotFound } from './privacy-errors';
import type { PrivacyPorts } from './privacy-ports';

/** One `PATCH /privacy/requests/:id` action (API-CONTRACT.md §6.3). */
export type PrivacyRequestAction =
  | { readonly action: 'start' }
  | { readonly action: 'deny'; readonly reason: string }
  | { readonly action: 'extend'; readonly reason: string }
  | { readonly action: 'note'; readonly note: string }
  | { readonly action: 'appeal-decision'; readonly approve: boolean };

const applyAction = (request: PrivacyRequest, change: PrivacyRequestAction, by: string, now: Date): PrivacyRequest => {
  switch (change.action) {
    case 'start':
      return startRequest(request, now);
    case 'deny':
      return denyRequest(request, change.reason, now);
    case 'extend':
      return extendRequest(request, change.reason, now);
    case 'note':
      return addNote(request, by, change.note, now);
    case 'appeal-decision':
      return decideAppeal(request, by, change.approve, now);
  }
};

/**
 * Re-reads the request inside one transaction, applies `change` (a domain transition that throws 409 `Invalid
 * status transition` when the state does not allow it), stores it under compare-and-set and audits it.
 */
const changeRequest = async (
  ports: PrivacyPorts,
  requestId: string,
  actor: Actor,
  operation: string,
  change: (current: PrivacyRequest, now: Date) => PrivacyRequest,
  details: Record<string, string | boolean>,
): Promise<PrivacyRequest> =>
  ports.uow.run(async () => {
    const current = await ports.requests.findById(requestId);
    if (current === null) throw privacyRequestNotFound();
    const saved = await ports.requests.update(change(current, ports.clock.now()));
    await recordPrivacy(
      ports,
      actor,
      'UPDATE',
      operation,
      { type: 'privacyRequest', id: saved.id, orgId: saved.orgId },
      patientIdsOf(saved.subjectType, saved.subjectId),
      { ...details, fromStatus: current.status, toStatus: saved.status },
    );
    return saved;
  });

/**
 * `UpdatePrivacyRequest` (DOMAIN.md §11.8 #9, `PATCH /privacy/requests/:id`): start, deny with a reason, extend
 * once, add a note, decide an appeal. orgAdmins of the request's organisation and superAdmins.
 */
export class UpdatePrivacyRequest {
  constructor(private readonly ports: PrivacyPorts) {}

  async execute(
    scope: AccessScope,
    requestId: string,
    change: PrivacyRequestAction,
    actor: Actor,
  ): Promise<PrivacyRequest> {
    const { ports } = this;
    const operation = `privacy.request.${change.action}`;
    await loadRequestFor(ports, scope, requestId, operation, actor, authorizeRequestHandling);
    const details: Record<string, string | boolean> =
      change.action === 'appeal-decision' ? { step: change.action, approve: change.approve } : { step: change.action };
    return changeRequest(
      ports,
      requestId,
      actor,
      operation,
      (current, now) => applyAction(current, change, scope.caregiverId, now),
      details,
    );
  }
}

/** `POST /privacy/requests/:id/appeal`: the requester contests a denial, once. */
export class AppealPrivacyRequest {
  constructor(private readonly ports: PrivacyPorts) {}

  async execute(scope: AccessScope, requestId: string, reason: string | null, actor: Actor): Promise<PrivacyRequest> {
    const { ports } = this;
    await loadRequestFor(ports, scope, requestId, 'privacy.request.appeal', actor, authorizeAppeal);
    return changeRequest(
      ports,
      requestId,
      actor,
      'privacy.request.appeal',
      (current, now) => appealRequest(current, scope.caregiverId, reason, now),
      { step: 'appeal' },
    );
  }
}
