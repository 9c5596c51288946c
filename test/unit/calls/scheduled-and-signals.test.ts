import type { ScheduleUseCases } from '../../../application/schedules/schedule-use-cases';
import { SCHEDULE_CALL_JOB, callJobOf } from '../../../application/schedules/schedule-jobs';
import { SCHEDULE_TOKENS } from '../../../application/schedules/schedule-tokens';
import type { Schedule } from '../../../domain/schedules/schedule';
import { createCallWorld, type CallWorld } from './call-world';

/** The `schedule:<id>` job handler (DOMAIN.md §4.3.4) and telephony signals that do not fit the call's status. */
describe('scheduled calls', () => {
  let w: CallWorld;

  beforeEach(async () => {
    w = await createCallWorld();
  });
  afterEach(async () => {
    await w.h.close();
  });

  const newSchedule = (): Promise<Schedule> =>
    w.h.container
      .get<ScheduleUseCases>(SCHEDULE_TOKENS.UseCases)
      .create.execute(
        w.h.scopeOf(w.adminA),
        w.assigned.id,
        { frequency: 'daily', intervals: [], time: '09:00', timezone: 'UTC' },
        {},
        w.h.actorOf(w.adminA),
      );

  const jobOf = (schedule: Schedule) => {
    const job = callJobOf(schedule);
    if (job === null) throw new Error('schedule has no job');
    return job;
  };

  it('creates the scheduled call at its occurrence and moves the schedule to the next one', async () => {
    const schedule = await newSchedule();
    const job = jobOf(schedule);
    expect(job.name).toBe(SCHEDULE_CALL_JOB);
    w.h.clock.current = new Date(schedule.nextCallAt.getTime() + 2_000);
    expect(await w.calls.runScheduleOccurrence.handle(job)).toBe('called');

    const call = (await w.ports.calls.findActiveByPatient(w.assigned.id))!;
    expect(call).toMatchObject({ trigger: 'scheduled', attempt: 0, scheduleId: schedule.id, initiatedBy: null });
    expect(call.occurrenceAt).toEqual(schedule.nextCallAt);
    expect(call.maxRetries).toBe(w.orgA.callRetrySettings.retryCount);
    expect((await w.ports.conversations.findById(call.conversationId))?.callType).toBe('wellness-check');
    const moved = (await w.ports.schedules.findById(schedule.id))!;
    expect(moved.lastOccurrenceAt).toEqual(schedule.nextCallAt);
    expect(moved.nextCallAt.getTime() - schedule.nextCallAt.getTime()).toBe(86_400_000);

    // The same job again is stale: the occurrence already moved the schedule on.
    expect(await w.calls.runScheduleOccurrence.handle(job)).toBe('stale');
    await w.runUntil(call, ['completed']);
    expect((await w.reload(call)).status).toBe('completed');
  });

  it('skips an occurrence while a call of the patient is running, and one processed too late', async () => {
    const schedule = await newSchedule();
    await w.callNow(w.adminA, w.assigned);
    w.h.clock.current = schedule.nextCallAt;
    expect(await w.calls.runScheduleOccurrence.handle(jobOf(schedule))).toBe('skipped_busy');
    const next = (await w.ports.schedules.findById(schedule.id))!;
    w.h.clock.current = new Date(next.nextCallAt.getTime() + 61 * 60_000);
    expect(await w.calls.runScheduleOccurrence.handle(jobOf(next))).toBe('skipped_late');
    expect(await w.ports.calls.countByStatus(['queued', 'dialing', 'ringing', 'in-progress'])).toBe(1);
  });
});

describe('telephony signals', () => {
  let w: CallWorld;

  beforeEach(async () => {
    w = await createCallWorld();
  });
  afterEach(async () => {
    await w.h.close();
  });

  it('a late "ringing" after the answer is rejected and changes nothing', async () => {
    const call = await w.callNow(w.staffA, w.assigned);
    await w.runUntil(call, ['in-progress']);
    const before = await w.reload(call);
    await w.calls.telephonyEvents.apply({ type: 'ringing', callId: call.id, at: w.h.clock.now() });
    expect(await w.reload(call)).toEqual(before);
  });

  it('events for an ended call are ignored: it is never reopened', async () => {
    const call = await w.callNow(w.staffA, w.assigned);
    await w.runUntil(call, ['completed']);
    const before = await w.reload(call);
    const at = w.h.clock.now();
    await w.calls.telephonyEvents.apply({ type: 'answered', callId: call.id, by: 'human', at });
    await w.calls.telephonyEvents.apply({ type: 'hungUp', callId: call.id, at });
    await w.calls.telephonyEvents.apply({ type: 'legLost', callId: call.id, at });
    expect(await w.reload(call)).toEqual(before);
  });

  it('a lost leg ends an answered call completed (provider_lost)', async () => {
    const call = await w.callNow(w.staffA, w.assigned);
    await w.runUntil(call, ['in-progress']);
    w.calls.telephonyEvents.accept({ type: 'legLost', callId: call.id, at: w.h.clock.now() });
    await w.calls.whenIdle();
    expect(await w.reload(call)).toMatchObject({ status: 'completed', endReason: 'provider_lost' });
    expect(w.calls.runtime.held().sessions).toBe(0);
  });

  it('media for a call that is not in progress is closed at once', async () => {
    const call = await w.callNow(w.staffA, w.assigned);
    let closed = 0;
    const media = {
      attach: () => undefined,
      detach: () => undefined,
      write: () => undefined,
      endOfItem: () => undefined,
      clear: () => ({ itemId: null, playedMs: 0 }),
      onPlaybackFinished: () => undefined,
      stats: () => ({ framesIn: 0, framesOut: 0, lost: 0, concealed: 0, underruns: 0, jitterMs: 0 }),
      close: () => {
        closed += 1;
      },
    };
    await w.calls.telephonyEvents.apply({ type: 'mediaReady', callId: call.id, media, at: w.h.clock.now() });
    expect(closed).toBe(1);
    expect(w.calls.runtime.held().sessions).toBe(0);
  });
});
