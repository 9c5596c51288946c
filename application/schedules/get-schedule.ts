import type { AccessScope } from '../../domain/identity/roles';
import type { Schedule } from '../../domain/schedules/schedule';
import type { Actor } from '../../domain/shared/actor';
import { loadScheduleFor } from './schedule-access';
import { recordScheduleEntry } from './schedule-audit';
import type { SchedulePorts } from './schedule-ports';

/** `GetSchedule` (DOMAIN.md §4.4 #2, `GET /schedules/:scheduleId`): staff of the patient, admins, superAdmins. */
export class GetSchedule {
  constructor(private readonly ports: SchedulePorts) {}

  async execute(scope: AccessScope, scheduleId: string, actor: Actor): Promise<Schedule> {
    const { schedule } = await loadScheduleFor(this.ports, scope, scheduleId, 'schedule.read', actor);
    await recordScheduleEntry(this.ports, actor, 'READ', schedule);
    return schedule;
  }
}
