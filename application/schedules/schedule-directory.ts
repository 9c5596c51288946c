import type { Patient } from '../../domain/patients/patient';
import { createSchedule, rezoneSchedule, type Schedule, type ScheduleBody } from '../../domain/schedules/schedule';
import { deactivatedSchedule, scheduleEchoProblems, type ScheduleEcho } from '../../domain/schedules/schedule-policy';
import { toValidationError } from '../../domain/schedules/validation-problem';
import type { Actor } from '../../domain/shared/actor';
import { ValidationError } from '../../domain/shared/errors';
import type { PatientSchedules } from '../ports/patient-schedules';
import type { SchedulePorts } from './schedule-ports';
import { inheritedZonesOf, storeNewSchedule, storeScheduleChange } from './schedule-writes';

/** One schedule body of API-CONTRACT.md §4.8 as the HTTP schema parses it: the fields and the echoed keys. */
export interface ParsedScheduleBody {
  readonly body: ScheduleBody;
  readonly echo: ScheduleEcho;
}

/** What the directory borrows from the HTTP adapter, so a patient's schedules look the same on every route. */
export interface ScheduleDirectoryAdapters {
  /** The ScheduleDTO of a stored schedule (API-CONTRACT.md §3.8). */
  readonly present: (schedule: Schedule) => unknown;
  /** Parses one raw schedule body with the schedule routes' schema; throws a `ValidationError`. */
  readonly parseBody: (raw: unknown) => ParsedScheduleBody;
}

/**
 * Rewrites a Joi-style message about a field of one embedded schedule so it names that schedule:
 * `"time" must match HH:mm` becomes `"schedules[1].time" must match HH:mm`.
 */
const within =
  (path: string) =>
  (message: string): string => {
    if (message.startsWith('""')) return `"${path}"${message.slice(2)}`;
    if (message.startsWith('"')) return `"${path}.${message.slice(1)}`;
    return `"${path}" ${message}`;
  };

/**
 * The schedules context behind the patients context (`PatientSchedules`): the `schedules` of PatientDTOs, the
 * schedules embedded in `POST /patients`, the re-zoning that follows a patient's new `timezone`, and the
 * deactivation that follows a patient's deletion. Every writing method runs inside the patient use-case's
 * transaction, so a failure here undoes the patient change too.
 */
export class ScheduleDirectory implements PatientSchedules {
  constructor(
    private readonly ports: SchedulePorts,
    private readonly adapters: ScheduleDirectoryAdapters,
  ) {}

  /** Non-deleted schedules (inactive ones included, for display), oldest first, as ScheduleDTOs. */
  async schedulesOf(patientIds: readonly string[]): Promise<ReadonlyMap<string, readonly unknown[]>> {
    const byPatient = new Map<string, unknown[]>();
    if (patientIds.length === 0) return byPatient;
    for (const schedule of await this.ports.schedules.listByPatients(patientIds)) {
      const list = byPatient.get(schedule.patientId) ?? [];
      list.push(this.adapters.present(schedule));
      byPatient.set(schedule.patientId, list);
    }
    return byPatient;
  }

  /**
   * Creates the embedded schedules with the rules of §4.8, in request order. Every body is checked before any is
   * stored; the problems of all of them are reported together, each under `schedules[<index>]`.
   */
  async createForNewPatient(patient: Patient, bodies: readonly unknown[], actor: Actor): Promise<void> {
    if (bodies.length === 0) return;
    const { ports } = this;
    const zones = await inheritedZonesOf(ports, patient);
    const now = ports.clock.now();
    const problems: string[] = [];
    const valid: Schedule[] = [];
    bodies.forEach((raw, index) => {
      const named = within(`schedules[${index}]`);
      let parsed: ParsedScheduleBody;
      try {
        parsed = this.adapters.parseBody(raw);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        problems.push(...error.problems.map(named));
        return;
      }
      const outcome = createSchedule(parsed.body, {
        id: ports.ids.next(),
        orgId: patient.orgId,
        patientId: patient.id,
        now,
        ...zones,
      });
      if (outcome.ok) valid.push(outcome.schedule);
      else problems.push(...outcome.problems.map((entry) => named(entry.message)));
      problems.push(...scheduleEchoProblems({ patientId: patient.id }, parsed.echo).map(named));
    });
    if (problems.length > 0) throw new ValidationError(problems);
    for (const schedule of valid) await storeNewSchedule(ports, schedule, actor, { source: 'patient_create' });
  }

  /**
   * A new patient `timezone` (including "none": the organisation's) re-zones the schedules that inherit it
   * (DOMAIN.md §4.3.2); explicit zones stay. Each re-zoned schedule gets a new `nextCallAt` and job.
   */
  async patientUpdated(before: Patient, after: Patient, actor: Actor): Promise<void> {
    if (before.timezone === after.timezone) return;
    const { ports } = this;
    const zones = await inheritedZonesOf(ports, after);
    const now = ports.clock.now();
    for (const schedule of await ports.schedules.listByPatients([after.id])) {
      const outcome = rezoneSchedule(schedule, zones, now);
      if (!outcome.ok) throw toValidationError(outcome.problems);
      if (outcome.schedule === schedule) continue;
      await storeScheduleChange(ports, schedule, outcome.schedule, actor, { cause: 'patient_timezone' });
    }
  }

  /**
   * A deleted patient's schedules are deactivated (kept, not deleted) and their jobs cancelled. Pending retries
   * and queued calls belong to the telephony issue.
   */
  async patientDeleted(patient: Patient, actor: Actor): Promise<void> {
    const { ports } = this;
    const now = ports.clock.now();
    for (const schedule of await ports.schedules.listByPatients([patient.id])) {
      const next = deactivatedSchedule(schedule, now);
      if (next === schedule) continue;
      await storeScheduleChange(ports, schedule, next, actor, { cause: 'patient_deleted' });
    }
  }
}
