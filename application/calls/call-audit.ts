import type { CallCapability } from '../../domain/calls/call-policy';
import type { Actor } from '../../domain/shared/actor';
import { forbidden } from '../../domain/shared/errors';
import type { AuditRecorder } from '../ports/audit-recorder';
import type { Clock } from '../ports/clock';

/** What an entry of this context is about: a call (its id, `list` for a list read) in an organisation. */
export interface CallResource {
  readonly id: string | null;
  readonly orgId: string;
}

export type CallAction = 'READ' | 'CREATE' | 'UPDATE';

type Details = Record<string, string | number | boolean | null>;

interface AuditPorts {
  readonly audit: AuditRecorder;
  readonly clock: Clock;
}

/**
 * One PHI entry (DOMAIN.md §11.2), `resourceType: 'call'`, flagged `phiAccessed`: ids, codes and counts only,
 * never a transcript, name or phone number. Writes record it inside their transaction; reads before answering.
 */
export const recordCallPhi = async (
  ports: AuditPorts,
  actor: Actor,
  action: CallAction,
  resource: CallResource,
  patientIds: readonly string[],
  details: Details = {},
): Promise<void> => {
  await ports.audit.record({
    action,
    outcome: 'success',
    actorKind: actor.kind,
    actorId: actor.caregiverId ?? null,
    orgId: resource.orgId,
    resourceType: 'call',
    resourceId: resource.id,
    patientIds: [...new Set(patientIds)],
    requestId: actor.requestId ?? null,
    ip: actor.ip ?? null,
    at: ports.clock.now(),
    details: { phiAccessed: true, ...details },
  });
};

export interface DeniedCallResource extends CallResource {
  /** Only when the caller named a patient of the own organisation. */
  readonly patientIds?: readonly string[];
}

/** Audits a refusal (`ACCESS_DENIED`, outcome `denied`, flagged for review) without throwing; outside transactions. */
export const recordCallDenial = async (
  ports: AuditPorts,
  actor: Actor,
  capability: CallCapability,
  resource: DeniedCallResource,
  rule: string,
): Promise<void> => {
  await ports.audit.record({
    action: 'ACCESS_DENIED',
    outcome: 'denied',
    actorKind: actor.kind,
    actorId: actor.caregiverId ?? null,
    orgId: resource.orgId,
    resourceType: 'call',
    resourceId: resource.id,
    ...(resource.patientIds === undefined ? {} : { patientIds: [...resource.patientIds] }),
    requestId: actor.requestId ?? null,
    ip: actor.ip ?? null,
    at: ports.clock.now(),
    details: { capability, requiresReview: true, rule },
  });
};

/** Audits the refusal and throws the 403 `Access denied: insufficient permissions.` */
export const denyCallAccess = async (
  ports: AuditPorts,
  actor: Actor,
  capability: CallCapability,
  resource: DeniedCallResource,
  rule: string,
): Promise<never> => {
  await recordCallDenial(ports, actor, capability, resource, rule);
  throw forbidden();
};
