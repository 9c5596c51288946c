import type { Actor } from '../../domain/shared/actor';
import { forbidden } from '../../domain/shared/errors';
import type { ReportPorts } from './report-ports';

export type ReportAction = 'READ' | 'CREATE' | 'DELETE';
type Details = Record<string, string | number | boolean | null>;

/**
 * Reports are PHI (DOMAIN.md §11.2): every read, creation and deletion is one `report` entry naming the patients
 * (`phiAccessed`; deletions `highRisk`). Ids and counts only. A read's entry is written before data is returned; a
 * change's inside its transaction.
 */
export const recordReportAccess = async (
  ports: ReportPorts,
  actor: Actor,
  action: ReportAction,
  resource: { readonly id: string; readonly orgId: string | null },
  patientIds: readonly string[],
  details: Details = {},
): Promise<void> => {
  await ports.audit.record({
    action,
    outcome: 'success',
    actorKind: actor.kind,
    actorId: actor.caregiverId ?? null,
    orgId: resource.orgId,
    resourceType: 'report',
    resourceId: resource.id,
    patientIds: [...new Set(patientIds)],
    requestId: actor.requestId ?? null,
    ip: actor.ip ?? null,
    at: ports.clock.now(),
    details: { phiAccessed: true, ...(action === 'DELETE' ? { highRisk: true } : {}), ...details },
  });
};

/** Audits a refusal (`ACCESS_DENIED`, flagged for review) without throwing; call it outside any transaction. */
export const recordReportDenial = async (
  ports: ReportPorts,
  actor: Actor,
  resource: { readonly type: 'report' | 'patient' | 'org'; readonly id: string | null; readonly orgId: string },
  rule: string,
): Promise<void> => {
  await ports.audit.record({
    action: 'ACCESS_DENIED',
    outcome: 'denied',
    actorKind: actor.kind,
    actorId: actor.caregiverId ?? null,
    orgId: resource.orgId,
    resourceType: resource.type,
    resourceId: resource.id,
    requestId: actor.requestId ?? null,
    ip: actor.ip ?? null,
    at: ports.clock.now(),
    details: { capability: 'report', requiresReview: true, rule },
  });
};

export const denyReportAccess = async (
  ports: ReportPorts,
  actor: Actor,
  resource: { readonly type: 'report' | 'patient' | 'org'; readonly id: string | null; readonly orgId: string },
  rule: string,
): Promise<never> => {
  await recordReportDenial(ports, actor, resource, rule);
  throw forbidden();
};
