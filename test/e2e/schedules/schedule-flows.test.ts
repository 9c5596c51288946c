import { startSchedulesApp, type SchedulesApp } from '../../support/schedules-app';

/**
 * The schedule routes of API-CONTRACT.md §4.8 over HTTP, in the order the caregiver app's Schedules screen runs
 * them, on the seeded organisation (New York) and its patients. The clock starts on Saturday 2026-03-07 15:00Z,
 * the day before New York springs forward, so the first daily call is already in daylight time.
 */
const DENIED = { code: 403, message: 'Access denied: insufficient permissions.', reason: 'FORBIDDEN' };
const SCHEDULE_NOT_FOUND = { code: 404, message: 'Schedule not found' };
const PATIENT_NOT_FOUND = { code: 404, message: 'Patient not found' };
const START = new Date('2026-03-07T15:00:00.000Z');

type Dto = Record<string, unknown> & { id: string };

describe('schedules over HTTP (§4.8)', () => {
  let t: SchedulesApp;
  let admin: string;
  let staff: string;
  let superAdmin: string;
  let agnes: string;

  beforeAll(async () => {
    t = await startSchedulesApp(START);
  });
  afterAll(async () => {
    await t.stop();
  });
  beforeEach(async () => {
    t.clock.current = START;
    const seeded = await t.call('POST', '/test/seed');
    expect(seeded.status).toBe(200);
    [agnes] = (seeded.body as { data: { patients: string[] } }).data.patients as [string];
    admin = (await t.login('admin@example.org')).token;
    staff = (await t.login('fake@example.org')).token;
    superAdmin = (await t.login('superadmin@example.org')).token;
  });

  const jobOf = (id: string) => t.jobs.scheduled().filter((job) => job.key === `schedule:${id}`);

  const create = async (patientId: string, body: Record<string, unknown>, token: string): Promise<Dto> => {
    const res = await t.call('POST', `/schedules/patients/${patientId}`, body, token);
    expect([res.status, res.body]).toEqual([201, expect.anything()]);
    return res.body as Dto;
  };

  it('creates, reads, edits, deactivates and deletes a schedule the way the Schedules screen does', async () => {
    const created = await create(agnes, { frequency: 'daily', intervals: [], time: '09:00' }, staff);
    expect(created).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{24}$/),
      patient: agnes,
      frequency: 'daily',
      intervals: [],
      time: '09:00',
      timezone: 'America/New_York',
      isActive: true,
      // Sunday 09:00 EDT: New York is on daylight time from 02:00 that morning.
      nextCallDate: '2026-03-08T13:00:00.000Z',
    });
    expect(jobOf(created.id)).toEqual([
      {
        key: `schedule:${created.id}`,
        name: 'place-scheduled-call',
        runAt: new Date('2026-03-08T13:00:00.000Z'),
        payload: { scheduleId: created.id, occurrenceAt: '2026-03-08T13:00:00.000Z' },
      },
    ]);

    const read = await t.call('GET', `/schedules/${created.id}`, undefined, staff);
    expect([read.status, read.body]).toEqual([200, created]);
    const patient = await t.call('GET', `/patients/${agnes}`, undefined, staff);
    expect((patient.body as Dto)['schedules']).toEqual([created]);
    const loginPatients = (await t.login('fake@example.org')).payload['patients'] as Dto[];
    expect(loginPatients.find((p) => p.id === agnes)?.['schedules']).toEqual([created]);

    // The screen sends back the whole stored schedule with its edits.
    const edited = await t.call(
      'PUT',
      `/schedules/${created.id}`,
      { ...created, frequency: 'weekly', intervals: [{ day: 1 }, { day: 3, weeks: 2 }], time: '18:45' },
      staff,
    );
    expect(edited.status).toBe(200);
    expect(edited.body).toEqual({
      ...created,
      frequency: 'weekly',
      intervals: [
        { day: 1, weeks: 1 },
        { day: 3, weeks: 2 },
      ],
      time: '18:45',
      // Monday 18:45 EDT.
      nextCallDate: '2026-03-09T22:45:00.000Z',
    });
    expect(jobOf(created.id).map((job) => job.runAt)).toEqual([new Date('2026-03-09T22:45:00.000Z')]);

    const off = await t.call('PATCH', `/schedules/${created.id}`, { isActive: false }, admin);
    expect([off.status, off.body]).toEqual([200, { ...(edited.body as Dto), isActive: false }]);
    expect(jobOf(created.id)).toEqual([]);
    const on = await t.call('PATCH', `/schedules/${created.id}`, { isActive: true }, admin);
    expect((on.body as Dto)['isActive']).toBe(true);
    expect(jobOf(created.id)).toHaveLength(1);

    const deleted = await t.call('DELETE', `/schedules/${created.id}`, undefined, staff);
    expect([deleted.status, deleted.body]).toEqual([204, null]);
    expect(jobOf(created.id)).toEqual([]);
    expect((await t.call('GET', `/schedules/${created.id}`, undefined, staff)).body).toEqual(SCHEDULE_NOT_FOUND);
    expect((await t.call('DELETE', `/schedules/${created.id}`, undefined, staff)).body).toEqual(SCHEDULE_NOT_FOUND);
    expect(((await t.call('GET', `/patients/${agnes}`, undefined, admin)).body as Dto)['schedules']).toEqual([]);
  });

  it('lets staff act on their assigned patients only, admins on their org, superAdmins anywhere', async () => {
    const solo = await t.call('POST', '/patients', { name: 'Solo Patient', phone: '+16045551234' }, admin);
    const soloId = (solo.body as Dto).id;
    const body = { frequency: 'monthly', intervals: [{ day: 31 }], time: '10:00' };
    expect((await t.call('POST', `/schedules/patients/${soloId}`, body, staff)).body).toEqual(DENIED);
    const theirs = await create(soloId, body, admin);
    // 31 March 10:00 EDT.
    expect(theirs['nextCallDate']).toBe('2026-03-31T14:00:00.000Z');
    for (const [method, payload] of [
      ['GET', undefined],
      ['PUT', body],
      ['PATCH', { time: '11:00' }],
      ['DELETE', undefined],
    ] as const) {
      const res = await t.call(method, `/schedules/${theirs.id}`, payload, staff);
      expect([method, res.status, res.body]).toEqual([method, 403, DENIED]);
    }
    expect((await t.call('GET', `/schedules/${theirs.id}`, undefined, superAdmin)).body).toEqual(theirs);

    // A superAdmin's patient and schedule in the platform org do not exist for the customer's admin.
    const platformOrg = ((await t.login('superadmin@example.org')).payload['caregiver'] as { org: string }).org;
    const foreign = await t.call(
      'POST',
      '/patients',
      { name: 'Platform P', phone: '+16045551234', org: platformOrg },
      superAdmin,
    );
    const foreignId = (foreign.body as Dto).id;
    const foreignSchedule = await create(foreignId, { frequency: 'daily', time: '08:00' }, superAdmin);
    expect((await t.call('POST', `/schedules/patients/${foreignId}`, body, admin)).body).toEqual(PATIENT_NOT_FOUND);
    for (const [method, payload] of [
      ['GET', undefined],
      ['PUT', body],
      ['PATCH', { time: '11:00' }],
      ['DELETE', undefined],
    ] as const) {
      const res = await t.call(method, `/schedules/${foreignSchedule.id}`, payload, admin);
      expect([method, res.status, res.body]).toEqual([method, 404, SCHEDULE_NOT_FOUND]);
      const missing = await t.call(method, `/schedules/${'e'.repeat(24)}`, payload, admin);
      expect([method, missing.status, missing.body]).toEqual([method, 404, SCHEDULE_NOT_FOUND]);
    }
    expect((await t.call('GET', `/schedules/${foreignSchedule.id}`, undefined, superAdmin)).status).toBe(200);
    expect((await t.call('POST', `/schedules/patients/${'e'.repeat(24)}`, body, admin)).body).toEqual(
      PATIENT_NOT_FOUND,
    );
    expect((await t.call('GET', '/schedules/nope', undefined, admin)).body).toEqual({
      code: 400,
      message: '"scheduleId" must be a valid id',
    });
    expect((await t.call('POST', '/schedules/patients/nope', body, admin)).body).toEqual({
      code: 400,
      message: '"patientId" must be a valid id',
    });
    expect((await t.call('GET', `/schedules/${theirs.id}`)).status).toBe(401);
  });

  it('answers the contract’s validation messages and tolerates the echoed keys', async () => {
    const post = async (body: unknown) => (await t.call('POST', `/schedules/patients/${agnes}`, body, staff)).body;
    expect(await post({})).toEqual({ code: 400, message: '"frequency" is required, "time" is required' });
    expect(await post({ frequency: 'weekly', time: '09:00' })).toEqual({
      code: 400,
      message: '"intervals" must contain at least one weekday (0-6) for weekly schedules',
    });
    expect(await post({ frequency: 'monthly', intervals: [], time: '09:00' })).toEqual({
      code: 400,
      message: '"intervals" must contain at least one day of the month (1-31) for monthly schedules',
    });
    expect(await post({ frequency: 'daily', time: '9am' })).toEqual({ code: 400, message: '"time" must match HH:mm' });
    expect(await post({ frequency: 'daily', time: '09:00', every: 'day' })).toEqual({
      code: 400,
      message: '"every" is not allowed',
    });
    expect(await post({ frequency: 'weekly', intervals: [{ day: 1.5, hour: 9 }, 'x'], time: '09:00' })).toEqual({
      code: 400,
      message:
        '"intervals[0].day" must be an integer, "intervals[0].hour" is not allowed, "intervals[1]" must be of type object',
    });
    expect(await post({ frequency: 'weekly', intervals: { day: 1 }, time: '09:00', isActive: 'yes' })).toEqual({
      code: 400,
      message: '"intervals" must be an array, "isActive" must be a boolean',
    });
    expect(await post({ frequency: 'daily', time: '09:00', timezone: 'Atlantis/Lost' })).toEqual({
      code: 400,
      message: '"timezone" must be a valid IANA time zone',
    });
    expect(await post({ frequency: 'daily', time: '09:00', patient: 'a'.repeat(24) })).toEqual({
      code: 400,
      message: '"patient" cannot be changed',
    });

    // The app drops id and patient before creating; a zone is taken in its canonical spelling.
    const created = await create(agnes, { frequency: 'daily', time: '09:00', timezone: 'europe/paris' }, staff);
    expect(created['timezone']).toBe('Europe/Paris');
    const put = async (body: unknown) => t.call('PUT', `/schedules/${created.id}`, body, staff);
    const same = await put(created);
    expect([same.status, same.body]).toEqual([200, created]);
    expect((await put({ ...created, patient: 'a'.repeat(24) })).body).toEqual({
      code: 400,
      message: '"patient" cannot be changed',
    });
    expect((await put({ ...created, id: 'a'.repeat(24) })).body).toEqual({
      code: 400,
      message: `"id" must be [${created.id}]`,
    });
    expect((await put({ ...created, nextCallDate: 'tomorrow' })).body).toEqual({
      code: 400,
      message: '"nextCallDate" must be a valid ISO 8601 date',
    });
    const patch = async (body: unknown) => (await t.call('PATCH', `/schedules/${created.id}`, body, staff)).body;
    expect(await patch({})).toEqual({ code: 400, message: '"value" must have at least 1 key' });
    expect(await patch({ id: created.id, patient: agnes })).toEqual({
      code: 400,
      message: '"value" must have at least 1 key',
    });
    expect(await patch({ frequency: 'weekly' })).toEqual({
      code: 400,
      message: '"intervals" must contain at least one weekday (0-6) for weekly schedules',
    });
    expect(await t.call('GET', `/schedules/${created.id}`, undefined, staff)).toMatchObject({ body: created });
  });

  it('re-zones inherited schedules when the patient’s zone changes; explicit zones stay', async () => {
    const inherited = await create(agnes, { frequency: 'daily', time: '09:00' }, staff);
    const explicit = await create(agnes, { frequency: 'daily', time: '09:00', timezone: 'Asia/Tokyo' }, staff);
    const moved = await t.call('PATCH', `/patients/${agnes}`, { timezone: 'America/Chicago' }, staff);
    expect(moved.status).toBe(200);
    expect((moved.body as Dto)['schedules']).toEqual([
      // Sunday 09:00 CDT (Chicago springs forward the same night).
      { ...inherited, timezone: 'America/Chicago', nextCallDate: '2026-03-08T14:00:00.000Z' },
      explicit,
    ]);
    expect(jobOf(inherited.id).map((job) => job.runAt)).toEqual([new Date('2026-03-08T14:00:00.000Z')]);
  });

  it('creates the schedules embedded in POST /patients, or nothing at all', async () => {
    const res = await t.call(
      'POST',
      '/patients',
      {
        name: 'Nora Note',
        phone: '+16045551234',
        schedules: [{ frequency: 'weekly', intervals: [{ day: 0 }], time: '02:30' }],
      },
      admin,
    );
    expect(res.status).toBe(201);
    const [embedded] = (res.body as { schedules: Dto[] }).schedules;
    // Sunday 02:30 does not exist in New York that night: the call moves to 03:30 EDT.
    expect(embedded).toMatchObject({ timezone: 'America/New_York', nextCallDate: '2026-03-08T07:30:00.000Z' });
    expect(jobOf(embedded.id)).toHaveLength(1);

    const before = ((await t.call('GET', '/patients', undefined, admin)).body as { totalResults: number }).totalResults;
    const refused = await t.call(
      'POST',
      '/patients',
      {
        name: 'Otto Order',
        phone: '+16045551234',
        schedules: [
          { frequency: 'daily', time: '08:00' },
          { frequency: 'daily', time: '25:00' },
        ],
      },
      admin,
    );
    expect(refused.body).toEqual({ code: 400, message: '"schedules[1].time" must match HH:mm' });
    const after = ((await t.call('GET', '/patients', undefined, admin)).body as { totalResults: number }).totalResults;
    expect(after).toBe(before);
  });
});
