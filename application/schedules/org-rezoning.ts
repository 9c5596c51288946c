import { rezoneSchedule } from '../../domain/schedules/schedule';
import { toValidationError } from '../../domain/schedules/validation-problem';
import type { Actor } from '../../domain/shared/actor';
import type { SchedulePorts } from './schedule-ports';
import { storeScheduleChange } from './schedule-writes';

/**
 * The schedules' part of an organisation's new `timezone` (DOMAIN.md §4.3.2): schedules of patients without
 * their own zone follow the org's, so they take the new zone and a recomputed `nextCallAt` (and job). Patient and
 * explicit zones stay. The zone is passed in rather than read back, as the org write may not be visible yet.
 */
export class OrgScheduleRezoning {
  constructor(private readonly ports: SchedulePorts) {}

  async orgTimezoneChanged(orgId: string, timezone: string, actor: Actor): Promise<void> {
    const { ports } = this;
    const patients = await ports.patients.listByOrg(orgId);
    if (patients.length === 0) return;
    const zoneOf = new Map(patients.map((patient) => [patient.id, patient.timezone]));
    const now = ports.clock.now();
    for (const schedule of await ports.schedules.listByPatients([...zoneOf.keys()])) {
      const zones = { patientTimezone: zoneOf.get(schedule.patientId) ?? null, orgTimezone: timezone };
      const outcome = rezoneSchedule(schedule, zones, now);
      if (!outcome.ok) throw toValidationError(outcome.problems);
      if (outcome.schedule === schedule) continue;
      await storeScheduleChange(ports, schedule, outcome.schedule, actor, { cause: 'org_timezone' });
    }
  }
}
