import { startAlertsApp, type AlertsApp } from '../../support/alerts-app';

type Entry = {
  id: string;
  sequence: number;
  action: string;
  resource: string;
  orgId: string | null;
  patientIds: string[];
  hash: string;
};
type EntryPage = { results: Entry[]; page: number; limit: number; totalPages: number; totalResults: number };

/** The audit views, chain verification and breach administration of API-CONTRACT.md §6.3 over HTTP. */
describe('audit and breach endpoints', () => {
  let app: AlertsApp;
  let staff: string;
  let admin: string;
  let superAdmin: string;

  beforeAll(async () => {
    app = await startAlertsApp();
    expect((await app.call('POST', '/test/seed')).status).toBe(200);
    staff = (await app.login('fake@example.org')).token;
    admin = (await app.login('admin@example.org')).token;
    superAdmin = (await app.login('superadmin@example.org')).token;
  });

  afterAll(async () => {
    await app.stop();
  });

  /** Entries are chained shortly after they are recorded; wait until the query finds what it should. */
  const entriesUntil = async (query: string, found: (page: EntryPage) => boolean): Promise<EntryPage> => {
    for (let attempt = 0; ; attempt += 1) {
      const res = await app.call('GET', `/audit/entries${query}`, undefined, admin);
      expect(res.status).toBe(200);
      const page = res.body as EntryPage;
      if (found(page) || attempt >= 40) return page;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  it('refuses staff and shows orgAdmins their own organisation only, newest first, without PHI values', async () => {
    const refused = await app.call('GET', '/audit/entries', undefined, staff);
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 403, message: 'Access denied: insufficient permissions.' });

    const page = await entriesUntil('?limit=50', (p) => p.results.length > 0);
    expect(page).toMatchObject({ page: 1, limit: 50 });
    expect(page.totalResults).toBeGreaterThan(0);
    const orgs = new Set(page.results.map((entry) => entry.orgId));
    expect(orgs.size).toBe(1);
    const sequences = page.results.map((entry) => entry.sequence);
    expect(sequences).toEqual([...sequences].sort((a, b) => b - a));
    expect(JSON.stringify(page.results)).not.toMatch(/@example\.org|Password1|Agnes/);
    for (const entry of page.results) expect(entry.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('answers a patient access history (disclosure accounting) after a caregiver opens the record', async () => {
    const patients = (await app.call('GET', '/patients', undefined, staff)).body as { results: Array<{ id: string }> };
    const patientId = patients.results[0]?.id;
    expect(patientId).toBeDefined();
    expect((await app.call('GET', `/patients/${patientId}`, undefined, staff)).status).toBe(200);

    const history = await entriesUntil(`?patientId=${patientId}&action=READ`, (p) =>
      p.results.some((entry) => entry.resource === 'patient' && entry.patientIds.includes(patientId)),
    );
    expect(history.results.length).toBeGreaterThan(0);
    for (const entry of history.results) {
      expect(entry.action).toBe('READ');
      expect(entry.patientIds).toContain(patientId);
    }
  });

  it('validates its queries with 400s', async () => {
    expect((await app.call('GET', '/audit/entries?limit=500', undefined, admin)).status).toBe(400);
    expect((await app.call('GET', '/audit/entries?outcome=maybe', undefined, admin)).status).toBe(400);
    expect((await app.call('GET', '/audit/entries?patientId=not-an-id', undefined, admin)).status).toBe(400);
    expect((await app.call('GET', '/audit/entries?page=1000&limit=100', undefined, admin)).status).toBe(400);
    const missing = await app.call('GET', '/audit/report?from=2026-01-01T00:00:00Z', undefined, admin);
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ code: 400 });
  });

  it('reports counts by action, resource, outcome and actor over a window', async () => {
    const from = new Date(Date.now() - 24 * 3600 * 1000).toISOString();
    const to = new Date(Date.now() + 3600 * 1000).toISOString();
    const res = await app.call('GET', `/audit/report?from=${from}&to=${to}`, undefined, admin);
    expect(res.status).toBe(200);
    const report = res.body as {
      totalEntries: number;
      byAction: Record<string, number>;
      byOutcome: Record<string, number>;
      phiAccessCount: number;
    };
    expect(report.totalEntries).toBeGreaterThan(0);
    expect(Object.values(report.byAction).reduce((a, b) => a + b, 0)).toBe(report.totalEntries);
    expect(Object.values(report.byOutcome).reduce((a, b) => a + b, 0)).toBe(report.totalEntries);
    expect(report.phiAccessCount).toBeGreaterThan(0);
  });

  it('lets only superAdmins verify the chain, and reports it intact with what is pending', async () => {
    expect((await app.call('POST', '/audit/verify', {}, admin)).status).toBe(403);
    const res = await app.call('POST', '/audit/verify', {}, superAdmin);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ chainId: 'main', ok: true, firstBrokenLink: null, fromSeq: 1 });
    const body = res.body as { checkedEntries: number; pendingEntries: number; toSeq: number };
    expect(body.checkedEntries).toBe(body.toSeq);
    expect(body.pendingEntries).toBeGreaterThanOrEqual(0);
    expect((await app.call('POST', '/audit/verify', { fromSeq: 0 }, superAdmin)).status).toBe(400);
  });

  it('lists a lockout breach for the orgAdmin; only a superAdmin moves it along the breach machine', async () => {
    for (let i = 0; i < 5; i += 1)
      await app.call('POST', '/auth/login', { email: 'playwright@example.org', password: 'wrong-password-1' });
    const list = await app.call('GET', '/breaches?type=excessive_failed_logins', undefined, admin);
    expect(list.status).toBe(200);
    const page = list.body as {
      results: Array<{ id: string; status: string; severity: string }>;
      totalResults: number;
    };
    expect(page.totalResults).toBeGreaterThan(0);
    const breach = page.results[0];
    expect(breach).toMatchObject({ status: 'INVESTIGATING', severity: 'HIGH' });
    expect((await app.call('GET', `/breaches/${breach.id}`, undefined, admin)).status).toBe(200);
    expect((await app.call('GET', '/breaches', undefined, staff)).status).toBe(403);

    expect((await app.call('PATCH', `/breaches/${breach.id}`, { status: 'CONFIRMED' }, admin)).status).toBe(403);
    const confirmed = await app.call(
      'PATCH',
      `/breaches/${breach.id}`,
      { status: 'CONFIRMED', mitigationStep: { action: 'reset password', result: 'done' } },
      superAdmin,
    );
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({
      status: 'CONFIRMED',
      requiresHhsNotification: false,
      mitigationSteps: [{ action: 'reset password', result: 'done' }],
    });
    const back = await app.call('PATCH', `/breaches/${breach.id}`, { status: 'INVESTIGATING' }, superAdmin);
    expect(back.status).toBe(409);
    expect(back.body).toMatchObject({ code: 409, message: 'Invalid status transition' });
    expect((await app.call('PATCH', `/breaches/${breach.id}`, {}, superAdmin)).status).toBe(400);
    expect((await app.call('GET', '/breaches/0123456789abcdef01234567', undefined, admin)).status).toBe(404);
  });
});
