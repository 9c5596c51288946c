import type { AccessScope } from '../../domain/identity/roles';
import {
  patchSchedule,
  replaceSchedule,
  type Schedule,
  type ScheduleBody,
  type ScheduleOutcome,
  type SchedulePatch,
} from '../../domain/schedules/schedule';
import { scheduleEchoProblems, type ScheduleEcho } from '../../domain/schedules/schedule-policy';
import type { Actor } from '../../domain/shared/actor';
import { ValidationError } from '../../domain/shared/errors';
import { loadScheduleFor } from './schedule-access';
import { scheduleNotFound } from './schedule-errors';
import type { SchedulePorts } from './schedule-ports';
import { storeScheduleChange } from './schedule-writes';

/**
 * The steps PUT and PATCH share: access (`schedule.update`), then in one transaction the stored schedule is read
 * again, changed by the domain (which recomputes `nextCallAt` after now), checked against the echoed `id` and
 * `patient`, written under compare-and-set, audited with its changed fields, and its job rescheduled (or
 * cancelled when the schedule is now inactive).
 */
const updateSchedule = async (
  ports: SchedulePorts,
  scope: AccessScope,
  scheduleId: string,
  echo: ScheduleEcho,
  actor: Actor,
  change: (current: Schedule, now: Date) => ScheduleOutcome,
): Promise<Schedule> => {
  const { schedule } = await loadScheduleFor(ports, scope, scheduleId, 'schedule.update', actor);
  return ports.uow.run(async () => {
    const current = await ports.schedules.findById(schedule.id);
    if (current === null) throw scheduleNotFound();
    const outcome = change(current, ports.clock.now());
    const problems = [
      ...(outcome.ok ? [] : outcome.problems.map((entry) => entry.message)),
      ...scheduleEchoProblems(current, echo),
    ];
    if (!outcome.ok || problems.length > 0) throw new ValidationError(problems);
    return storeScheduleChange(ports, current, outcome.schedule, actor);
  });
};

/**
 * `ReplaceSchedule` (DOMAIN.md §4.4 #3, `PUT /schedules/:scheduleId`): the whole schedule body; an omitted
 * `isActive` keeps the current value. The app sends back the stored schedule, so an unchanged recurrence keeps its
 * "every N weeks" anchor and a `timezone` equal to the effective one stays inherited.
 */
export class ReplaceSchedule {
  constructor(private readonly ports: SchedulePorts) {}

  execute(
    scope: AccessScope,
    scheduleId: string,
    body: ScheduleBody,
    echo: ScheduleEcho,
    actor: Actor,
  ): Promise<Schedule> {
    return updateSchedule(this.ports, scope, scheduleId, echo, actor, (current, now) =>
      replaceSchedule(current, body, now),
    );
  }
}

/**
 * `PatchSchedule` (DOMAIN.md §4.4 #4, `PATCH /schedules/:scheduleId`): at least one of `frequency`, `intervals`,
 * `time`, `isActive`, `timezone`; the stored schedule merged with them must be valid. Deactivating cancels the
 * job, activating schedules it again.
 */
export class PatchSchedule {
  constructor(private readonly ports: SchedulePorts) {}

  execute(
    scope: AccessScope,
    scheduleId: string,
    patch: SchedulePatch,
    echo: ScheduleEcho,
    actor: Actor,
  ): Promise<Schedule> {
    return updateSchedule(this.ports, scope, scheduleId, echo, actor, (current, now) =>
      patchSchedule(current, patch, now),
    );
  }
}
