import type { Schedule } from '../../../domain/schedules/schedule';
import { createScheduleWorld, entriesOf, invalid, WEEKLY, type ScheduleWorld } from './schedule-world';

/**
 * The schedules context behind the patient use-cases (`PatientSchedules`, API-CONTRACT.md §4.7): the `schedules`
 * of PatientDTOs, schedules embedded in a new patient, re-zoning after a patient's new zone, deactivation after a
 * patient's deletion. The world's clock starts on Monday 2026-06-01 12:00Z.
 */
let w: ScheduleWorld;
beforeEach(async () => {
  w = await createScheduleWorld();
});
afterEach(async () => {
  await w.h.close();
});

const jobOf = (schedule: Pick<Schedule, 'id'>) => w.h.jobs().filter((job) => job.key === `schedule:${schedule.id}`);

describe('the schedules of a PatientDTO', () => {
  it('lists the non-deleted schedules of each patient as ScheduleDTOs, oldest first, inactive ones included', async () => {
    const { h, adminA, staffA, assigned, scheduleA } = w;
    h.clock.advance(1000);
    const monthly = await h.useCases.create.execute(
      h.scopeOf(adminA),
      assigned.id,
      { frequency: 'monthly', intervals: [{ day: 31, weeks: 3 }, { day: 31 }], time: '17:45', isActive: false },
      {},
      h.actorOf(adminA),
    );
    h.clock.advance(1000);
    const gone = await h.useCases.create.execute(h.scopeOf(adminA), assigned.id, WEEKLY, {}, h.actorOf(adminA));
    await h.useCases.delete.execute(h.scopeOf(adminA), gone.id, h.actorOf(adminA));

    const view = await h.patients.get.execute(h.scopeOf(staffA), assigned.id, h.actorOf(staffA));
    expect(view.schedules).toEqual([
      {
        id: scheduleA.id,
        patient: assigned.id,
        frequency: 'weekly',
        intervals: [
          { day: 1, weeks: 1 },
          { day: 4, weeks: 1 },
        ],
        time: '09:00',
        timezone: 'America/New_York',
        isActive: true,
        nextCallDate: '2026-06-01T13:00:00.000Z',
      },
      {
        id: monthly.id,
        patient: assigned.id,
        frequency: 'monthly',
        intervals: [{ day: 31 }],
        time: '17:45',
        timezone: 'America/New_York',
        isActive: false,
        // 30 June is the last day of June.
        nextCallDate: '2026-06-30T21:45:00.000Z',
      },
    ]);
    const page = await h.patients.list.execute(
      h.scopeOf(adminA),
      { page: 1, limit: 100, sort: [{ field: 'createdAt', direction: 'asc' }] },
      h.actorOf(adminA),
    );
    expect(page.results.map((v) => [v.patient.id, v.schedules.length])).toEqual([
      [assigned.id, 2],
      [w.zoned.id, 0],
      [w.unassigned.id, 1],
    ]);
  });
});

describe('schedules embedded in POST /patients', () => {
  it('creates them in the patient’s transaction with the §4.8 rules, each with its job and audit entry', async () => {
    const { h, adminA } = w;
    const view = await h.patients.create.execute(
      h.scopeOf(adminA),
      {
        name: 'Nora Note',
        phone: '+16045550123',
        timezone: 'Europe/Paris',
        schedules: [
          { frequency: 'daily', time: '08:00' },
          {
            frequency: 'weekly',
            intervals: [{ day: 2, weeks: 2 }],
            time: '10:00',
            timezone: 'Asia/Tokyo',
            isActive: false,
          },
        ],
      },
      h.actorOf(adminA),
    );
    const stored = await h.ports.schedules.listByPatients([view.patient.id]);
    expect(
      stored.map((s) => [s.frequency, s.timezone, s.timezoneSource, s.isActive, s.nextCallAt.toISOString()]),
    ).toEqual([
      ['daily', 'Europe/Paris', 'patient', true, '2026-06-02T06:00:00.000Z'],
      ['weekly', 'Asia/Tokyo', 'explicit', false, '2026-06-02T01:00:00.000Z'],
    ]);
    expect(view.schedules.map((dto) => (dto as { id: string; patient: string }).id)).toEqual(stored.map((s) => s.id));
    expect(view.schedules.map((dto) => (dto as { patient: string }).patient)).toEqual([
      view.patient.id,
      view.patient.id,
    ]);
    expect(jobOf(stored[0])).toHaveLength(1);
    expect(jobOf(stored[1])).toEqual([]);
    const creates = entriesOf(h, 'CREATE').filter(
      (e) => e.resourceType === 'schedule' && e.patientIds?.[0] === view.patient.id,
    );
    expect(creates.map((e) => [e.resourceId, e.details['source']])).toEqual(
      stored.map((s) => [s.id, 'patient_create']),
    );
  });

  it('reports every invalid embedded schedule under its index, and undoes the patient with them', async () => {
    const { h, adminA, orgA } = w;
    const before = await h.ports.patients.idsOfOrg(orgA.id);
    const jobs = h.jobs();
    const audits = h.audit().length;
    await expect(
      h.patients.create.execute(
        h.scopeOf(adminA),
        {
          name: 'Otto Order',
          phone: '+16045550124',
          schedules: [
            { frequency: 'daily', time: '08:00' },
            { frequency: 'weekly', time: '9:00' },
            { frequency: 'daily', time: '08:00', nextCall: 'soon' },
            { frequency: 'daily', time: '08:00', patient: 'b'.repeat(24) },
            { frequency: 'monthly', intervals: [{ day: 'first' }], time: 8 },
          ],
        },
        h.actorOf(adminA),
      ),
    ).rejects.toMatchObject(
      invalid(
        '"schedules[1].intervals" must contain at least one weekday (0-6) for weekly schedules',
        '"schedules[1].time" must match HH:mm',
        '"schedules[2].nextCall" is not allowed',
        '"schedules[3].patient" cannot be changed',
        '"schedules[4].intervals[0].day" must be a number',
        '"schedules[4].time" must be a string',
      ),
    );
    expect(await h.ports.patients.idsOfOrg(orgA.id)).toEqual(before);
    expect(h.jobs()).toEqual(jobs);
    expect(h.audit()).toHaveLength(audits);
  });
});

describe('patient changes that reach the schedules', () => {
  it('a new patient zone re-zones the inherited schedules and their jobs; explicit zones stay', async () => {
    const { h, adminA, assigned, scheduleA } = w;
    const explicit = await h.useCases.create.execute(
      h.scopeOf(adminA),
      assigned.id,
      { ...WEEKLY, timezone: 'Asia/Tokyo' },
      {},
      h.actorOf(adminA),
    );
    await h.patients.update.execute(
      h.scopeOf(adminA),
      assigned.id,
      { timezone: 'Europe/Paris' },
      {},
      h.actorOf(adminA),
    );
    const paris = await h.ports.schedules.findById(scheduleA.id);
    // Monday 09:00 in Paris (07:00Z) has passed: Thursday's.
    expect(paris).toMatchObject({
      timezone: 'Europe/Paris',
      timezoneSource: 'patient',
      nextCallAt: new Date('2026-06-04T07:00:00.000Z'),
      version: 2,
    });
    expect(jobOf(scheduleA)).toEqual([expect.objectContaining({ runAt: new Date('2026-06-04T07:00:00.000Z') })]);
    expect(await h.ports.schedules.findById(explicit.id)).toEqual(explicit);
    expect(entriesOf(h, 'UPDATE').filter((e) => e.resourceType === 'schedule')).toEqual([
      expect.objectContaining({
        resourceId: scheduleA.id,
        patientIds: [assigned.id],
        details: { phiAccessed: true, changedFields: 'timezone', cause: 'patient_timezone' },
      }),
    ]);

    // Back to "the organisation's zone".
    await h.patients.update.execute(h.scopeOf(adminA), assigned.id, { timezone: null }, {}, h.actorOf(adminA));
    expect(await h.ports.schedules.findById(scheduleA.id)).toMatchObject({
      timezone: 'America/New_York',
      timezoneSource: 'org',
      nextCallAt: scheduleA.nextCallAt,
    });
  });

  it('leaves the schedules alone when the patient changes anything but the zone', async () => {
    const { h, adminA, assigned, scheduleA } = w;
    await h.patients.update.execute(h.scopeOf(adminA), assigned.id, { preferredName: 'Nan' }, {}, h.actorOf(adminA));
    expect(await h.ports.schedules.findById(scheduleA.id)).toEqual(scheduleA);
  });

  it('a deleted patient’s schedules are deactivated and their jobs cancelled; other patients keep theirs', async () => {
    const { h, adminA, assigned, scheduleA, scheduleUnassigned } = w;
    const off = await h.useCases.create.execute(
      h.scopeOf(adminA),
      assigned.id,
      { ...WEEKLY, isActive: false },
      {},
      h.actorOf(adminA),
    );
    await h.patients.delete.execute(h.scopeOf(adminA), assigned.id, h.actorOf(adminA));
    const after = await h.ports.schedules.listByPatients([assigned.id]);
    expect(after.map((s) => [s.id, s.isActive, s.version])).toEqual([
      [scheduleA.id, false, 2],
      [off.id, false, 1],
    ]);
    expect(jobOf(scheduleA)).toEqual([]);
    expect(jobOf(scheduleUnassigned)).toHaveLength(1);
    expect(entriesOf(h, 'UPDATE').filter((e) => e.resourceType === 'schedule')).toEqual([
      expect.objectContaining({
        resourceId: scheduleA.id,
        details: { phiAccessed: true, changedFields: 'isActive', cause: 'patient_deleted' },
      }),
    ]);
  });
});
