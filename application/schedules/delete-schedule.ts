import type { AccessScope } from '../../domain/identity/roles';
import type { Actor } from '../../domain/shared/actor';
import { loadScheduleFor } from './schedule-access';
import { scheduleNotFound } from './schedule-errors';
import type { SchedulePorts } from './schedule-ports';
import { storeScheduleDeletion } from './schedule-writes';

/**
 * `DeleteSchedule` (DOMAIN.md §4.4 #5, `DELETE /schedules/:scheduleId`): a soft delete in one transaction with
 * its event, its audit entry (high risk) and the cancellation of its call job. The schedule then disappears from
 * every read, including the patient's `schedules`.
 */
export class DeleteSchedule {
  constructor(private readonly ports: SchedulePorts) {}

  async execute(scope: AccessScope, scheduleId: string, actor: Actor): Promise<void> {
    const { ports } = this;
    const { schedule } = await loadScheduleFor(ports, scope, scheduleId, 'schedule.delete', actor);
    await ports.uow.run(async () => {
      const current = await ports.schedules.findById(schedule.id);
      if (current === null) throw scheduleNotFound();
      await storeScheduleDeletion(ports, current, actor);
    });
  }
}
