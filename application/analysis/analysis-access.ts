import { authorizeAnalysis, type AnalysisCapability } from '../../domain/analysis/analysis-policy';
import type { Conversation } from '../../domain/conversations/conversation';
import type { AccessScope } from '../../domain/identity/roles';
import type { Patient } from '../../domain/patients/patient';
import type { Actor } from '../../domain/shared/actor';
import { RateLimitedError, type DomainError } from '../../domain/shared/errors';
import { denyAnalysisAccess, recordAnalysisDenial, type AnalysisResourceType } from './analysis-audit';
import { conversationNotFound, orgNotFound, patientNotFound } from './analysis-errors';
import type { AnalysisPorts } from './analysis-ports';

/**
 * Applies the matrix to a record about `patient` (API-CONTRACT.md §2.8): another organisation's patient is the
 * same 404 as a missing one (the probe is audited), one of the own organisation outside the caller's scope an
 * audited 403 (`not_assigned` for staff, `role` for a capability the role lacks).
 */
const authorizeFor = async (
  ports: AnalysisPorts,
  scope: AccessScope,
  capability: AnalysisCapability,
  patient: Patient,
  resource: { readonly type: AnalysisResourceType; readonly id: string | null },
  actor: Actor,
  missing: () => DomainError,
): Promise<void> => {
  const assignedToCaller =
    scope.role === 'staff' && (await ports.careTeam.find(patient.id, scope.caregiverId)) !== null;
  const decision = authorizeAnalysis(scope, capability, { orgId: patient.orgId, assignedToCaller });
  if (decision === 'allow') return;
  const denied = { ...resource, orgId: patient.orgId };
  if (decision === 'not-found') {
    await recordAnalysisDenial(ports, actor, capability, denied, 'other_org');
    throw missing();
  }
  const rule = scope.role === 'staff' && capability !== 'analysis.admin' ? 'not_assigned' : 'role';
  await denyAnalysisAccess(ports, actor, capability, { ...denied, patientIds: [patient.id] }, rule);
};

/** A live patient of the caller's scope: unknown, deleted and other organisations' patients are 404 `Patient not found`. */
export const loadPatientForAnalysis = async (
  ports: AnalysisPorts,
  scope: AccessScope,
  patientId: string,
  capability: AnalysisCapability,
  resource: { readonly type: AnalysisResourceType; readonly id: string | null },
  actor: Actor,
): Promise<Patient> => {
  const patient = await ports.patients.findById(patientId);
  if (patient === null) throw patientNotFound();
  await authorizeFor(ports, scope, capability, patient, resource, actor, patientNotFound);
  return patient;
};

/**
 * A conversation whose analysis the caller may read or trigger, with its patient. Unknown ids, conversations of
 * deleted patients and other organisations' conversations are all 404 `Conversation not found`.
 */
export const loadConversationForAnalysis = async (
  ports: AnalysisPorts,
  scope: AccessScope,
  conversationId: string,
  capability: AnalysisCapability,
  actor: Actor,
): Promise<{ conversation: Conversation; patient: Patient }> => {
  const conversation = await ports.conversations.findById(conversationId);
  if (conversation === null) throw conversationNotFound();
  const patient = await ports.patients.findById(conversation.patientId);
  if (patient === null) throw conversationNotFound();
  await authorizeFor(
    ports,
    scope,
    capability,
    patient,
    { type: 'sentiment', id: conversation.id },
    actor,
    conversationNotFound,
  );
  return { conversation, patient };
};

/** The organisation's IANA zone, which windows and local dates follow (UTC if the organisation is gone). */
export const orgZoneOf = async (ports: AnalysisPorts, orgId: string): Promise<string> =>
  (await ports.orgs.findById(orgId))?.timezone ?? 'UTC';

/** Counts a manual trigger toward `analysis-trigger` (20 per hour per caregiver); over it, 429. */
export const consumeTrigger = async (ports: AnalysisPorts, scope: AccessScope): Promise<void> => {
  const limit = await ports.rateLimiter.consume('analysis-trigger', scope.caregiverId);
  if (limit.limited) throw new RateLimitedError(limit.retryAfterSeconds);
};

/**
 * The organisations an admin-only request covers: staff are refused (audited 403); an orgAdmin their own (naming
 * another is an audited 403); a superAdmin the named one (404 `Org not found` if unknown), or every organisation
 * when `all` allows it and none is named, else their own.
 */
export const orgsForAdmin = async (
  ports: AnalysisPorts,
  scope: AccessScope,
  requested: string | undefined,
  resourceType: AnalysisResourceType,
  actor: Actor,
  all: boolean,
): Promise<readonly string[] | 'all'> => {
  const deny = (orgId: string, rule: string) =>
    denyAnalysisAccess(ports, actor, 'analysis.admin', { type: resourceType, id: null, orgId }, rule);
  if (scope.role === 'staff') return deny(scope.orgId, 'role');
  if (scope.role === 'orgAdmin') {
    if (requested !== undefined && requested !== scope.orgId) return deny(requested, 'other_org_request');
    return [scope.orgId];
  }
  if (requested === undefined) return all ? 'all' : [scope.orgId];
  if ((await ports.orgs.findById(requested)) === null) throw orgNotFound();
  return [requested];
};
