import type { AccessDecision, AccessScope, ActiveRole, Scope } from '../identity/roles';
import type { PatientTarget } from '../patients/patient-policy';
import type { Schedule } from './schedule';

/**
 * The schedule rows of the permission matrix (API-CONTRACT.md §2.8): "Read patients, schedules, calls and
 * conversations" and "Create, update or delete schedules" are both granted to staff for assigned patients, to
 * orgAdmins in their organisation and to superAdmins anywhere. A schedule is judged through its patient.
 */
export type ScheduleCapability = 'schedule.read' | 'schedule.create' | 'schedule.update' | 'schedule.delete';

const CARE_TEAM_SCOPE: Partial<Record<ActiveRole, Scope>> = { staff: 'assigned', orgAdmin: 'org', superAdmin: 'any' };

export const SCHEDULE_PERMISSIONS: Readonly<Record<ScheduleCapability, Partial<Record<ActiveRole, Scope>>>> = {
  'schedule.read': CARE_TEAM_SCOPE,
  'schedule.create': CARE_TEAM_SCOPE,
  'schedule.update': CARE_TEAM_SCOPE,
  'schedule.delete': CARE_TEAM_SCOPE,
};

/**
 * Same shape as the patient policy: another organisation's schedule (or patient) is not found, whatever the role;
 * one of the own organisation outside the granted scope is forbidden.
 */
export const authorizeSchedule = (
  scope: AccessScope,
  capability: ScheduleCapability,
  target: PatientTarget,
): AccessDecision => {
  const granted = SCHEDULE_PERMISSIONS[capability][scope.role];
  if (granted === 'any') return 'allow';
  if (target.orgId !== scope.orgId) return 'not-found';
  if (granted === 'org') return 'allow';
  if (granted === 'assigned') return target.assignedToCaller ? 'allow' : 'forbidden';
  return 'forbidden';
};

/**
 * The read-only keys the schedule form sends back (API-CONTRACT.md §3.6, §4.8). They are never taken from the
 * client. `id` must name the schedule addressed and `patient` its patient (the path patient on create);
 * `nextCallDate` is server-computed and ignored whatever it says, because the stored value moves on when an
 * occurrence is processed, so an honest echo from a form opened earlier may be stale.
 */
export interface ScheduleEcho {
  readonly id?: string;
  readonly patient?: string;
  readonly nextCallDate?: string;
}

export const PATIENT_CHANGE_MESSAGE = '"patient" cannot be changed';

/** Joi-style problems of an echo against the schedule addressed (or, on create, only its patient). */
export const scheduleEchoProblems = (
  target: { readonly id?: string; readonly patientId: string },
  echo: ScheduleEcho,
): string[] => {
  const problems: string[] = [];
  if (target.id !== undefined && echo.id !== undefined && echo.id !== target.id) {
    problems.push(`"id" must be [${target.id}]`);
  }
  if (echo.patient !== undefined && echo.patient !== target.patientId) problems.push(PATIENT_CHANGE_MESSAGE);
  return problems;
};

/** Fields a client can change, in the order of the schedule body (for audit `changedFields`). */
export const SCHEDULE_FIELDS = ['frequency', 'intervals', 'time', 'isActive', 'timezone'] as const;
export type ScheduleField = (typeof SCHEDULE_FIELDS)[number];

const sameIntervals = (a: Schedule['intervals'], b: Schedule['intervals']): boolean =>
  a.length === b.length && a.every((entry, index) => entry.day === b[index].day && entry.weeks === b[index].weeks);

/** The fields whose stored value differs between two versions of a schedule. */
export const changedScheduleFields = (before: Schedule, after: Schedule): ScheduleField[] =>
  SCHEDULE_FIELDS.filter((field) =>
    field === 'intervals' ? !sameIntervals(before.intervals, after.intervals) : before[field] !== after[field],
  );

/** Whether a job must exist for the schedule (DOMAIN.md §4.3.4: one job per active, non-deleted schedule). */
export const needsCallJob = (schedule: Schedule): boolean => schedule.isActive && schedule.deletedAt === null;

/** Deactivation (patient deleted): the same object when already inactive, so the caller can skip the write. */
export const deactivatedSchedule = (schedule: Schedule, now: Date): Schedule =>
  schedule.isActive ? { ...schedule, isActive: false, updatedAt: now, version: schedule.version + 1 } : schedule;

/** Soft delete (DOMAIN.md §4.2: terminal). The record is kept; reads no longer see it. */
export const deletedSchedule = (schedule: Schedule, now: Date): Schedule => ({
  ...schedule,
  deletedAt: now,
  updatedAt: now,
  version: schedule.version + 1,
});
