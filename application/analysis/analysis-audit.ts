import type { AnalysisCapability } from '../../domain/analysis/analysis-policy';
import type { Actor } from '../../domain/shared/actor';
import { forbidden } from '../../domain/shared/errors';
import type { AnalysisPorts } from './analysis-ports';

/** The audit resources of this context (DOMAIN.md §11.1 AuditResource). */
export type AnalysisResourceType = 'sentiment' | 'medicalAnalysis' | 'baseline' | 'fraudAbuseAnalysis';

export interface AnalysisResource {
  readonly type: AnalysisResourceType;
  /** A record id, `list` for a list or trend read, a batch id for queued work. */
  readonly id: string | null;
  readonly orgId: string;
}

type Details = Record<string, string | number | boolean | null>;

/**
 * One PHI entry (DOMAIN.md §11.2), flagged `phiAccessed`: ids, codes and counts only, never a transcript word,
 * score text or name. Writes record it inside their transaction; reads before answering.
 */
export const recordAnalysisPhi = async (
  ports: AnalysisPorts,
  actor: Actor,
  action: 'READ' | 'CREATE' | 'UPDATE',
  resource: AnalysisResource,
  patientIds: readonly string[],
  details: Details = {},
): Promise<void> => {
  const unique = [...new Set(patientIds)];
  await ports.audit.record({
    action,
    outcome: 'success',
    actorKind: actor.kind,
    actorId: actor.caregiverId ?? null,
    orgId: resource.orgId,
    resourceType: resource.type,
    resourceId: resource.id,
    patientIds: unique.slice(0, 100),
    requestId: actor.requestId ?? null,
    ip: actor.ip ?? null,
    at: ports.clock.now(),
    details: { phiAccessed: true, ...(unique.length > 100 ? { patientIdsTruncated: true } : {}), ...details },
  });
};

export interface DeniedAnalysisResource extends AnalysisResource {
  /** Only when the caller named a patient of the own organisation. */
  readonly patientIds?: readonly string[];
}

/** Audits a refusal (`ACCESS_DENIED`, outcome `denied`, flagged for review) without throwing; outside transactions. */
export const recordAnalysisDenial = async (
  ports: AnalysisPorts,
  actor: Actor,
  capability: AnalysisCapability,
  resource: DeniedAnalysisResource,
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
    ...(resource.patientIds === undefined ? {} : { patientIds: [...resource.patientIds] }),
    requestId: actor.requestId ?? null,
    ip: actor.ip ?? null,
    at: ports.clock.now(),
    details: { capability, requiresReview: true, rule },
  });
};

/** Audits the refusal and throws the 403 `Access denied: insufficient permissions.` */
export const denyAnalysisAccess = async (
  ports: AnalysisPorts,
  actor: Actor,
  capability: AnalysisCapability,
  resource: DeniedAnalysisResource,
  rule: string,
): Promise<never> => {
  await recordAnalysisDenial(ports, actor, capability, resource, rule);
  throw forbidden();
};
