import type { PatientCapability } from '../../domain/patients/patient-policy';
import type { Actor } from '../../domain/shared/actor';
import { forbidden } from '../../domain/shared/errors';
import type { PatientPorts } from './patient-ports';

/** What an audit entry of this context is about: a patient record, or a care-team (assignment) record. */
export interface PhiResource {
  readonly type: 'patient' | 'careTeam';
  /** The record's id, `list` for a list read, or null. */
  readonly id: string | null;
  readonly orgId: string;
}

export type PhiAction = 'READ' | 'CREATE' | 'UPDATE' | 'DELETE';

type Details = Record<string, string | number | boolean | null>;

/**
 * One PHI entry (DOMAIN.md §11.2): ids, codes and counts only, never a name, e-mail, phone or note. Every entry
 * is flagged `phiAccessed`; `highRisk` marks deletions of patient records. Inside a transaction the entry is
 * written with the change (and undone with it); a read's entry is written before the data is returned.
 */
export const recordPhi = async (
  ports: PatientPorts,
  actor: Actor,
  action: PhiAction,
  resource: PhiResource,
  patientIds: readonly string[],
  details: Details = {},
  highRisk = false,
): Promise<void> => {
  await ports.audit.record({
    action,
    outcome: 'success',
    actorKind: actor.kind,
    actorId: actor.caregiverId ?? null,
    orgId: resource.orgId,
    resourceType: resource.type,
    resourceId: resource.id,
    patientIds: [...patientIds],
    requestId: actor.requestId ?? null,
    ip: actor.ip ?? null,
    at: ports.clock.now(),
    details: { phiAccessed: true, ...(highRisk ? { highRisk: true } : {}), ...details },
  });
};

/** What a refusal was about; `patientIds` only when the caller named patients of the own organisation. */
export interface DeniedResource {
  readonly type: 'patient' | 'careTeam' | 'caregiver' | 'org';
  readonly id: string | null;
  readonly orgId: string;
  readonly patientIds?: readonly string[];
}

/**
 * Audits a refusal (`ACCESS_DENIED`, outcome `denied`, flagged for review) without throwing. Call it outside any
 * transaction: a rolled-back transaction would take the entry with it.
 */
export const recordDenial = async (
  ports: PatientPorts,
  actor: Actor,
  capability: PatientCapability | 'caregiver.read',
  resource: DeniedResource,
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
export const denyPatientAccess = async (
  ports: PatientPorts,
  actor: Actor,
  capability: PatientCapability | 'caregiver.read',
  resource: DeniedResource,
  rule?: string,
): Promise<never> => {
  await recordDenial(ports, actor, capability, resource, rule);
  throw forbidden();
};
