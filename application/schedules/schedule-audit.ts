import type { ScheduleCapability } from '../../domain/schedules/schedule-policy';
import type { Schedule } from '../../domain/schedules/schedule';
import type { Actor } from '../../domain/shared/actor';
import { forbidden } from '../../domain/shared/errors';
import type { SchedulePorts } from './schedule-ports';

export type ScheduleAction = 'READ' | 'CREATE' | 'UPDATE' | 'DELETE';

type Details = Record<string, string | number | boolean | null>;

/**
 * One PHI entry about a schedule (DOMAIN.md §11.2): `resourceType: 'schedule'`, the schedule id and its patient's
 * id, codes and field names only. Every entry is flagged `phiAccessed`; deletions are `highRisk`. Inside a
 * transaction the entry is written with the change (and undone with it).
 */
export const recordScheduleEntry = async (
  ports: SchedulePorts,
  actor: Actor,
  action: ScheduleAction,
  schedule: Pick<Schedule, 'id' | 'orgId' | 'patientId'>,
  details: Details = {},
): Promise<void> => {
  await ports.audit.record({
    action,
    outcome: 'success',
    actorKind: actor.kind,
    actorId: actor.caregiverId ?? null,
    orgId: schedule.orgId,
    resourceType: 'schedule',
    resourceId: schedule.id,
    patientIds: [schedule.patientId],
    requestId: actor.requestId ?? null,
    ip: actor.ip ?? null,
    at: ports.clock.now(),
    details: { phiAccessed: true, ...(action === 'DELETE' ? { highRisk: true } : {}), ...details },
  });
};

/** What a refusal was about; `patientIds` only when the caller named a patient of the own organisation. */
export interface DeniedSchedule {
  /** The schedule's id, or null when a schedule was to be created. */
  readonly id: string | null;
  readonly orgId: string;
  readonly patientIds?: readonly string[];
}

/**
 * Audits a refusal (`ACCESS_DENIED`, outcome `denied`, flagged for review) without throwing. Call it outside any
 * transaction: a rolled-back transaction would take the entry with it.
 */
export const recordScheduleDenial = async (
  ports: SchedulePorts,
  actor: Actor,
  capability: ScheduleCapability,
  resource: DeniedSchedule,
  rule: string,
): Promise<void> => {
  await ports.audit.record({
    action: 'ACCESS_DENIED',
    outcome: 'denied',
    actorKind: actor.kind,
    actorId: actor.caregiverId ?? null,
    orgId: resource.orgId,
    resourceType: 'schedule',
    resourceId: resource.id,
    ...(resource.patientIds === undefined ? {} : { patientIds: [...resource.patientIds] }),
    requestId: actor.requestId ?? null,
    ip: actor.ip ?? null,
    at: ports.clock.now(),
    details: { capability, requiresReview: true, rule },
  });
};

/** Audits the refusal and throws the 403 `Access denied: insufficient permissions.` */
export const denyScheduleAccess = async (
  ports: SchedulePorts,
  actor: Actor,
  capability: ScheduleCapability,
  resource: DeniedSchedule,
  rule: string,
): Promise<never> => {
  await recordScheduleDenial(ports, actor, capability, resource, rule);
  throw forbidden();
};
