import { startPatientsApp, type PatientsApp } from '../../support/patients-app';

/**
 * The patient and care-team routes of API-CONTRACT.md §4.6-§4.7 over HTTP, in the order the caregiver app runs
 * them: an orgAdmin creates a patient and assigns a staff member, who then finds it in the login payload and in
 * `GET /patients`; unassigning sends it to "unassigned"; deleting answers 204 and then 404.
 */
const DENIED = { code: 403, message: 'Access denied: insufficient permissions.', reason: 'FORBIDDEN' };
const NOT_FOUND = { code: 404, message: 'Patient not found' };

type Dto = Record<string, unknown> & { id: string };

describe('patients over HTTP (§4.7)', () => {
  let t: PatientsApp;
  let admin: string;
  let staff: string;
  let superAdmin: string;
  let adminId: string;
  let staffId: string;

  beforeAll(async () => {
    t = await startPatientsApp();
  });
  afterAll(async () => {
    await t.stop();
  });
  beforeEach(async () => {
    expect((await t.call('POST', '/test/seed')).status).toBe(200);
    // These flows start from an organisation without patients: remove the ones the seed creates.
    const seededAdmin = (await t.login('admin@example.org')).token;
    const seeded = (await t.call('GET', '/patients', undefined, seededAdmin)).body as {
      results: Array<{ id: string }>;
    };
    for (const patient of seeded.results) {
      expect((await t.call('DELETE', `/patients/${patient.id}`, undefined, seededAdmin)).status).toBe(204);
    }
    admin = (await t.login('admin@example.org')).token;
    staff = (await t.login('fake@example.org')).token;
    superAdmin = (await t.login('superadmin@example.org')).token;
    adminId = await t.idOf('admin@example.org');
    staffId = await t.idOf('fake@example.org');
  });

  const createAgnes = async (extra: Record<string, unknown> = {}): Promise<Dto> => {
    const res = await t.call(
      'POST',
      '/patients',
      {
        name: 'Agnes Alphabet',
        email: 'Agnes@Example.org',
        phone: '+1-604-555-1234',
        preferredLanguage: 'ko-KR',
        age: 84,
        notes: 'Prefers afternoon calls',
        caregivers: [staffId],
        ...extra,
      },
      admin,
    );
    expect(res.status).toBe(201);
    return res.body as Dto;
  };

  it('creates, assigns, shows to the staff member, unassigns, lists unassigned, deletes', async () => {
    const created = await createAgnes();
    expect(created).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{24}$/),
      name: 'Agnes Alphabet',
      preferredName: null,
      avatar: '',
      email: 'agnes@example.org',
      phone: '+16045551234',
      preferredLanguage: 'ko',
      timezone: null,
      age: 84,
      notes: 'Prefers afternoon calls',
      lastContactAt: null,
      isEmailVerified: false,
      org: expect.any(String),
      caregivers: [adminId, staffId],
      schedules: [],
    });

    // The staff member signs in: the patient is in the login payload, in the care view.
    const { payload } = await t.login('fake@example.org');
    const loginPatients = payload['patients'] as Dto[];
    expect(loginPatients.map((p) => p.id)).toEqual([created.id]);
    expect(loginPatients[0]).not.toHaveProperty('age');
    expect(loginPatients[0]).not.toHaveProperty('notes');
    expect(loginPatients[0]).toMatchObject({ schedules: [], caregivers: [adminId, staffId] });
    expect((payload['caregiver'] as { patients: Dto[] }).patients).toEqual([
      { id: created.id, name: 'Agnes Alphabet', email: 'agnes@example.org', phone: '+16045551234', avatar: '' },
    ]);

    const list = await t.call('GET', '/patients', undefined, staff);
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ page: 1, limit: 100, totalPages: 1, totalResults: 1 });
    const [seen] = (list.body as { results: Dto[] }).results;
    expect(seen?.id).toBe(created.id);
    expect(seen).not.toHaveProperty('notes');

    const team = await t.call('GET', `/patients/${created.id}/caregivers`, undefined, admin);
    expect(team.status).toBe(200);
    expect((team.body as Dto[]).map((c) => [c.id, (c['patients'] as Dto[]).map((p) => p.id)])).toEqual([
      [adminId, [created.id]],
      [staffId, [created.id]],
    ]);
    expect((await t.call('GET', `/patients/${created.id}/caregivers`, undefined, staff)).body).toEqual(DENIED);

    // Unassign both: the staff member loses access, the patient is unassigned.
    const unassigned = await t.call('DELETE', `/patients/${created.id}/caregivers/${staffId}`, undefined, admin);
    expect(unassigned.status).toBe(200);
    expect((unassigned.body as Dto)['caregivers']).toEqual([adminId]);
    expect((await t.call('GET', `/patients/${created.id}`, undefined, staff)).body).toEqual(DENIED);
    expect((await t.call('GET', '/patients', undefined, staff)).body).toMatchObject({ results: [], totalResults: 0 });
    await t.call('DELETE', `/patients/${created.id}/caregivers/${adminId}`, undefined, admin);
    const orphans = await t.call('GET', '/patients/unassigned', undefined, admin);
    expect(orphans.status).toBe(200);
    expect((orphans.body as Dto[]).map((p) => p.id)).toEqual([created.id]);
    expect((await t.call('GET', '/patients/unassigned', undefined, staff)).body).toEqual([]);

    // The caregiver screen's bulk assignment, then the caregiver's own patient routes.
    const bulk = await t.call(
      'POST',
      '/patients/assign-unassigned',
      { caregiverId: staffId, patientIds: [created.id] },
      admin,
    );
    expect(bulk.status).toBe(200);
    expect((bulk.body as Dto[]).map((p) => [p.id, p['caregivers']])).toEqual([[created.id, [staffId]]]);
    const mine = await t.call('GET', `/caregivers/${staffId}/patients`, undefined, staff);
    expect(mine.status).toBe(200);
    expect((mine.body as Dto[]).map((p) => p.id)).toEqual([created.id]);
    expect((mine.body as Dto[])[0]).not.toHaveProperty('age');
    const one = await t.call('GET', `/caregivers/${staffId}/patients/${created.id}`, undefined, admin);
    expect(one.body).toMatchObject({ id: created.id, age: 84 });
    expect((await t.call('GET', `/caregivers/${adminId}/patients/${created.id}`, undefined, admin)).body).toEqual(
      NOT_FOUND,
    );

    const deleted = await t.call('DELETE', `/patients/${created.id}`, undefined, admin);
    expect(deleted.status).toBe(204);
    expect(deleted.body).toBeNull();
    const gone = await t.call('GET', `/patients/${created.id}`, undefined, admin);
    expect(gone.status).toBe(404);
    expect(gone.body).toEqual(NOT_FOUND);
    expect((await t.call('GET', `/caregivers/${staffId}/patients`, undefined, staff)).body).toEqual([]);
    // PHI never reaches the log lines (the request bodies and answers above carried all of it).
    for (const value of ['Agnes', 'agnes@example.org', '6045551234', 'afternoon'])
      expect(t.logs.text).not.toContain(value);
  });

  it('takes back the whole stored patient on save (echoes), and lets staff edit care fields only', async () => {
    const created = await createAgnes();
    const { schedules: _schedules, ...echo } = created;
    const saved = await t.call('PATCH', `/patients/${created.id}`, { ...echo, preferredName: 'Aggie' }, admin);
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({
      id: created.id,
      preferredName: 'Aggie',
      age: 84,
      caregivers: [adminId, staffId],
    });

    const wrongId = await t.call('PATCH', `/patients/${created.id}`, { ...echo, id: 'a'.repeat(24) }, admin);
    expect(wrongId.status).toBe(400);
    expect(wrongId.body).toEqual({ code: 400, message: `"id" must be [${created.id}]` });
    const echoesOnly = await t.call('PATCH', `/patients/${created.id}`, { id: created.id, caregivers: [] }, admin);
    expect(echoesOnly.body).toEqual({ code: 400, message: '"value" must have at least 1 key' });
    const unknown = await t.call('PATCH', `/patients/${created.id}`, { nickname: 'x' }, admin);
    expect(unknown.body).toEqual({ code: 400, message: '"nickname" is not allowed' });

    const care = await t.call(
      'PATCH',
      `/patients/${created.id}`,
      { notes: 'Call after lunch', timezone: 'Europe/Paris' },
      staff,
    );
    expect(care.status).toBe(200);
    expect(care.body).toMatchObject({ timezone: 'Europe/Paris' });
    expect(care.body).not.toHaveProperty('notes');
    expect((await t.call('PATCH', `/patients/${created.id}`, { name: 'Someone Else' }, staff)).body).toEqual(DENIED);
    const after = await t.call('GET', `/patients/${created.id}`, undefined, admin);
    expect(after.body).toMatchObject({ name: 'Agnes Alphabet', notes: 'Call after lunch', preferredName: 'Aggie' });
  });

  it('answers the contract’s errors: validation, conflicts, roles, other organisations', async () => {
    const created = await createAgnes();
    const missing = await t.call('POST', '/patients', { phone: '+16045551234' }, admin);
    expect(missing.body).toEqual({ code: 400, message: '"name" is required' });
    const badPhone = await t.call('POST', '/patients', { name: 'X', phone: '12' }, admin);
    expect(badPhone.body).toEqual({ code: 400, message: '"phone" must be a valid phone number' });
    const badAge = await t.call('POST', '/patients', { name: 'X', phone: '+16045551234', age: 151 }, admin);
    expect(badAge.body).toEqual({ code: 400, message: '"age" must be less than or equal to 150' });
    const dup = await t.call(
      'POST',
      '/patients',
      { name: 'X', phone: '+16045551234', email: 'agnes@example.org' },
      admin,
    );
    expect(dup.status).toBe(409);
    expect(dup.body).toEqual({ code: 409, message: 'Email already taken', reason: 'EMAIL_TAKEN' });
    expect((await t.call('POST', '/patients', { name: 'X', phone: '+16045551234' }, staff)).body).toEqual(DENIED);
    expect((await t.call('DELETE', `/patients/${created.id}`, undefined, staff)).body).toEqual(DENIED);
    expect((await t.call('GET', '/patients/not-an-id', undefined, admin)).body).toEqual({
      code: 400,
      message: '"id" must be a valid id',
    });
    const empty = await t.call('POST', '/patients/assign-unassigned', { caregiverId: staffId, patientIds: [] }, admin);
    expect(empty.body).toEqual({ code: 400, message: '"patientIds" must contain at least 1 item' });
    const ghost = await t.call(
      'POST',
      '/patients/assign-unassigned',
      { caregiverId: 'e'.repeat(24), patientIds: [created.id] },
      admin,
    );
    expect(ghost.body).toEqual({ code: 404, message: 'Caregiver not found' });

    // A superAdmin creates a patient in the platform org: to the customer's admin it does not exist.
    const platformOrg = ((await t.login('superadmin@example.org')).payload['caregiver'] as { org: string }).org;
    const foreign = await t.call(
      'POST',
      '/patients',
      { name: 'Platform P', phone: '+16045551234', org: platformOrg },
      superAdmin,
    );
    expect(foreign.status).toBe(201);
    expect((foreign.body as Dto)['caregivers']).toEqual([]);
    const foreignId = (foreign.body as Dto).id;
    for (const [method, path] of [
      ['GET', `/patients/${foreignId}`],
      ['PATCH', `/patients/${foreignId}`],
      ['DELETE', `/patients/${foreignId}`],
      ['GET', `/patients/${foreignId}/caregivers`],
      ['POST', `/patients/${foreignId}/caregivers/${staffId}`],
      ['DELETE', `/patients/${foreignId}/caregivers/${staffId}`],
    ] as const) {
      const res = await t.call(method, path, method === 'PATCH' ? { preferredName: 'x' } : undefined, admin);
      expect([method, path, res.status, res.body]).toEqual([method, path, 404, NOT_FOUND]);
    }
    expect((await t.call('GET', `/patients?org=${platformOrg}`, undefined, admin)).body).toEqual(DENIED);
    const theirs = await t.call('GET', `/patients?org=${platformOrg}`, undefined, superAdmin);
    expect((theirs.body as { results: Dto[] }).results.map((p) => p.id)).toEqual([foreignId]);
  });

  it('paginates and sorts the way the app asks', async () => {
    for (const name of ['Cora', 'Abe', 'Bea']) {
      const res = await t.call('POST', '/patients', { name, phone: '+16045551234' }, admin);
      expect(res.status).toBe(201);
    }
    const names = async (query: string): Promise<unknown> => {
      const res = await t.call('GET', `/patients${query}`, undefined, admin);
      expect(res.status).toBe(200);
      return { ...(res.body as object), results: (res.body as { results: Dto[] }).results.map((p) => p['name']) };
    };
    expect(await names('')).toEqual({
      results: ['Cora', 'Abe', 'Bea'],
      page: 1,
      limit: 100,
      totalPages: 1,
      totalResults: 3,
    });
    expect(await names('?sortBy=name:desc&limit=2&page=1')).toMatchObject({ results: ['Cora', 'Bea'], totalPages: 2 });
    expect(await names('?sortBy=name&limit=2&page=2')).toMatchObject({ results: ['Cora'] });
    expect(await names('?name=E&role=staff')).toMatchObject({ results: ['Abe', 'Bea'] });
    const bad = await t.call('GET', '/patients?sortBy=age:asc', undefined, admin);
    expect(bad.status).toBe(400);
    expect((await t.call('GET', '/patients?limit=101', undefined, admin)).status).toBe(400);
  });
});
