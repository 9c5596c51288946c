import type { Actor } from '../../domain/shared/actor';
import { forbidden } from '../../domain/shared/errors';
import type { PrivacyPorts } from './privacy-ports';

/**
 * The audit entries of the privacy context (DOMAIN.md §11.2): the action of the audit vocabulary (`CREATE`,
 * `READ`, `UPDATE`, `EXPORT`, `ANONYMISE`, `CONSENT_GRANTED`, `CONSENT_WITHDRAWN`) plus `details.operation`,
 * the use-case's name (`privacy.request.create`, `privacy.export.download`, `consent.withdraw`, ...). Ids, codes
 * and counts only: never a reason, a note, a requested value or a name.
 */
export type PrivacyAuditAction =
  'CREATE' | 'READ' | 'UPDATE' | 'EXPORT' | 'ANONYMISE' | 'CONSENT_GRANTED' | 'CONSENT_WITHDRAWN';

export interface PrivacyAuditResource {
  readonly type: 'privacyRequest' | 'privacyExport' | 'consent' | 'patient' | 'caregiver';
  /** The record's id, `list` for a list read. */
  readonly id: string;
  readonly orgId: string;
}

type Details = Record<string, string | number | boolean | null>;

/** The patients a record about `subjectType`/`subjectId` concerns (disclosure accounting). */
export const patientIdsOf = (subjectType: string, subjectId: string): string[] =>
  subjectType === 'patient' ? [subjectId] : [];

/**
 * One entry; PHI entries (naming patients) are flagged `phiAccessed`, exports and anonymisations `highRisk`.
 * Inside a transaction the entry commits or rolls back with the change; a read's entry is written before data is
 * returned.
 */
export const recordPrivacy = async (
  ports: PrivacyPorts,
  actor: Actor,
  action: PrivacyAuditAction,
  operation: string,
  resource: PrivacyAuditResource,
  patientIds: readonly string[],
  details: Details = {},
): Promise<void> => {
  const unique = [...new Set(patientIds)];
  const highRisk = action === 'EXPORT' || action === 'ANONYMISE';
  await ports.audit.record({
    action,
    outcome: 'success',
    actorKind: actor.kind,
    actorId: actor.caregiverId ?? null,
    orgId: resource.orgId,
    resourceType: resource.type,
    resourceId: resource.id,
    patientIds: unique,
    requestId: actor.requestId ?? null,
    ip: actor.ip ?? null,
    at: ports.clock.now(),
    details: {
      operation,
      ...(unique.length > 0 ? { phiAccessed: true } : {}),
      ...(highRisk ? { highRisk: true } : {}),
      ...details,
    },
  });
};

export interface DeniedPrivacyResource {
  readonly type: 'privacyRequest' | 'privacyExport' | 'consent' | 'patient' | 'caregiver';
  readonly id: string | null;
  readonly orgId: string;
  /** Only when the caller named a patient of their own organisation. */
  readonly patientIds?: readonly string[];
}

/**
 * Audits a refusal (`ACCESS_DENIED`, outcome `denied`, flagged for review) without throwing. Call it outside any
 * transaction: a rolled-back transaction would take the entry with it.
 */
export const recordPrivacyDenial = async (
  ports: PrivacyPorts,
  actor: Actor,
  operation: string,
  resource: DeniedPrivacyResource,
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
    details: { operation, rule, requiresReview: true },
  });
};

/** Audits the refusal and throws the 403 `Access denied: insufficient permissions.` */
export const denyPrivacy = async (
  ports: PrivacyPorts,
  actor: Actor,
  operation: string,
  resource: DeniedPrivacyResource,
  rule: string,
): Promise<never> => {
  await recordPrivacyDenial(ports, actor, operation, resource, rule);
  throw forbidden();
};
