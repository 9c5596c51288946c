import type { AccessScope } from '../../domain/identity/roles';
import { createSchedule, type Schedule, type ScheduleBody } from '../../domain/schedules/schedule';
import { scheduleEchoProblems, type ScheduleEcho } from '../../domain/schedules/schedule-policy';
import type { Actor } from '../../domain/shared/actor';
import { ValidationError } from '../../domain/shared/errors';
import { loadPatientForSchedule } from './schedule-access';
import { patientNotFound } from './schedule-errors';
import type { SchedulePorts } from './schedule-ports';
import { inheritedZonesOf, storeNewSchedule } from './schedule-writes';

/**
 * `CreateSchedule` (DOMAIN.md §4.4 #1, `POST /schedules/patients/:patientId`): assigned staff, the organisation's
 * admins, superAdmins. The zone is the patient's, else the organisation's, unless the body names another one;
 * `isActive` is honoured. The schedule, its event, its audit entry and its call job are one transaction.
 */
export class CreateSchedule {
  constructor(private readonly ports: SchedulePorts) {}

  async execute(
    scope: AccessScope,
    patientId: string,
    body: ScheduleBody,
    echo: ScheduleEcho,
    actor: Actor,
  ): Promise<Schedule> {
    const { ports } = this;
    const target = await loadPatientForSchedule(ports, scope, patientId, 'schedule.create', actor);
    return ports.uow.run(async () => {
      const patient = await ports.patients.findById(target.id);
      if (patient === null) throw patientNotFound();
      const outcome = createSchedule(body, {
        id: ports.ids.next(),
        orgId: patient.orgId,
        patientId: patient.id,
        now: ports.clock.now(),
        ...(await inheritedZonesOf(ports, patient)),
      });
      const problems = [
        ...(outcome.ok ? [] : outcome.problems.map((entry) => entry.message)),
        ...scheduleEchoProblems({ patientId: patient.id }, echo),
      ];
      if (!outcome.ok || problems.length > 0) throw new ValidationError(problems);
      return storeNewSchedule(ports, outcome.schedule, actor);
    });
  }
}
