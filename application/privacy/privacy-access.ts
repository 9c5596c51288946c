import type { AccessDecision, AccessScope } from '../../domain/identity/roles';
import { canSeeRequest } from '../../domain/privacy/privacy-policy';
import type { PrivacyRequest } from '../../domain/privacy/privacy-request';
import type { PrivacySubject, PrivacySubjectType } from '../../domain/privacy/privacy-subject';
import type { Actor } from '../../domain/shared/actor';
import { denyPrivacy, patientIdsOf, recordPrivacyDenial } from './privacy-audit';
import { caregiverNotFound, patientNotFound, privacyRequestNotFound } from './privacy-errors';
import type { PrivacyPorts } from './privacy-ports';

/** The subject a request or a consent names, with its organisation; unknown and deleted subjects are 404. */
export const resolveSubject = async (
  ports: PrivacyPorts,
  type: PrivacySubjectType,
  id: string,
): Promise<PrivacySubject> => {
  if (type === 'patient') {
    const patient = await ports.patientContext.patients.findById(id);
    if (patient === null) throw patientNotFound();
    return { type, id: patient.id, orgId: patient.orgId };
  }
  const caregiver = await ports.identity.caregivers.findById(id);
  if (caregiver === null) throw caregiverNotFound();
  return { type, id: caregiver.id, orgId: caregiver.orgId };
};

/** Whether a current care-team assignment links the patient and the caregiver. */
export const isAssigned = async (ports: PrivacyPorts, patientId: string, caregiverId: string): Promise<boolean> =>
  (await ports.patientContext.careTeam.find(patientId, caregiverId)) !== null;

/**
 * Applies a decision about a subject: another organisation's subject is the same 404 as an unknown one (the
 * probe is audited), a subject of the own organisation outside the caller's scope an audited 403.
 */
export const enforceSubjectDecision = async (
  ports: PrivacyPorts,
  scope: AccessScope,
  actor: Actor,
  operation: string,
  subject: PrivacySubject,
  decision: AccessDecision,
): Promise<void> => {
  if (decision === 'allow') return;
  const resource = { type: subject.type, id: subject.id, orgId: subject.orgId };
  if (decision === 'not-found') {
    await recordPrivacyDenial(ports, actor, operation, resource, 'other_org');
    throw subject.type === 'patient' ? patientNotFound() : caregiverNotFound();
  }
  const rule = subject.type === 'patient' && scope.role === 'staff' ? 'not_assigned' : 'not_in_scope';
  await denyPrivacy(ports, actor, operation, { ...resource, patientIds: patientIdsOf(subject.type, subject.id) }, rule);
};

const resourceOf = (request: PrivacyRequest) => ({
  type: 'privacyRequest' as const,
  id: request.id,
  orgId: request.orgId,
});

/** A request the caller may see (requester, the organisation's admins, superAdmins); anything else is 404. */
export const loadVisibleRequest = async (
  ports: PrivacyPorts,
  scope: AccessScope,
  requestId: string,
  operation: string,
  actor: Actor,
): Promise<PrivacyRequest> =>
  loadRequestFor(ports, scope, requestId, operation, actor, (s, request) =>
    canSeeRequest(s, request) ? 'allow' : 'not-found',
  );

/**
 * A request the caller may act on under `decide`: unknown and unseen requests are 404 (an unseen one is audited
 * as a probe); a request the caller sees but may not act on is an audited 403.
 */
export const loadRequestFor = async (
  ports: PrivacyPorts,
  scope: AccessScope,
  requestId: string,
  operation: string,
  actor: Actor,
  decide: (scope: AccessScope, request: PrivacyRequest) => AccessDecision,
): Promise<PrivacyRequest> => {
  const request = await ports.requests.findById(requestId);
  if (request === null) throw privacyRequestNotFound();
  const decision = decide(scope, request);
  if (decision === 'allow') return request;
  if (decision === 'not-found') {
    await recordPrivacyDenial(ports, actor, operation, resourceOf(request), 'not_visible');
    throw privacyRequestNotFound();
  }
  return denyPrivacy(ports, actor, operation, resourceOf(request), 'not_handler');
};
