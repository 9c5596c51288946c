import type { AccessDecision, AccessScope } from '../identity/roles';
import type { PrivacyRequest } from './privacy-request';
import type { PrivacySubject } from './privacy-subject';

/**
 * Who may do what with privacy requests and consents (API-CONTRACT.md §6.3, DOMAIN.md §2.2 and §11.5): any
 * caregiver about themselves; orgAdmins about their organisation's patients and caregivers; superAdmins about
 * anyone. As everywhere, another organisation's record is "not found" and a record of the own organisation
 * outside the caller's scope is "forbidden".
 */
const isSelf = (scope: AccessScope, subject: PrivacySubject): boolean =>
  subject.type === 'caregiver' && subject.id === scope.caregiverId;

const ownOrgAdmin = (scope: AccessScope, orgId: string): boolean => scope.role === 'orgAdmin' && scope.orgId === orgId;

/** Filing a request; only admins file for an external requestor. */
export const authorizeRequestFiling = (
  scope: AccessScope,
  subject: PrivacySubject,
  forExternalRequestor: boolean,
): AccessDecision => {
  if (scope.role === 'superAdmin') return 'allow';
  if (subject.orgId !== scope.orgId) return 'not-found';
  if (scope.role === 'orgAdmin') return 'allow';
  return isSelf(scope, subject) && !forExternalRequestor ? 'allow' : 'forbidden';
};

/** Requesters see their own requests, orgAdmins their organisation's, superAdmins all. */
export const canSeeRequest = (scope: AccessScope, request: PrivacyRequest): boolean =>
  scope.role === 'superAdmin' || request.requestedBy === scope.caregiverId || ownOrgAdmin(scope, request.orgId);

/** Handling (start, deny, extend, note, appeal decisions, completion): orgAdmins of the organisation, superAdmins. */
export const authorizeRequestHandling = (scope: AccessScope, request: PrivacyRequest): AccessDecision => {
  if (scope.role === 'superAdmin' || ownOrgAdmin(scope, request.orgId)) return 'allow';
  return canSeeRequest(scope, request) ? 'forbidden' : 'not-found';
};

/** Only the requester appeals a denial. */
export const authorizeAppeal = (scope: AccessScope, request: PrivacyRequest): AccessDecision => {
  if (request.requestedBy === scope.caregiverId) return 'allow';
  return canSeeRequest(scope, request) ? 'forbidden' : 'not-found';
};

/**
 * Who downloads an access export. A caregiver's own data goes to the requester (or the caregiver it is about),
 * never to their admins (RESOLUTIONS.md 5); a patient's record goes to the organisation's admins and
 * superAdmins, who answer the patient.
 */
export const mayDownloadExport = (scope: AccessScope, request: PrivacyRequest): boolean => {
  if (request.subjectType === 'caregiver') {
    return request.requestedBy === scope.caregiverId || request.subjectId === scope.caregiverId;
  }
  return scope.role === 'superAdmin' || ownOrgAdmin(scope, request.orgId);
};

/**
 * Recording, listing and withdrawing consents: the caregiver's own; staff for their assigned patients;
 * orgAdmins for their organisation's patients and caregivers; superAdmins for anyone.
 */
export const authorizeConsent = (
  scope: AccessScope,
  subject: PrivacySubject,
  assignedToCaller: boolean,
): AccessDecision => {
  if (scope.role === 'superAdmin' || isSelf(scope, subject)) return 'allow';
  if (subject.orgId !== scope.orgId) return 'not-found';
  if (scope.role === 'orgAdmin') return 'allow';
  return subject.type === 'patient' && assignedToCaller ? 'allow' : 'forbidden';
};
