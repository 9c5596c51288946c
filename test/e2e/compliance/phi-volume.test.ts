import { DateTime } from 'luxon';
import type { OrgRepository } from '../../../application/ports/org-repository';
import { TOKENS } from '../../../application/ports/tokens';
import { startApplication } from '../../../bootstrap/application';
import { bindBreachRules } from '../../../bootstrap/breach-rules-module';
import { request, type JsonResponse } from '../../support/http-client';
import { LogCapture } from '../../support/log-capture';
import { TestClock } from '../../support/test-clock';
import { testConfig } from '../../support/test-config';

type App = Awaited<ReturnType<typeof startApplication>>;
interface Breach {
  type: string;
  severity: string;
  caregiverId: string | null;
  status: string;
  details: Record<string, unknown>;
}
interface AlertDto {
  kind: string;
  importance: string;
}

const PATIENTS = 100;

/**
 * The PHI access rules over HTTP (DOMAIN.md §2.4.9, RESOLUTIONS.md 33) in a 100-patient organisation: ordinary
 * use (lists, polls, a handful of opens) never locks; 20 distinct patients opened in a minute lock the account
 * until an orgAdmin unlocks it; PHI touched at night is reported once per local night.
 */
describe('PHI volume and off-hours rules over HTTP', () => {
  const clock = new TestClock(new Date('2026-06-03T16:00:00.000Z'));
  let app: App;
  let zone: string;
  let staffId: string;
  let patients: string[] = [];

  const call = (method: string, path: string, body?: unknown, token?: string): Promise<JsonResponse> =>
    request(app.url, `/v1${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  const login = async (email: string): Promise<string> => {
    const res = await call('POST', '/auth/login', { email, password: 'Password1' });
    if (res.status !== 200) throw new Error(`login of ${email} answered ${res.status}: ${res.text}`);
    return (res.body as { tokens: { access: { token: string } } }).tokens.access.token;
  };

  /** Moves the clock to a local time of the org's zone on a day after the start. */
  const setLocal = (day: number, hour: number, minute = 0): void => {
    clock.current = DateTime.fromObject({ year: 2026, month: 6, day, hour, minute }, { zone }).toJSDate();
  };

  const breaches = async (token: string): Promise<Breach[]> => {
    const res = await call('GET', '/breaches?limit=100', undefined, token);
    expect(res.status).toBe(200);
    return (res.body as { results: Breach[] }).results;
  };

  const volumeBreaches = (list: Breach[]) =>
    list.filter((b) => b.type === 'data_exfiltration_attempt' || b.type === 'unusual_data_access_volume');

  beforeAll(async () => {
    const config = testConfig({
      TEST_SUPPORT_ROUTES: 'true',
      AUTH_RATE_LIMIT: '1000',
      API_USER_RATE_LIMIT: '100000',
      // The production thresholds (testConfig quiets the rules for other tests).
      PHI_VOLUME_MINUTE_LIMIT: '20',
      PHI_VOLUME_HOUR_LIMIT: '100',
      PHI_LIST_ALERT_HOUR_LIMIT: '500',
      OFF_HOURS_START: '22:00',
      OFF_HOURS_END: '06:00',
    });
    app = await startApplication(config, {
      logDestination: new LogCapture(),
      overrides: (c) => {
        c.rebind(TOKENS.shared.Clock).toConstantValue(clock);
        bindBreachRules(c, config);
      },
    });
    const seeded = await call('POST', '/test/seed');
    expect(seeded.status).toBe(200);
    staffId = (
      (await call('POST', '/test/get-caregiver-by-email', { email: 'fake@example.org' })).body as { id: string }
    ).id;
    const admin = await login('admin@example.org');
    const me = (await call('GET', `/caregivers/${staffId}`, undefined, admin)).body as { org: string };
    const org = await app.container.get<OrgRepository>(TOKENS.identity.OrgRepository).findById(me.org);
    zone = org?.timezone ?? 'UTC';
    setLocal(3, 12);

    const existing = (await call('GET', '/patients?limit=100', undefined, admin)).body as { results: { id: string }[] };
    for (let i = existing.results.length; i < PATIENTS; i += 1) {
      const phone = `+1604556${String(1000 + i).padStart(4, '0')}`;
      const res = await call('POST', '/patients', { name: `Patient ${i}`, phone, caregivers: [staffId] }, admin);
      expect(res.status).toBe(201);
    }
    const all = (await call('GET', '/patients?limit=100', undefined, admin)).body as {
      results: { id: string }[];
      totalResults: number;
    };
    expect(all.totalResults).toBe(PATIENTS);
    patients = all.results.map((p) => p.id);
  }, 60_000);

  afterAll(async () => {
    await app.shutdown('test end');
  });

  it('never locks a staff member or an orgAdmin in ordinary use: lists of 100, polls and a handful of opens', async () => {
    setLocal(3, 12, 5);
    const staff = await login('fake@example.org');
    const admin = await login('admin@example.org');
    for (let round = 0; round < 10; round += 1) {
      for (const token of [staff, admin]) {
        const list = await call('GET', '/patients?limit=100', undefined, token);
        expect(list.status).toBe(200);
        expect((await call('GET', '/alerts', undefined, token)).status).toBe(200);
        for (const id of patients.slice(0, 5)) {
          expect((await call('GET', `/patients/${id}`, undefined, token)).status).toBe(200);
        }
      }
      clock.advance(2_000);
    }
    expect((await call('GET', `/patients/${patients[0]}`, undefined, staff)).status).toBe(200);
    expect((await call('GET', `/patients/${patients[0]}`, undefined, admin)).status).toBe(200);
    const ruleTypes = ['data_exfiltration_attempt', 'unusual_data_access_volume', 'off_hours_access', 'other'];
    expect((await breaches(admin)).filter((b) => ruleTypes.includes(b.type))).toEqual([]);
    const alerts = (await call('GET', '/alerts', undefined, admin)).body as AlertDto[];
    expect(alerts.filter((a) => a.kind === 'security_account_locked')).toEqual([]);
  });

  it('locks the caregiver who opens 20 distinct patients in a minute, alerts the orgAdmins, and an unlock restores access', async () => {
    setLocal(3, 13);
    const staff = await login('fake@example.org');
    for (const id of patients.slice(10, 30)) {
      // The 20th read still answers: its entry is written before the data is returned, and the lock follows it.
      expect((await call('GET', `/patients/${id}`, undefined, staff)).status).toBe(200);
      clock.advance(1_000);
    }
    const after = await call('GET', `/patients/${patients[10]}`, undefined, staff);
    expect(after.status).toBe(401);
    expect(after.body).toMatchObject({ code: 401 });
    const relogin = await call('POST', '/auth/login', { email: 'fake@example.org', password: 'Password1' });
    expect(relogin.status).toBe(403);
    expect(relogin.body).toMatchObject({ reason: 'ACCOUNT_LOCKED' });

    const admin = await login('admin@example.org');
    const found = volumeBreaches(await breaches(admin));
    expect(found.map((b) => [b.type, b.severity, b.status, b.caregiverId])).toEqual([
      ['data_exfiltration_attempt', 'CRITICAL', 'INVESTIGATING', staffId],
    ]);
    expect(found[0]?.details).toEqual({ distinctRecords: 20, limit: 20, windowMinutes: 1 });
    for (const token of [admin, await login('playwright@example.org')]) {
      const alerts = (await call('GET', '/alerts', undefined, token)).body as AlertDto[];
      expect(alerts.filter((a) => a.kind === 'security_account_locked').map((a) => a.importance)).toEqual(['urgent']);
    }

    const unlocked = await call('POST', `/caregivers/${staffId}/unlock`, undefined, admin);
    expect(unlocked.status).toBe(200);
    const again = await login('fake@example.org');
    expect((await call('GET', `/patients/${patients[10]}`, undefined, again)).status).toBe(200);
    expect((await call('GET', `/patients/${patients[11]}`, undefined, again)).status).toBe(200);
  });

  it('reports PHI touched at night once per caregiver per local night, without locking', async () => {
    setLocal(3, 23);
    const staff = await login('fake@example.org');
    expect((await call('GET', `/patients/${patients[40]}`, undefined, staff)).status).toBe(200);
    clock.advanceMinutes(10);
    expect((await call('GET', `/patients/${patients[41]}`, undefined, staff)).status).toBe(200);
    setLocal(4, 1);
    const later = await login('fake@example.org');
    expect((await call('GET', `/patients/${patients[42]}`, undefined, later)).status).toBe(200);

    setLocal(4, 9);
    const admin = await login('admin@example.org');
    const ofStaff = (list: Breach[]) => list.filter((b) => b.type === 'off_hours_access' && b.caregiverId === staffId);
    expect(ofStaff(await breaches(admin)).map((b) => [b.severity, b.details])).toEqual([
      ['MEDIUM', { night: '2026-06-03' }],
    ]);
    const alerts = (await call('GET', '/alerts', undefined, admin)).body as AlertDto[];
    expect(alerts.filter((a) => a.kind === 'security_off_hours').map((a) => a.importance)).toContain('medium');

    setLocal(4, 22, 30);
    const nextNight = await login('fake@example.org');
    expect((await call('GET', `/patients/${patients[43]}`, undefined, nextNight)).status).toBe(200);
    setLocal(5, 9);
    const morning = await login('admin@example.org');
    expect(
      ofStaff(await breaches(morning))
        .map((b) => b.details['night'])
        .sort(),
    ).toEqual(['2026-06-03', '2026-06-04']);
    // No lock: the staff member signs in and reads as before.
    const day = await login('fake@example.org');
    expect((await call('GET', `/patients/${patients[44]}`, undefined, day)).status).toBe(200);
  });
});
