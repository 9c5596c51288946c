import { startAnalysisApp, type AnalysisApp } from '../../support/analysis-app';
import { analysisFixtures, DENIED, PATIENT_NOT_FOUND } from './analysis-fixtures';

/**
 * Who may reach the analysis endpoints (API-CONTRACT.md §2.8) and how bad requests are refused: the exact 400
 * messages of §4.12-§4.14, 403 for the own organisation's patients outside the caller's scope, 404 for other
 * organisations' patients (as for missing ones), and the `analysis-trigger` limit of 20 per hour.
 */
type Body = Record<string, unknown>;

const READS = (id: string) => [
  `/sentiment/patient/${id}/trend`,
  `/sentiment/patient/${id}/summary`,
  `/medical-analysis/results/${id}`,
  `/medical-analysis/trend/${id}`,
  `/medical-analysis/summary/${id}`,
  `/medical-analysis/baseline/${id}`,
  `/fraud-abuse-analysis/${id}`,
  `/fraud-abuse-analysis/results/${id}`,
];

const TRIGGERS = (id: string) => [
  `/medical-analysis/trigger-patient/${id}`,
  `/fraud-abuse-analysis/trigger-patient/${id}`,
];

describe('analysis access rules and validation', () => {
  let t: AnalysisApp;
  let admin: string;
  let staff: string;
  let superAdmin: string;
  let assigned: string;
  let unassigned: string;
  let foreign: string;
  let fx: ReturnType<typeof analysisFixtures>;

  beforeAll(async () => {
    t = await startAnalysisApp();
    fx = analysisFixtures(t);
    const seeded = await t.call('POST', '/test/seed');
    assigned = (seeded.body as { data: { patients: string[] } }).data.patients[0];
    admin = await t.login('admin@example.org');
    staff = await t.login('fake@example.org');
    superAdmin = await t.login('superadmin@example.org');
    const created = await t.call('POST', '/patients', { name: 'Una Assigned', phone: '+16045550177' }, admin);
    unassigned = (created.body as { id: string }).id;
    foreign = await fx.otherOrgPatient();
  });
  afterAll(async () => {
    await t.stop();
  });

  const status = async (method: string, path: string, token: string, body?: unknown) =>
    (await t.call(method, path, body, token)).status;

  it('answers the contract 400 messages for bad ranges, windows, limits and ids', async () => {
    const bad = async (path: string) => (await t.call('GET', path, undefined, admin)).body;
    expect(await bad(`/sentiment/patient/${assigned}/trend?timeRange=week`)).toEqual({
      code: 400,
      message: '"timeRange" must be one of [lastCall, month, lifetime]',
    });
    expect(await bad(`/medical-analysis/trend/${assigned}?timeRange=week`)).toEqual({
      code: 400,
      message: '"timeRange" must be one of [month, quarter, year]',
    });
    expect(await bad(`/fraud-abuse-analysis/${assigned}?timeRange=week`)).toEqual({
      code: 400,
      message: '"timeRange" must be one of [month, quarter, year, custom]',
    });
    const custom = 'Custom time range requires startDate and endDate';
    expect(await bad(`/fraud-abuse-analysis/${assigned}?timeRange=custom`)).toEqual({ code: 400, message: custom });
    expect(await bad(`/fraud-abuse-analysis/${assigned}?timeRange=custom&startDate=2026-01-01`)).toEqual({
      code: 400,
      message: custom,
    });
    expect(
      await bad(`/fraud-abuse-analysis/${assigned}?timeRange=custom&startDate=2026-02-01&endDate=2026-01-01`),
    ).toEqual({
      code: 400,
      message: '"startDate" must be before "endDate"',
    });
    expect(
      await bad(`/fraud-abuse-analysis/${assigned}?timeRange=custom&startDate=2025-01-01&endDate=2026-01-02`),
    ).toEqual({
      code: 400,
      message: '"endDate" must be at most 1 year after "startDate"',
    });
    expect(
      await bad(`/fraud-abuse-analysis/${assigned}?timeRange=custom&startDate=yesterday&endDate=2026-01-02`),
    ).toEqual({
      code: 400,
      message: '"startDate" must be a valid ISO 8601 date',
    });
    expect(await bad(`/medical-analysis/results/${assigned}?limit=0`)).toEqual({
      code: 400,
      message: '"limit" must be greater than or equal to 1',
    });
    expect(await bad(`/fraud-abuse-analysis/results/${assigned}?limit=51`)).toEqual({
      code: 400,
      message: '"limit" must be less than or equal to 50',
    });
    expect(await bad(`/sentiment/patient/${assigned}/summary?extra=1`)).toEqual({
      code: 400,
      message: '"extra" is not allowed',
    });
    expect(await bad('/sentiment/patient/not-an-id/trend')).toEqual({
      code: 400,
      message: '"patientId" must be a valid id',
    });
    expect(await bad('/sentiment/conversation/123')).toEqual({
      code: 400,
      message: '"conversationId" must be a valid id',
    });
    const put = await t.call(
      'PUT',
      `/medical-analysis/baseline/${assigned}`,
      { metrics: { depressionScore: 101 } },
      admin,
    );
    expect(put.body).toEqual({ code: 400, message: '"metrics.depressionScore" must be less than or equal to 100' });
    const missing = await t.call('PUT', `/medical-analysis/baseline/${assigned}`, {}, admin);
    expect(missing.body).toEqual({ code: 400, message: '"metrics" is required' });
  });

  it('accepts a valid custom fraud window and reuses it only for the same window', async () => {
    const path = `/fraud-abuse-analysis/${assigned}?timeRange=custom&startDate=2026-01-01&endDate=2026-03-01T00:00:00Z`;
    const first = (await t.call('GET', path, undefined, admin)).body as { data: { analysis: Body; startDate: string } };
    expect(first.data.startDate).toBe('2026-01-01T00:00:00.000Z');
    const again = (await t.call('GET', path, undefined, admin)).body as { data: { analysis: Body } };
    expect(again.data.analysis['id']).toBe(first.data.analysis['id']);
  });

  it('refuses staff on patients they are not assigned to (403), on every read and trigger', async () => {
    for (const path of READS(unassigned))
      expect([path, (await t.call('GET', path, undefined, staff)).body]).toEqual([path, DENIED]);
    for (const path of TRIGGERS(unassigned))
      expect([path, (await t.call('POST', path, undefined, staff)).body]).toEqual([path, DENIED]);
    for (const path of READS(assigned)) expect([path, await status('GET', path, staff)]).toEqual([path, 200]);
  });

  it('keeps bulk re-runs, trigger-all, status and manual baselines to admins', async () => {
    expect((await t.call('POST', `/sentiment/patient/${assigned}/reanalyze`, {}, staff)).body).toEqual(DENIED);
    expect((await t.call('POST', '/medical-analysis/trigger-all', undefined, staff)).body).toEqual(DENIED);
    expect((await t.call('GET', '/medical-analysis/status', undefined, staff)).body).toEqual(DENIED);
    expect((await t.call('PUT', `/medical-analysis/baseline/${assigned}`, { metrics: null }, staff)).body).toEqual(
      DENIED,
    );
    expect(
      (await t.call('POST', `/medical-analysis/trigger-all?org=${'a'.repeat(24)}`, undefined, admin)).body,
    ).toEqual(DENIED);
    expect(await status('GET', '/medical-analysis/status', admin)).toBe(200);
  });

  it("answers another organisation's patients and conversations as not found, except to a superAdmin", async () => {
    for (const path of READS(foreign)) {
      expect([path, (await t.call('GET', path, undefined, admin)).body]).toEqual([path, PATIENT_NOT_FOUND]);
      expect([path, (await t.call('GET', path, undefined, staff)).body]).toEqual([path, PATIENT_NOT_FOUND]);
    }
    for (const path of TRIGGERS(foreign)) {
      expect([path, (await t.call('POST', path, undefined, admin)).body]).toEqual([path, PATIENT_NOT_FOUND]);
    }
    expect((await t.call('POST', `/sentiment/patient/${foreign}/reanalyze`, {}, admin)).body).toEqual(
      PATIENT_NOT_FOUND,
    );
    expect((await t.call('PUT', `/medical-analysis/baseline/${foreign}`, { metrics: null }, admin)).body).toEqual(
      PATIENT_NOT_FOUND,
    );
    const call = await fx.storeCall(
      foreign,
      [['patient', 'Hola, estoy bien, gracias.']],
      new Date(t.clock.now().getTime() - 3_600_000),
    );
    const notFound = { code: 404, message: 'Conversation not found' };
    expect((await t.call('GET', `/sentiment/conversation/${call.id}`, undefined, admin)).body).toEqual(notFound);
    expect((await t.call('POST', `/sentiment/conversation/${call.id}/analyze`, undefined, admin)).body).toEqual(
      notFound,
    );
    expect((await t.call('GET', `/sentiment/conversation/${'b'.repeat(24)}`, undefined, admin)).body).toEqual(notFound);
    for (const path of READS(foreign)) expect([path, await status('GET', path, superAdmin)]).toEqual([path, 200]);
    const analysed = await t.call('POST', `/sentiment/conversation/${call.id}/analyze`, undefined, superAdmin);
    expect((analysed.body as { sentiment: Body }).sentiment).toMatchObject({
      overallSentiment: 'positive',
      patientMood: 'Contento y positivo',
    });
    expect((await t.call('GET', `/sentiment/patient/${'c'.repeat(24)}/trend`, undefined, admin)).body).toEqual(
      PATIENT_NOT_FOUND,
    );
  });

  it('audits PHI reads, writes and refusals with ids and codes only', async () => {
    const from = t.audits.length;
    await t.call('GET', `/sentiment/patient/${assigned}/trend?timeRange=lifetime`, undefined, staff);
    await t.call('POST', `/medical-analysis/trigger-patient/${assigned}`, undefined, staff);
    await t.call('GET', `/fraud-abuse-analysis/results/${unassigned}`, undefined, staff);
    await t.call('GET', `/medical-analysis/results/${foreign}`, undefined, admin);
    const entries = t.audits.slice(from);
    expect(entries.map((e) => [e.action, e.outcome, e.resourceType, e.resourceId])).toEqual([
      ['READ', 'success', 'sentiment', 'list'],
      ['CREATE', 'success', 'medicalAnalysis', expect.stringMatching(/^[0-9a-f]{24}$/)],
      ['ACCESS_DENIED', 'denied', 'fraudAbuseAnalysis', 'list'],
      ['ACCESS_DENIED', 'denied', 'medicalAnalysis', 'list'],
    ]);
    expect(entries[0]).toMatchObject({
      patientIds: [assigned],
      details: { phiAccessed: true, count: 3, timeRange: 'lifetime' },
    });
    expect(entries[2]).toMatchObject({
      patientIds: [unassigned],
      details: { rule: 'not_assigned', requiresReview: true },
    });
    // A probe of another organisation names no patient in the caller's log.
    expect(entries[3].patientIds).toBeUndefined();
    expect(entries[3].details).toMatchObject({ rule: 'other_org' });
    expect(JSON.stringify(entries)).not.toMatch(/garden|tomatoes|Agnes|Una Assigned/);
  });

  it('limits manual triggers to 20 per hour per caregiver (analysis-trigger), then 429 with Retry-After', async () => {
    const caller = await t.login('playwright@example.org');
    for (let i = 0; i < 20; i += 1) {
      expect(await status('POST', TRIGGERS(unassigned)[i % 2], caller)).toBe(200);
    }
    const limited = await t.call('POST', TRIGGERS(unassigned)[0], undefined, caller);
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({
      code: 429,
      message: 'Too many requests. Please try again later.',
      reason: 'RATE_LIMITED',
    });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await status('GET', READS(unassigned)[0], caller)).toBe(200);
  });
});
