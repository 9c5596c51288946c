import type { Call } from '../../domain/calls/call';
import { nextOccurrence } from '../../domain/schedules/next-occurrence';
import type { Schedule } from '../../domain/schedules/schedule';
import { needsCallJob } from '../../domain/schedules/schedule-policy';
import { systemActor } from '../../domain/shared/actor';
import type { ScheduledJob } from '../ports/job-scheduler';
import { scheduleJobKey, syncCallJob } from '../schedules/schedule-jobs';
import { recordCallPhi } from './call-audit';
import type { CallPorts } from './call-ports';
import type { RequestScheduledCall } from './request-scheduled-call';

/** What happened to one occurrence (DOMAIN.md §4.1 Occurrence record). */
export type OccurrenceOutcome =
  'called' | 'stale' | 'skipped_late' | 'skipped_inactive' | 'skipped_patient_unavailable' | 'skipped_busy';

/**
 * `RunScheduleOccurrence` (DOMAIN.md §4.3.4), the handler of the Schedules context's `schedule:<id>` job
 * (`SCHEDULE_CALL_JOB`, payload `{scheduleId, occurrenceAt}`):
 * 1. a job whose `occurrenceAt` is no longer the schedule's `nextCallAt` is stale and ignored (this is also what
 *    makes a replayed job harmless: the occurrence moved the schedule on in the same transaction);
 * 2. late (more than `scheduleLateMs` after the occurrence), inactive, patient or org gone, or a call already
 *    running: skipped;
 * 3. otherwise the scheduled call is created (`attempt` 0, `maxRetries` = the org's `retryCount`);
 * 4. in every case but 1: `lastOccurrenceAt = occurrenceAt`, `nextCallAt = next(occurrenceAt)`, next job.
 * Steps 2-4 are one transaction. Not done yet: occurrence records and the skip alerts (alerts context).
 */
export class RunScheduleOccurrence {
  constructor(
    private readonly ports: CallPorts,
    private readonly requests: RequestScheduledCall,
  ) {}

  async handle(job: ScheduledJob): Promise<OccurrenceOutcome> {
    const { ports } = this;
    const scheduleId = String(job.payload['scheduleId'] ?? '');
    const occurrenceAt = new Date(String(job.payload['occurrenceAt'] ?? ''));
    const schedule = await ports.schedules.findById(scheduleId);
    if (schedule === null || Number.isNaN(occurrenceAt.getTime())) return 'stale';
    if (schedule.nextCallAt.getTime() !== occurrenceAt.getTime()) return 'stale';

    const { outcome, created } = await ports.uow.run(async () => {
      const decided = await this.decide(schedule, occurrenceAt);
      let call: Call | null = null;
      if (decided === 'called') {
        call = await this.requests.createInTransaction({
          patientId: schedule.patientId,
          scheduleId: schedule.id,
          occurrenceAt,
          trigger: 'scheduled',
          attempt: 0,
          originalCallId: null,
          maxRetries: (await ports.orgs.findById(schedule.orgId))?.callRetrySettings.retryCount ?? 0,
        });
      }
      await this.advance(schedule, occurrenceAt, decided);
      return { outcome: decided, created: call };
    });
    if (created !== null) this.requests.afterCommit(created);
    ports.logger.info({ scheduleId, occurrenceAt: occurrenceAt.toISOString(), outcome }, 'schedule occurrence');
    return outcome;
  }

  private async decide(schedule: Schedule, occurrenceAt: Date): Promise<OccurrenceOutcome> {
    const { ports } = this;
    if (ports.clock.now().getTime() - occurrenceAt.getTime() > ports.settings.scheduleLateMs) return 'skipped_late';
    if (!needsCallJob(schedule)) return 'skipped_inactive';
    const patient = await ports.patients.findById(schedule.patientId);
    const org = await ports.orgs.findById(schedule.orgId);
    if (patient === null || patient.status !== 'active' || patient.phone === '' || org === null) {
      return 'skipped_patient_unavailable';
    }
    if (org.deletedAt !== null) return 'skipped_patient_unavailable';
    if ((await ports.calls.findActiveByPatient(patient.id)) !== null) return 'skipped_busy';
    return 'called';
  }

  private async advance(schedule: Schedule, occurrenceAt: Date, outcome: OccurrenceOutcome): Promise<void> {
    const { ports } = this;
    const now = ports.clock.now();
    const next = nextOccurrence(schedule, occurrenceAt);
    const advanced: Schedule = {
      ...schedule,
      lastOccurrenceAt: occurrenceAt,
      nextCallAt: next ?? schedule.nextCallAt,
      updatedAt: now,
      version: schedule.version + 1,
    };
    const saved = await ports.schedules.update(advanced, schedule.version);
    // No next occurrence (invalid rule): re-arming the same instant would loop, so the job is dropped.
    if (next === null) await ports.jobs.cancel(scheduleJobKey(schedule.id));
    else await syncCallJob(ports.jobs, saved);
    if (outcome !== 'called') {
      await recordCallPhi(ports, systemActor, 'UPDATE', { id: null, orgId: schedule.orgId }, [schedule.patientId], {
        scheduleId: schedule.id,
        occurrence: outcome,
      });
    }
  }
}
