import type { Alert } from '../../../domain/alerts/alert';
import type { AlertRepository } from '../../../application/alerts/alert-repository';
import { ALERT_TOKENS } from '../../../application/alerts/alert-tokens';
import { auditLogOf } from '../../support/audit-log';
import { startCareExtrasApp, type CareExtrasApp } from '../../support/care-extras-app';

/**
 * `/v1/reports` over HTTP (API-CONTRACT.md §6.3): generated from the seeded conversations (3, 24 and 58 days
 * before the seed) and from alerts stored for the test, in the seeded organisation's time zone (New York).
 */
type ReportBody = {
  id: string;
  patientId: string;
  periodStart: string;
  periodEnd: string;
  generatedAt: string;
  generatedBy: string;
  content: Record<string, unknown> & { recommendations: string[] };
};

const NOW = new Date('2026-06-15T12:00:00.000Z');
const DENIED = { code: 403, message: 'Access denied: insufficient permissions.' };

describe('reports over HTTP', () => {
  let t: CareExtrasApp;
  let admin: string;
  let staff: string;
  let superAdmin: string;
  let orgId: string;
  let patients: string[];
  let other: { token: string; orgId: string };
  let adminId: string;

  const alert = (fields: Partial<Alert>): Alert => ({
    id: '',
    orgId,
    kind: 'emergency',
    alertType: 'patient',
    patientId: patients[0],
    conversationId: null,
    callId: null,
    importance: 'urgent',
    visibility: 'assignedCaregivers',
    payload: {},
    message: null,
    createdBy: patients[0],
    createdModel: 'Patient',
    authorCaregiverId: null,
    readBy: [],
    requiresAck: true,
    acknowledgedAt: null,
    acknowledgedBy: null,
    ackNote: null,
    escalationLevel: 0,
    escalatedAt: null,
    relevanceUntil: null,
    deletedAt: null,
    createdAt: new Date('2026-05-10T10:00:00Z'),
    updatedAt: new Date('2026-05-10T10:00:00Z'),
    version: 0,
    ...fields,
  });

  beforeAll(async () => {
    t = await startCareExtrasApp({}, NOW);
    ({ org: orgId, patients } = await t.seed());
    admin = await t.login('admin@example.org');
    staff = await t.login('fake@example.org');
    superAdmin = await t.login('superadmin@example.org');
    other = await t.registerOtherOrg();
    adminId = (
      (await t.call('POST', '/test/get-caregiver-by-email', { email: 'admin@example.org' })).body as {
        id: string;
      }
    ).id;
    const alerts = t.app.container.get<AlertRepository>(ALERT_TOKENS.AlertRepository);
    const stored: Array<Partial<Alert>> = [
      {
        id: 'a'.repeat(24),
        payload: { severity: 'CRITICAL', category: 'Medical' },
        acknowledgedAt: new Date('2026-05-10T10:10:00Z'),
        acknowledgedBy: adminId,
      },
      {
        id: 'b'.repeat(24),
        importance: 'high',
        payload: { severity: 'HIGH', category: 'Safety' },
        createdAt: new Date('2026-05-20T10:00:00Z'),
      },
      { id: 'c'.repeat(24), kind: 'call_missed', importance: 'medium', requiresAck: false },
      // Not counted: another patient, and before the period.
      { id: 'd'.repeat(24), patientId: patients[1], createdBy: patients[1] },
      { id: 'e'.repeat(24), createdAt: new Date('2026-04-20T10:00:00Z') },
    ];
    for (const fields of stored) await alerts.insert(alert(fields));
  });
  afterAll(async () => {
    await t.stop();
  });

  const create = (body: Record<string, unknown>, token = admin) => t.call('POST', '/reports', body, token);
  /** Audit entries on the embedded profile; null on the Mongo profile, whose audit store has no test reader yet. */
  const auditEntries = () => (process.env['E2E_PROFILE'] === 'mongo' ? null : auditLogOf(t.app.container).entries());

  it('reports on the last calendar month in the organisation’s time zone by default, from stored records', async () => {
    const res = await create({ patientId: patients[0] });
    expect(res.status).toBe(201);
    const report = res.body as ReportBody;
    expect(report).toMatchObject({
      id: expect.stringMatching(/^[0-9a-f]{24}$/),
      patientId: patients[0],
      periodStart: '2026-05-01T04:00:00.000Z',
      periodEnd: '2026-06-01T04:00:00.000Z',
      generatedAt: NOW.toISOString(),
      generatedBy: adminId,
    });
    expect(report.content).toEqual({
      calls: {
        total: 1,
        scheduled: 1,
        attempted: 1,
        answered: 1,
        completed: 1,
        missed: 0,
        manual: 0,
        answerRate: 1,
        totalMinutes: 4,
      },
      sentiment: { analyzed: 1, average: 0.1, trend: 'stable', distribution: { mixed: 1 } },
      emergencies: {
        total: 2,
        bySeverity: { CRITICAL: 1, HIGH: 1, MEDIUM: 0 },
        byCategory: { Medical: 1, Safety: 1, Physical: 0, Request: 0 },
        acknowledged: 1,
        unacknowledged: 1,
        escalated: 0,
        suppressed: 0,
      },
      alerts: {
        raised: 3,
        acknowledged: 1,
        medianMinutesToAcknowledge: 10,
        byKind: { emergency: 2, call_missed: 1 },
        byType: { conversation: 0, patient: 3, system: 0 },
        byImportance: { low: 0, medium: 1, high: 1, urgent: 1 },
      },
      medical: {
        riskLevel: 'low',
        overallHealthScore: 0,
        confidence: 'none',
        trends: { cognitive: 'stable', mentalHealth: 'stable', language: 'stable', overall: 'stable' },
        warnings: ['insufficient data'],
      },
      fraudAbuse: { riskLevel: 'low', overallRiskScore: 0, confidence: 'none' },
      recommendations: [
        'Critical emergencies were detected in this period: review the care plan with the care team.',
        'Some emergency alerts are still unacknowledged: open them in the app to acknowledge them.',
      ],
    });
    expect((await t.call('GET', `/reports/${report.id}`, undefined, admin)).body).toEqual(report);
    const entries = auditEntries();
    if (entries !== null) {
      const created = entries.filter(
        (e) => e.action === 'CREATE' && e.resourceType === 'report' && e.resourceId === report.id,
      );
      expect(created).toHaveLength(1);
      expect(created[0]?.patientIds).toEqual([patients[0]]);
    }
  });

  it('takes the month before the local date, not the UTC one', async () => {
    t.clock.current = new Date('2026-06-01T02:00:00Z'); // 31 May, 22:00 in New York
    try {
      const report = (await create({ patientId: patients[2] })).body as ReportBody;
      expect([report.periodStart, report.periodEnd]).toEqual(['2026-04-01T04:00:00.000Z', '2026-05-01T04:00:00.000Z']);
    } finally {
      t.clock.current = NOW;
    }
  });

  it('accepts calendar dates (whole local days) and instants, up to one year', async () => {
    const dates = (await create({ patientId: patients[0], periodStart: '2026-04-01', periodEnd: '2026-06-30' }))
      .body as ReportBody;
    expect([dates.periodStart, dates.periodEnd]).toEqual(['2026-04-01T04:00:00.000Z', '2026-07-01T04:00:00.000Z']);
    expect(dates.content['calls']).toMatchObject({ attempted: 3, totalMinutes: 15 });
    expect(dates.content['sentiment']).toEqual({
      analyzed: 3,
      average: 0.433,
      trend: 'stable',
      distribution: { positive: 2, mixed: 1 },
    });
    const twoCalls = (
      await create({ patientId: patients[0], periodStart: '2026-04-01T00:00:00Z', periodEnd: '2026-06-01T00:00:00Z' })
    ).body as ReportBody;
    expect(twoCalls.content['sentiment']).toMatchObject({ analyzed: 2, trend: 'declining' });
    expect(twoCalls.content.recommendations).toContain(
      'Mood has been declining from call to call: consider a personal visit or a call from family.',
    );
    expect((await create({ patientId: patients[0], periodStart: '2025-01-01', periodEnd: '2025-12-31' })).status).toBe(
      201,
    );
    const empty = (await create({ patientId: patients[0], periodStart: '2025-01-01', periodEnd: '2025-12-31' }))
      .body as ReportBody;
    expect(empty.content.recommendations).toEqual([
      'No calls took place in this period: check that the patient has an active call schedule.',
    ]);
  });

  it.each([
    [{ periodStart: '2025-01-01', periodEnd: '2026-01-01' }, '"periodEnd" must be at most 1 year after "periodStart"'],
    [
      { periodStart: '2026-05-01T00:00:00Z', periodEnd: '2027-05-01T00:00:01Z' },
      '"periodEnd" must be at most 1 year after "periodStart"',
    ],
    [{ periodStart: '2026-05-02', periodEnd: '2026-05-01' }, '"periodEnd" must be greater than "periodStart"'],
    [{ periodStart: '2026-02-30' }, '"periodStart" must be a valid ISO 8601 date'],
    [{ periodEnd: 'yesterday' }, '"periodEnd" must be a valid ISO 8601 date'],
    [{ patientId: 'nope' }, '"patientId" must be a valid id'],
    [{ patientId: undefined }, '"patientId" is required'],
    [{ extra: 1 }, '"extra" is not allowed'],
  ])('refuses %j with 400', async (fields, message) => {
    const res = await create({ patientId: patients[0], ...fields });
    expect(res.body).toEqual({ code: 400, message });
  });

  it('lists newest first, per patient, and deletes', async () => {
    t.clock.advance(60_000);
    const first = (await create({ patientId: patients[1] })).body as ReportBody;
    t.clock.advance(60_000);
    const second = (await create({ patientId: patients[1] })).body as ReportBody;
    const listed = (await t.call('GET', `/reports?patientId=${patients[1]}`, undefined, admin)).body as ReportBody[];
    expect(listed.map((r) => r.id)).toEqual([second.id, first.id]);
    const all = (await t.call('GET', '/reports', undefined, admin)).body as ReportBody[];
    expect(all.length).toBeGreaterThan(2);
    expect(all[0]?.id).toBe(second.id);
    expect(await t.call('DELETE', `/reports/${first.id}`, undefined, admin)).toMatchObject({ status: 204 });
    expect(await t.call('GET', `/reports/${first.id}`, undefined, admin)).toMatchObject({
      status: 404,
      body: { code: 404, message: 'Report not found' },
    });
    expect((await t.call('DELETE', `/reports/${first.id}`, undefined, admin)).status).toBe(404);
    const entries = auditEntries();
    if (entries !== null) expect(entries.some((e) => e.action === 'DELETE' && e.resourceId === first.id)).toBe(true);
  });

  it('keeps reports from staff (403) and from other organisations (404), and open to superAdmins', async () => {
    const report = (await create({ patientId: patients[0] })).body as ReportBody;
    expect(await create({ patientId: patients[0] }, staff)).toMatchObject({ status: 403, body: DENIED });
    for (const [method, path] of [
      ['GET', '/reports'],
      ['GET', `/reports/${report.id}`],
      ['DELETE', `/reports/${report.id}`],
    ] as const) {
      expect(await t.call(method, path, undefined, staff)).toMatchObject({ status: 403, body: DENIED });
    }
    expect(await create({ patientId: patients[0] }, other.token)).toMatchObject({
      status: 404,
      body: { message: 'Patient not found' },
    });
    expect((await create({ patientId: 'f'.repeat(24) })).body).toEqual({ code: 404, message: 'Patient not found' });
    expect((await t.call('GET', `/reports/${report.id}`, undefined, other.token)).status).toBe(404);
    expect((await t.call('DELETE', `/reports/${report.id}`, undefined, other.token)).status).toBe(404);
    expect((await t.call('GET', '/reports', undefined, other.token)).body).toEqual([]);
    expect((await t.call('GET', `/reports?patientId=${patients[0]}`, undefined, other.token)).body).toEqual([]);

    expect((await t.call('GET', `/reports/${report.id}`, undefined, superAdmin)).status).toBe(200);
    const listed = (await t.call('GET', `/reports?patientId=${patients[0]}`, undefined, superAdmin))
      .body as ReportBody[];
    expect(listed.map((r) => r.id)).toContain(report.id);
    expect((await create({ patientId: patients[0] }, superAdmin)).status).toBe(201);
    expect((await t.call('GET', `/reports/${report.id}`, undefined, admin)).body).toMatchObject({ id: report.id });
  });
});
