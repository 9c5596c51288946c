import { startCallsApp, type CallsApp } from '../../support/calls-app';

/** The calls endpoints' refusals (API-CONTRACT.md §3.1, §4.11): validation, scope, conflicts, authentication. */
const DENIED = { code: 403, message: 'Access denied: insufficient permissions.', reason: 'FORBIDDEN' };
const NO_CONVERSATION = { code: 404, message: 'Conversation not found' };

describe('call endpoint errors', () => {
  let t: CallsApp;
  let staff: string;
  let admin: string;
  let superAdmin: string;
  let patients: string[];

  beforeAll(async () => {
    t = await startCallsApp();
  });
  afterAll(async () => {
    await t.stop();
  });
  beforeEach(async () => {
    const seeded = await t.call('POST', '/test/seed');
    patients = [...(seeded.body as { data: { patients: string[] } }).data.patients];
    staff = (await t.login('fake@example.org')).token;
    admin = (await t.login('admin@example.org')).token;
    superAdmin = (await t.login('superadmin@example.org')).token;
  });
  afterEach(async () => {
    await t.timers.runUntil(
      async () => (await t.calls.ports.calls.countByStatus(['queued', 'dialing', 'ringing', 'in-progress'])) === 0,
      2_000,
    );
  });

  it('rejects bad input with 400 and the Joi-style message', async () => {
    const cases: Array<[string, string, unknown, string]> = [
      ['POST', '/calls/initiate', {}, '"patientId" is required'],
      ['POST', '/calls/initiate', { patientId: 'x' }, '"patientId" must be a valid id'],
      ['POST', '/calls/initiate', { patientId: patients[0], extra: 1 }, '"extra" is not allowed'],
      [
        'POST',
        '/calls/initiate',
        { patientId: patients[0], callNotes: 'x'.repeat(501) },
        '"callNotes" length must be less than or equal to 500 characters long',
      ],
      ['GET', '/calls/not-an-id/status', undefined, '"id" must be a valid id'],
      ['POST', `/calls/${'a'.repeat(24)}/end`, {}, '"outcome" is required'],
      [
        'POST',
        `/calls/${'a'.repeat(24)}/end`,
        { outcome: 'maybe' },
        '"outcome" must be one of [answered, no_answer, busy, failed, voicemail]',
      ],
      [
        'POST',
        `/calls/${'a'.repeat(24)}/status`,
        { status: 'dancing' },
        '"status" must be one of [initiating, ringing, answered, connected, ended, failed, busy, no_answer]',
      ],
    ];
    for (const [method, path, body, message] of cases) {
      const res = await t.call(method, path, body, admin);
      expect([method, path, res.status, res.body]).toEqual([method, path, 400, { code: 400, message }]);
    }
    expect(await t.calls.ports.calls.countByStatus(['queued'])).toBe(0);
  });

  it('refuses an unassigned patient to staff (403), another organisation (404), and a second call (409)', async () => {
    const created = await t.call('POST', '/patients', { name: 'Nobody Assigned', phone: '+16045557777' }, admin);
    const unassigned = (created.body as { id: string }).id;
    expect((await t.call('POST', '/calls/initiate', { patientId: unassigned }, staff)).body).toEqual(DENIED);

    const platformOrg = ((await t.login('superadmin@example.org')).payload['caregiver'] as { org: string }).org;
    const foreign = await t.call(
      'POST',
      '/patients',
      { name: 'Platform P', phone: '+16045551234', org: platformOrg },
      superAdmin,
    );
    const foreignId = (foreign.body as { id: string }).id;
    expect((await t.call('POST', '/calls/initiate', { patientId: foreignId }, admin)).body).toEqual({
      code: 404,
      message: 'Patient not found',
    });
    const foreignCall = await t.call('POST', '/calls/initiate', { patientId: foreignId }, superAdmin);
    expect(foreignCall.status).toBe(201);
    const { conversationId, callId } = foreignCall.body as { conversationId: string; callId: string };
    for (const [method, path, body] of [
      ['GET', `/calls/${conversationId}/status`, undefined],
      ['GET', `/calls/${callId}/conversation`, undefined],
      ['POST', `/calls/${conversationId}/end`, { outcome: 'answered' }],
      ['POST', `/calls/${conversationId}/status`, { status: 'ended' }],
    ] as const) {
      const res = await t.call(method, path, body, admin);
      expect([method, path, res.status, res.body]).toEqual([method, path, 404, NO_CONVERSATION]);
    }
    expect((await t.calls.ports.calls.findById(callId))?.status).not.toBe('cancelled');

    await t.call('POST', '/calls/initiate', { patientId: patients[0] }, staff);
    expect((await t.call('POST', '/calls/initiate', { patientId: patients[0] }, admin)).body).toEqual({
      code: 409,
      message: 'A call to this patient is already in progress',
      reason: 'CALL_IN_PROGRESS',
    });
    expect((await t.call('GET', `/calls/${'b'.repeat(24)}/status`, undefined, admin)).body).toEqual(NO_CONVERSATION);
  });

  it('staff cannot read or end a call of a patient they are not assigned to', async () => {
    const created = await t.call('POST', '/patients', { name: 'Nobody Assigned', phone: '+16045557778' }, admin);
    const started = await t.call('POST', '/calls/initiate', { patientId: (created.body as { id: string }).id }, admin);
    const { conversationId } = started.body as { conversationId: string };
    expect((await t.call('GET', `/calls/${conversationId}/status`, undefined, staff)).body).toEqual(DENIED);
    expect((await t.call('POST', `/calls/${conversationId}/end`, { outcome: 'answered' }, staff)).body).toEqual(DENIED);
  });

  it('answers the summary endpoint and records manual reports without changing the call', async () => {
    const started = await t.call('POST', '/calls/initiate', { patientId: patients[1] }, admin);
    const { conversationId } = started.body as { conversationId: string };
    const summary = await t.call('GET', `/calls/${conversationId}/conversation`, undefined, admin);
    expect(Object.keys((summary.body as { data: object }).data).sort()).toEqual(
      [
        'agent',
        'callId',
        'callNotes',
        'callOutcome',
        'callStatus',
        'conversationId',
        'duration',
        'endTime',
        'patient',
        'startTime',
        'status',
      ].sort(),
    );
    const report = await t.call('POST', `/calls/${conversationId}/status`, { status: 'ringing', notes: 'seen' }, staff);
    expect(report.status).toBe(200);
    expect((report.body as { data: { status: string } }).data.status).toBe('initiated');
  });

  it('needs a session', async () => {
    const res = await t.call('GET', '/calls/active');
    expect(res.status).toBe(401);
    expect((await t.call('POST', '/calls/initiate', { patientId: patients[0] })).status).toBe(401);
  });
});
