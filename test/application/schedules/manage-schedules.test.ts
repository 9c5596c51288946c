import type { Caregiver } from '../../../domain/identity/caregiver';
import type { Patient } from '../../../domain/patients/patient';
import type { Schedule, ScheduleBody } from '../../../domain/schedules/schedule';
import type { ScheduleEcho } from '../../../domain/schedules/schedule-policy';
import type { MemoryDatabase } from '../../../adapters/persistence/memory/memory-database';
import { INFRA } from '../../../bootstrap/infra-tokens';
import type { SchedulesHarness } from '../../support/schedules-harness';
import {
  createScheduleWorld,
  entriesOf,
  invalid,
  SCHEDULE_NOT_FOUND,
  WEEKLY,
  type ScheduleWorld,
} from './schedule-world';

/**
 * The schedule use-cases of DOMAIN.md §4.4 #1-#5 with the rules of API-CONTRACT.md §4.8: zone resolution, DST-correct
 * next calls, the one job per active schedule under its deterministic key, echo tolerance, audit and events.
 * The world's clock starts on Monday 2026-06-01 12:00Z (08:00 in New York).
 */
let w: ScheduleWorld;
afterEach(async () => {
  await w.h.close();
});

const createFor = (
  h: SchedulesHarness,
  caller: Caregiver,
  patient: Patient,
  body: ScheduleBody,
  echo: ScheduleEcho = {},
) => h.useCases.create.execute(h.scopeOf(caller), patient.id, body, echo, h.actorOf(caller));

const jobOf = (h: SchedulesHarness, schedule: Pick<Schedule, 'id'>) =>
  h.jobs().filter((job) => job.key === `schedule:${schedule.id}`);

const callJob = (schedule: Schedule) => ({
  key: `schedule:${schedule.id}`,
  name: 'place-scheduled-call',
  runAt: schedule.nextCallAt,
  payload: { scheduleId: schedule.id, occurrenceAt: schedule.nextCallAt.toISOString() },
});

describe('CreateSchedule', () => {
  beforeEach(async () => {
    w = await createScheduleWorld();
  });

  it('inherits the org’s zone, computes the next call, schedules its job, audits and emits', async () => {
    const { h, adminA, assigned, orgA } = w;
    const schedule = await createFor(h, adminA, assigned, { frequency: 'daily', intervals: [], time: '18:30' });
    expect(schedule).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{24}$/),
      orgId: orgA.id,
      patientId: assigned.id,
      frequency: 'daily',
      intervals: [],
      time: '18:30',
      timezone: 'America/New_York',
      timezoneSource: 'org',
      anchorDate: '2026-06-01',
      isActive: true,
      nextCallAt: new Date('2026-06-01T22:30:00.000Z'),
      lastOccurrenceAt: null,
      deletedAt: null,
      createdAt: h.clock.now(),
      updatedAt: h.clock.now(),
      version: 1,
    });
    expect(await h.ports.schedules.findById(schedule.id)).toEqual(schedule);
    expect(jobOf(h, schedule)).toEqual([callJob(schedule)]);
    expect(entriesOf(h, 'CREATE').at(-1)).toEqual({
      action: 'CREATE',
      outcome: 'success',
      actorKind: 'caregiver',
      actorId: adminA.id,
      orgId: orgA.id,
      resourceType: 'schedule',
      resourceId: schedule.id,
      patientIds: [assigned.id],
      requestId: 'test-request',
      ip: '127.0.0.1',
      at: h.clock.now(),
      details: { phiAccessed: true, frequency: 'daily', isActive: true },
      id: expect.any(String),
    });
    expect((await h.events('Schedule')).at(-1)).toEqual(['ScheduleCreated', schedule.id]);
  });

  it('takes the patient’s zone, else an explicit one; a zone equal to the effective one stays inherited', async () => {
    const { h, staffA, assigned, zoned } = w;
    const daily: ScheduleBody = { frequency: 'daily', time: '09:00' };
    const fromPatient = await createFor(h, staffA, zoned, daily);
    expect(fromPatient).toMatchObject({
      timezone: 'America/Los_Angeles',
      timezoneSource: 'patient',
      nextCallAt: new Date('2026-06-01T16:00:00.000Z'),
    });
    // 09:00 in London (BST) was 08:00Z, before now: tomorrow's.
    const explicit = await createFor(h, staffA, assigned, { ...daily, timezone: 'Europe/London' });
    expect(explicit).toMatchObject({
      timezone: 'Europe/London',
      timezoneSource: 'explicit',
      nextCallAt: new Date('2026-06-02T08:00:00.000Z'),
    });
    const echoed = await createFor(h, staffA, assigned, { ...daily, timezone: 'America/New_York' });
    expect(echoed).toMatchObject({ timezone: 'America/New_York', timezoneSource: 'org' });
    const echoedPatientZone = await createFor(h, staffA, zoned, { ...daily, timezone: 'America/Los_Angeles' });
    expect(echoedPatientZone.timezoneSource).toBe('patient');
  });

  it('honours isActive: false: the next call is shown but no job exists', async () => {
    const { h, adminA, assigned } = w;
    const schedule = await createFor(h, adminA, assigned, { ...WEEKLY, isActive: false });
    expect(schedule).toMatchObject({ isActive: false, nextCallAt: new Date('2026-06-01T13:00:00.000Z') });
    expect(jobOf(h, schedule)).toEqual([]);
  });

  it('accepts the echoes the form may send (same patient, any id, a next call date) and takes none of them', async () => {
    const { h, adminA, assigned } = w;
    const schedule = await createFor(h, adminA, assigned, WEEKLY, {
      id: 'a'.repeat(24),
      patient: assigned.id,
      nextCallDate: '2020-01-01T00:00:00.000Z',
    });
    expect(schedule.id).not.toBe('a'.repeat(24));
    expect(schedule.nextCallAt).toEqual(new Date('2026-06-01T13:00:00.000Z'));
  });

  it('refuses invalid bodies and another patient with Joi-style messages, storing and scheduling nothing', async () => {
    const { h, adminA, assigned, zoned } = w;
    const before = await h.ports.schedules.listByPatients([assigned.id]);
    const jobs = h.jobs();
    const audits = h.audit().length;
    const attempts: Array<[ScheduleBody, ScheduleEcho, ReturnType<typeof invalid>]> = [
      [
        { frequency: 'weekly', time: '9:00' },
        {},
        invalid('"intervals" must contain at least one weekday (0-6) for weekly schedules', '"time" must match HH:mm'),
      ],
      [
        { frequency: 'monthly', intervals: [], time: '09:00' },
        {},
        invalid('"intervals" must contain at least one day of the month (1-31) for monthly schedules'),
      ],
      [
        { frequency: 'weekly', intervals: [{ day: 7 }, { day: 1, weeks: 53 }], time: '09:00' },
        {},
        invalid(
          '"intervals[0].day" must be less than or equal to 6',
          '"intervals[1].weeks" must be less than or equal to 52',
        ),
      ],
      [{ frequency: 'hourly', time: '09:00' }, {}, invalid('"frequency" must be one of [daily, weekly, monthly]')],
      [{ ...WEEKLY, timezone: 'Mars/Olympus' }, {}, invalid('"timezone" must be a valid IANA time zone')],
      [WEEKLY, { patient: zoned.id }, invalid('"patient" cannot be changed')],
      [
        { frequency: 'daily', time: '24:00' },
        { patient: zoned.id },
        invalid('"time" must match HH:mm', '"patient" cannot be changed'),
      ],
    ];
    for (const [body, echo, error] of attempts) {
      await expect(createFor(h, adminA, assigned, body, echo)).rejects.toMatchObject(error);
    }
    expect(await h.ports.schedules.listByPatients([assigned.id])).toEqual(before);
    expect(h.jobs()).toEqual(jobs);
    expect(h.audit()).toHaveLength(audits);
  });
});

describe('next call across daylight-saving changes, through the use-cases', () => {
  it('spring forward: 09:00 stays 09:00 local, and 02:30 (which does not exist) moves to 03:30', async () => {
    // Saturday 2026-03-07 15:00Z; New York springs forward on Sunday 2026-03-08 at 02:00.
    w = await createScheduleWorld(new Date('2026-03-07T15:00:00.000Z'));
    const { h, adminA, assigned } = w;
    const morning = await createFor(h, adminA, assigned, { frequency: 'daily', time: '09:00' });
    expect(morning.nextCallAt).toEqual(new Date('2026-03-08T13:00:00.000Z'));
    expect(jobOf(h, morning)).toEqual([callJob(morning)]);
    const gap = await createFor(h, adminA, assigned, { frequency: 'daily', time: '02:30' });
    expect(gap.nextCallAt).toEqual(new Date('2026-03-08T07:30:00.000Z'));
    // Saturday's 09:00 (14:00Z, standard time) has passed; the weekly Sunday call is in daylight time.
    const weekly = await createFor(h, adminA, assigned, {
      frequency: 'weekly',
      intervals: [{ day: 0 }],
      time: '09:00',
    });
    expect(weekly.nextCallAt).toEqual(new Date('2026-03-08T13:00:00.000Z'));
  });

  it('fall back: 01:30 (which happens twice) uses the earlier instant, then standard time on later days', async () => {
    // Saturday 2026-10-31 15:00Z; New York falls back on Sunday 2026-11-01 at 02:00.
    w = await createScheduleWorld(new Date('2026-10-31T15:00:00.000Z'));
    const { h, adminA, assigned } = w;
    const schedule = await createFor(h, adminA, assigned, { frequency: 'daily', time: '01:30' });
    expect(schedule.nextCallAt).toEqual(new Date('2026-11-01T05:30:00.000Z'));
    h.clock.current = new Date('2026-11-01T06:00:00.000Z');
    const replaced = await h.useCases.replace.execute(
      h.scopeOf(adminA),
      schedule.id,
      { frequency: 'daily', time: '01:30' },
      {},
      h.actorOf(adminA),
    );
    expect(replaced.nextCallAt).toEqual(new Date('2026-11-02T06:30:00.000Z'));
    expect(jobOf(h, schedule)).toEqual([callJob(replaced)]);
  });

  it('follows the zone of a Berlin org, whose summer time differs from New York’s', async () => {
    // 2026-03-20 12:00Z: New York is already on daylight time, Berlin not until 2026-03-29.
    w = await createScheduleWorld(new Date('2026-03-20T12:00:00.000Z'));
    const { h, adminB, patientB } = w;
    const schedule = await createFor(h, adminB, patientB, {
      frequency: 'weekly',
      intervals: [{ day: 1 }],
      time: '09:00',
    });
    expect(schedule).toMatchObject({ timezone: 'Europe/Berlin', nextCallAt: new Date('2026-03-23T08:00:00.000Z') });
    h.clock.current = new Date('2026-03-24T12:00:00.000Z');
    const patched = await h.useCases.patch.execute(
      h.scopeOf(adminB),
      schedule.id,
      { time: '09:00' },
      {},
      h.actorOf(adminB),
    );
    expect(patched.nextCallAt).toEqual(new Date('2026-03-30T07:00:00.000Z'));
  });
});

describe('ReplaceSchedule (PUT)', () => {
  beforeEach(async () => {
    w = await createScheduleWorld();
  });

  it('replaces time and days, recomputes the next call, replaces the job under the same key, audits the change', async () => {
    const { h, staffA, scheduleA, assigned } = w;
    const replaced = await h.useCases.replace.execute(
      h.scopeOf(staffA),
      scheduleA.id,
      { frequency: 'weekly', intervals: [{ day: 2 }], time: '07:15' },
      {},
      h.actorOf(staffA),
    );
    expect(replaced).toMatchObject({
      id: scheduleA.id,
      intervals: [{ day: 2, weeks: 1 }],
      time: '07:15',
      isActive: true,
      nextCallAt: new Date('2026-06-02T11:15:00.000Z'),
      version: 2,
    });
    expect(await h.ports.schedules.findById(scheduleA.id)).toEqual(replaced);
    expect(jobOf(h, scheduleA)).toEqual([callJob(replaced)]);
    expect(entriesOf(h, 'UPDATE').at(-1)).toMatchObject({
      actorId: staffA.id,
      resourceType: 'schedule',
      resourceId: scheduleA.id,
      patientIds: [assigned.id],
      details: { phiAccessed: true, changedFields: 'intervals,time' },
    });
    expect((await h.events('Schedule')).at(-1)).toEqual(['ScheduleUpdated', scheduleA.id]);
  });

  it('accepts the stored schedule sent back whole: nothing changes, the zone stays inherited', async () => {
    const { h, adminA, scheduleA, assigned } = w;
    const echo: ScheduleEcho = {
      id: scheduleA.id,
      patient: assigned.id,
      nextCallDate: scheduleA.nextCallAt.toISOString(),
    };
    const body: ScheduleBody = {
      frequency: scheduleA.frequency,
      intervals: scheduleA.intervals,
      time: scheduleA.time,
      isActive: scheduleA.isActive,
      timezone: scheduleA.timezone,
    };
    h.clock.advance(60_000);
    const same = await h.useCases.replace.execute(h.scopeOf(adminA), scheduleA.id, body, echo, h.actorOf(adminA));
    expect(same).toEqual({ ...scheduleA, updatedAt: h.clock.now(), version: 2 });
    expect(entriesOf(h, 'UPDATE').at(-1)?.details).toEqual({ phiAccessed: true, changedFields: '' });
  });

  it('ignores a stale echoed next call date (an occurrence may have moved it since the form was loaded)', async () => {
    const { h, adminA, scheduleA } = w;
    const stale = { nextCallDate: '2026-05-28T13:00:00.000Z' };
    const replaced = await h.useCases.replace.execute(
      h.scopeOf(adminA),
      scheduleA.id,
      WEEKLY,
      stale,
      h.actorOf(adminA),
    );
    expect(replaced.nextCallAt).toEqual(scheduleA.nextCallAt);
  });

  it('keeps isActive when omitted; false cancels the job, true schedules it again', async () => {
    const { h, adminA, scheduleA } = w;
    const put = (body: ScheduleBody) =>
      h.useCases.replace.execute(h.scopeOf(adminA), scheduleA.id, body, {}, h.actorOf(adminA));
    const off = await put({ ...WEEKLY, isActive: false });
    expect(jobOf(h, scheduleA)).toEqual([]);
    expect(entriesOf(h, 'UPDATE').at(-1)?.details).toMatchObject({ changedFields: 'isActive' });
    expect(await put(WEEKLY)).toMatchObject({ isActive: false, version: off.version + 1 });
    expect(jobOf(h, scheduleA)).toEqual([]);
    const on = await put({ ...WEEKLY, isActive: true });
    expect(jobOf(h, scheduleA)).toEqual([callJob(on)]);
  });

  it('refuses a different patient or id, and invalid values, leaving the schedule and its job alone', async () => {
    const { h, adminA, scheduleA, zoned } = w;
    const put = (body: ScheduleBody, echo: ScheduleEcho) =>
      h.useCases.replace.execute(h.scopeOf(adminA), scheduleA.id, body, echo, h.actorOf(adminA));
    await expect(put(WEEKLY, { patient: zoned.id })).rejects.toMatchObject(invalid('"patient" cannot be changed'));
    await expect(put(WEEKLY, { id: w.scheduleB.id })).rejects.toMatchObject(invalid(`"id" must be [${scheduleA.id}]`));
    await expect(put({ frequency: 'monthly', time: '09:00' }, {})).rejects.toMatchObject(
      invalid('"intervals" must contain at least one day of the month (1-31) for monthly schedules'),
    );
    expect(await h.ports.schedules.findById(scheduleA.id)).toEqual(scheduleA);
    expect(jobOf(h, scheduleA)).toEqual([callJob(scheduleA)]);
    expect(entriesOf(h, 'UPDATE')).toEqual([]);
  });
});

describe('PatchSchedule', () => {
  beforeEach(async () => {
    w = await createScheduleWorld();
  });

  it('changes only the named fields, merged with the stored schedule', async () => {
    const { h, staffA, scheduleA } = w;
    const patched = await h.useCases.patch.execute(
      h.scopeOf(staffA),
      scheduleA.id,
      { time: '20:00' },
      {},
      h.actorOf(staffA),
    );
    // Monday 20:00 EDT.
    expect(patched).toEqual({
      ...scheduleA,
      time: '20:00',
      nextCallAt: new Date('2026-06-02T00:00:00.000Z'),
      version: 2,
    });
    expect(jobOf(h, scheduleA)).toEqual([callJob(patched)]);
    expect(entriesOf(h, 'UPDATE').at(-1)?.details).toEqual({ phiAccessed: true, changedFields: 'time' });
  });

  it('refuses an empty patch and a merge that is not a valid schedule', async () => {
    const { h, adminA, scheduleA } = w;
    const patch = (fields: Parameters<typeof h.useCases.patch.execute>[2]) =>
      h.useCases.patch.execute(h.scopeOf(adminA), scheduleA.id, fields, {}, h.actorOf(adminA));
    await expect(patch({})).rejects.toMatchObject(invalid('"value" must have at least 1 key'));
    await expect(patch({ intervals: [] })).rejects.toMatchObject(
      invalid('"intervals" must contain at least one weekday (0-6) for weekly schedules'),
    );
    await expect(patch({ frequency: 'monthly', intervals: [{ day: 0 }] })).rejects.toMatchObject(
      invalid('"intervals[0].day" must be greater than or equal to 1'),
    );
    expect(await h.ports.schedules.findById(scheduleA.id)).toEqual(scheduleA);
  });

  it('deactivating cancels the job; activating later schedules the next call after that moment', async () => {
    const { h, adminA, scheduleA } = w;
    const patch = (isActive: boolean) =>
      h.useCases.patch.execute(h.scopeOf(adminA), scheduleA.id, { isActive }, {}, h.actorOf(adminA));
    await patch(false);
    expect(jobOf(h, scheduleA)).toEqual([]);
    h.clock.current = new Date('2026-06-05T12:00:00.000Z'); // Friday
    const on = await patch(true);
    expect(on.nextCallAt).toEqual(new Date('2026-06-08T13:00:00.000Z')); // Monday 09:00 EDT
    expect(jobOf(h, scheduleA)).toEqual([callJob(on)]);
  });
});

describe('GetSchedule and DeleteSchedule', () => {
  beforeEach(async () => {
    w = await createScheduleWorld();
  });

  it('reads a schedule with a READ entry naming its patient', async () => {
    const { h, staffA, scheduleA, assigned } = w;
    expect(await h.useCases.get.execute(h.scopeOf(staffA), scheduleA.id, h.actorOf(staffA))).toEqual(scheduleA);
    expect(entriesOf(h, 'READ')).toEqual([
      expect.objectContaining({
        actorId: staffA.id,
        resourceType: 'schedule',
        resourceId: scheduleA.id,
        patientIds: [assigned.id],
        details: { phiAccessed: true },
      }),
    ]);
  });

  it('soft-deletes: the record is kept, every read loses it, the job is cancelled, the entry is high risk', async () => {
    const { h, staffA, scheduleA, assigned, scheduleUnassigned } = w;
    await h.useCases.delete.execute(h.scopeOf(staffA), scheduleA.id, h.actorOf(staffA));
    expect(await h.ports.schedules.findById(scheduleA.id)).toBeNull();
    expect(await h.ports.schedules.listByPatients([assigned.id])).toEqual([]);
    const stored = h.container
      .get<MemoryDatabase>(INFRA.MemoryDatabase)
      .collection<Schedule>('schedules')
      .get(scheduleA.id);
    expect(stored).toMatchObject({ deletedAt: h.clock.now(), version: 2 });
    expect(jobOf(h, scheduleA)).toEqual([]);
    expect(jobOf(h, scheduleUnassigned)).toHaveLength(1);
    expect(entriesOf(h, 'DELETE')).toEqual([
      expect.objectContaining({
        actorId: staffA.id,
        resourceType: 'schedule',
        resourceId: scheduleA.id,
        patientIds: [assigned.id],
        details: { phiAccessed: true, highRisk: true },
      }),
    ]);
    expect((await h.events('Schedule')).at(-1)).toEqual(['ScheduleDeleted', scheduleA.id]);
    await expect(h.useCases.get.execute(h.scopeOf(staffA), scheduleA.id, h.actorOf(staffA))).rejects.toMatchObject(
      SCHEDULE_NOT_FOUND,
    );
    await expect(h.useCases.delete.execute(h.scopeOf(staffA), scheduleA.id, h.actorOf(staffA))).rejects.toMatchObject(
      SCHEDULE_NOT_FOUND,
    );
  });
});
