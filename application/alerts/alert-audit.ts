import type { AlertCapability } from '../../domain/alerts/alert-policy';
import type { Actor } from '../../domain/shared/actor';
import { forbidden } from '../../domain/shared/errors';
import type { AlertPorts } from './alert-ports';

/** What an audit entry of this context is about: one alert, or (`id: 'list'`) a list of them. */
export interface AlertResource {
  readonly id: string | null;
  readonly orgId: string;
}

export type AlertAction = 'READ' | 'CREATE' | 'UPDATE' | 'DELETE';

type Details = Record<string, string | number | boolean | null>;

/**
 * One entry per alert read or write (DOMAIN.md §11.2), resource type `alert`, naming the patients the alerts
 * relate to: ids, codes and counts only, never a message. Entries that name patients are flagged `phiAccessed`.
 * Inside a transaction the entry is written with the change; a read's entry is written before data is returned.
 */
export const recordAlertAccess = async (
  ports: AlertPorts,
  actor: Actor,
  action: AlertAction,
  resource: AlertResource,
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
    resourceType: 'alert',
    resourceId: resource.id,
    patientIds: unique,
    requestId: actor.requestId ?? null,
    ip: actor.ip ?? null,
    at: ports.clock.now(),
    details: { ...(unique.length > 0 ? { phiAccessed: true } : {}), ...details },
  });
};

/** What a refusal was about; `type` is `alert`, or `patient`/`org` when the request named one of those. */
export interface DeniedAlertResource {
  readonly type: 'alert' | 'patient' | 'org';
  readonly id: string | null;
  readonly orgId: string;
  readonly patientIds?: readonly string[];
}

/**
 * Audits a refusal (`ACCESS_DENIED`, outcome `denied`, flagged for review) without throwing. Call it outside any
 * transaction: a rolled-back transaction would take the entry with it.
 */
export const recordAlertDenial = async (
  ports: AlertPorts,
  actor: Actor,
  capability: AlertCapability,
  resource: DeniedAlertResource,
  rule?: string,
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
    details: { capability, requiresReview: true, ...(rule === undefined ? {} : { rule }) },
  });
};

/** Audits the refusal and throws the 403 `Access denied: insufficient permissions.` */
export const denyAlertAccess = async (
  ports: AlertPorts,
  actor: Actor,
  capability: AlertCapability,
  resource: DeniedAlertResource,
  rule?: string,
): Promise<never> => {
  await recordAlertDenial(ports, actor, capability, resource, rule);
  throw forbidden();
};
