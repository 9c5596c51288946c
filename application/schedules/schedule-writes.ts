import { DEFAULT_TIMEZONE } from '../../domain/identity/org';
import type { Patient } from '../../domain/patients/patient';
import type { InheritedZones, Schedule } from '../../domain/schedules/schedule';
import { changedScheduleFields, deletedSchedule } from '../../domain/schedules/schedule-policy';
import type { Actor } from '../../domain/shared/actor';
import { recordScheduleEntry } from './schedule-audit';
import { emitScheduleEvent } from './schedule-events';
import { syncCallJob } from './schedule-jobs';
import type { SchedulePorts } from './schedule-ports';

// The write steps every schedule change shares, whoever asks (a schedule route or a patient use-case): the
// record, its outbox event and audit entry, then the job. They must run inside `uow.run`.

type Details = Record<string, string | number | boolean | null>;

/** The zones a schedule of `patient` inherits (DOMAIN.md §4.1): the patient's, else the organisation's. */
export const inheritedZonesOf = async (ports: SchedulePorts, patient: Patient): Promise<InheritedZones> => {
  const org = await ports.orgs.findById(patient.orgId);
  return { patientTimezone: patient.timezone, orgTimezone: org?.timezone ?? DEFAULT_TIMEZONE };
};

export const storeNewSchedule = async (
  ports: SchedulePorts,
  schedule: Schedule,
  actor: Actor,
  details: Details = {},
): Promise<Schedule> => {
  await ports.schedules.insert(schedule);
  await emitScheduleEvent(ports, 'ScheduleCreated', schedule, actor);
  await recordScheduleEntry(ports, actor, 'CREATE', schedule, {
    frequency: schedule.frequency,
    isActive: schedule.isActive,
    ...details,
  });
  await syncCallJob(ports.jobs, schedule);
  return schedule;
};

/** Stores `next` over `before` (compare-and-set on the version read), with `changedFields` in the audit entry. */
export const storeScheduleChange = async (
  ports: SchedulePorts,
  before: Schedule,
  next: Schedule,
  actor: Actor,
  details: Details = {},
): Promise<Schedule> => {
  const saved = await ports.schedules.update(next, before.version);
  await emitScheduleEvent(ports, 'ScheduleUpdated', saved, actor);
  await recordScheduleEntry(ports, actor, 'UPDATE', saved, {
    changedFields: changedScheduleFields(before, saved).join(','),
    ...details,
  });
  await syncCallJob(ports.jobs, saved);
  return saved;
};

/** Soft-deletes `schedule` and cancels its job (pending retries belong to the telephony issue). */
export const storeScheduleDeletion = async (ports: SchedulePorts, schedule: Schedule, actor: Actor): Promise<void> => {
  const saved = await ports.schedules.update(deletedSchedule(schedule, ports.clock.now()), schedule.version);
  await emitScheduleEvent(ports, 'ScheduleDeleted', saved, actor);
  await recordScheduleEntry(ports, actor, 'DELETE', saved);
  await syncCallJob(ports.jobs, saved);
};
