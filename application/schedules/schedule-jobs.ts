import type { Schedule } from '../../domain/schedules/schedule';
import { needsCallJob } from '../../domain/schedules/schedule-policy';
import type { JobScheduler, ScheduledJob } from '../ports/job-scheduler';

/**
 * The one precise job per active schedule (DOMAIN.md §4.3.4). Its handler, RunScheduleOccurrence, belongs to the
 * telephony issue, which defines it under `SCHEDULE_CALL_JOB` with `JobScheduler.define`:
 * - key `schedule:<scheduleId>` (deterministic: scheduling again replaces the pending job);
 * - `runAt` = the schedule's `nextCallAt`;
 * - payload `{ scheduleId, occurrenceAt }`, `occurrenceAt` being that same instant in ISO 8601, so the handler can
 *   ignore a stale job (`occurrenceAt` no longer equal to the stored `nextCallAt`) even when the runner has moved
 *   `runAt` for a retry.
 */
export const SCHEDULE_CALL_JOB = 'place-scheduled-call';

export const SCHEDULE_JOB_PREFIX = 'schedule:';

export const scheduleJobKey = (scheduleId: string): string => `${SCHEDULE_JOB_PREFIX}${scheduleId}`;

/** The job an active schedule needs, or null for an inactive or deleted one. */
export const callJobOf = (schedule: Schedule): ScheduledJob | null =>
  needsCallJob(schedule)
    ? {
        key: scheduleJobKey(schedule.id),
        name: SCHEDULE_CALL_JOB,
        runAt: schedule.nextCallAt,
        payload: { scheduleId: schedule.id, occurrenceAt: schedule.nextCallAt.toISOString() },
      }
    : null;

/**
 * Makes the scheduler match the stored schedule: (re)schedules the job of an active one, cancels it otherwise.
 * Called as the last step of the transaction that wrote the schedule, so a scheduler failure undoes the write. If
 * the commit itself then fails, a scheduled job is left behind for a schedule that does not exist or has another
 * `nextCallAt`, which the handler's precondition check ignores.
 */
export const syncCallJob = async (jobs: JobScheduler, schedule: Schedule): Promise<void> => {
  const job = callJobOf(schedule);
  if (job === null) await jobs.cancel(scheduleJobKey(schedule.id));
  else await jobs.schedule(job);
};
