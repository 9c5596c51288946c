import {
  DEFAULT_BREACH_RULE_SETTINGS,
  type BreachRuleSettings,
} from '../../../application/compliance/breach-rules/breach-rule-ports';
import { PhiAccessMonitor } from '../../../application/compliance/breach-rules/phi-access-monitor';
import type { AuditEvent, AuditRecorder } from '../../../application/ports/audit-recorder';
import type { EmailMessage, EmailSender } from '../../../application/ports/email-sender';
import type { Logger } from '../../../application/ports/logger';
import { InMemoryPhiAccessCounter } from '../../../adapters/cache/memory/in-memory-phi-access-counter';
import { InMemorySessionStore } from '../../../adapters/cache/memory/in-memory-session-store';
import { InMemoryAlertRepository } from '../../../adapters/persistence/memory/in-memory-alert-repository';
import { InMemoryBreachLogRepository } from '../../../adapters/persistence/memory/in-memory-breach-log-repository';
import { InMemoryCaregiverRepository } from '../../../adapters/persistence/memory/in-memory-caregiver-repository';
import { InMemoryOrgRepository } from '../../../adapters/persistence/memory/in-memory-org-repository';
import { MemoryDatabase } from '../../../adapters/persistence/memory/memory-database';
import { ObjectIdGenerator } from '../../../adapters/shared/object-id-generator';
import { createCaregiver } from '../../../domain/identity/caregiver';
import { createOrg } from '../../../domain/identity/org';
import { TestClock } from '../../support/test-clock';

const ORG = 'org00000000000000000001';
const CG = 'cg000000000000000000001';
// Noon in New York.
const NOON = new Date('2026-06-03T16:00:00.000Z');

class RecordingRecorder implements AuditRecorder {
  readonly events: AuditEvent[] = [];
  failing = false;
  record(event: AuditEvent): Promise<void> {
    if (this.failing) return Promise.reject(new Error('audit store down'));
    this.events.push(event);
    return Promise.resolve();
  }
}

const silentLogger = (errors: string[]): Logger => {
  const logger: Logger = {
    debug: () => undefined,
    info: () => undefined,
    warn: () => undefined,
    error: (_fields, message) => errors.push(message),
    child: () => logger,
  };
  return logger;
};

const setup = async (settings: Partial<BreachRuleSettings> = {}) => {
  const db = new MemoryDatabase();
  const clock = new TestClock(NOON);
  const inner = new RecordingRecorder();
  const mails: EmailMessage[] = [];
  const email: EmailSender = { send: (message) => Promise.resolve(String(mails.push(message))) };
  const caregivers = new InMemoryCaregiverRepository(db);
  const orgs = new InMemoryOrgRepository(db);
  const breaches = new InMemoryBreachLogRepository(db);
  const alerts = new InMemoryAlertRepository(db);
  const errors: string[] = [];
  await orgs.insert(createOrg({ id: ORG, name: 'Org', email: 'org@example.org', phone: null, now: NOON }));
  const account = createCaregiver({
    id: CG,
    orgId: ORG,
    name: 'Staff',
    email: 'staff@example.org',
    phone: null,
    role: 'staff',
    intendedRole: null,
    passwordHash: 'x',
    isEmailVerified: true,
    now: NOON,
  });
  await caregivers.insert(account);
  const monitor = new PhiAccessMonitor({
    inner,
    counter: new InMemoryPhiAccessCounter(),
    caregivers,
    orgs,
    sessions: new InMemorySessionStore(),
    breaches,
    alerts,
    email,
    ids: new ObjectIdGenerator(),
    clock,
    logger: silentLogger(errors),
    settings: { ...DEFAULT_BREACH_RULE_SETTINGS, ...settings },
  });
  const read = (patientId: string, over: Partial<AuditEvent> = {}): Promise<void> =>
    monitor.record({
      action: 'READ',
      outcome: 'success',
      actorKind: 'caregiver',
      actorId: CG,
      orgId: ORG,
      resourceType: 'patient',
      resourceId: patientId,
      patientIds: [patientId],
      requestId: null,
      ip: '10.0.0.1',
      at: clock.now(),
      details: { phiAccessed: true },
      ...over,
    });
  const lockOf = async () => (await caregivers.findById(CG))?.lock ?? null;
  const orgAlerts = () => alerts.candidatesFor(ORG, '');
  return { clock, inner, mails, caregivers, breaches, alerts, errors, monitor, read, lockOf, orgAlerts };
};

describe('PhiAccessMonitor', () => {
  it('locks on the 20th distinct patient opened within a minute, with a CRITICAL breach and an urgent alert', async () => {
    const t = await setup({ securityContactEmail: 'security@example.org' });
    for (let i = 0; i < 19; i += 1) await t.read(`p${i}`);
    expect(await t.lockOf()).toBeNull();
    await t.read('p19');
    expect(await t.lockOf()).toMatchObject({ reason: 'data_volume', lockedUntil: null, lockedBy: 'system' });
    const breaches = await t.breaches.list(ORG);
    expect(breaches.map((b) => [b.type, b.severity, b.caregiverId])).toEqual([
      ['data_exfiltration_attempt', 'CRITICAL', CG],
    ]);
    const alerts = await t.orgAlerts();
    expect(alerts.map((a) => [a.kind, a.importance, a.visibility, a.requiresAck])).toEqual([
      ['security_account_locked', 'urgent', 'orgAdmin', true],
    ]);
    expect(t.mails.map((m) => m.to)).toEqual(['security@example.org']);
    // Its own entry went to the inner recorder only.
    expect(t.inner.events.filter((e) => e.action === 'ACCOUNT_LOCKED')).toHaveLength(1);
    expect(t.inner.events).toHaveLength(21);
  });

  it('counts a record read many times once', async () => {
    const t = await setup();
    for (let i = 0; i < 60; i += 1) await t.read(`p${i % 5}`);
    expect(await t.lockOf()).toBeNull();
    expect(await t.breaches.list(ORG)).toHaveLength(0);
  });

  it('lets opens spread beyond the minute through, until 100 distinct in the hour', async () => {
    const t = await setup();
    for (let i = 0; i < 99; i += 1) {
      await t.read(`p${i}`);
      t.clock.advance(30_000);
    }
    expect(await t.lockOf()).toBeNull();
    await t.read('p99');
    expect(await t.lockOf()).toMatchObject({ reason: 'data_volume' });
    expect((await t.breaches.list(ORG)).map((b) => b.type)).toEqual(['unusual_data_access_volume']);
  });

  it('never locks for lists and polls, however many patients they show', async () => {
    const t = await setup();
    const all = Array.from({ length: 100 }, (_, i) => `p${i}`);
    for (let i = 0; i < 30; i += 1) {
      await t.read('list', { patientIds: all });
      await t.read('call', { resourceType: 'call', resourceId: `call${i}`, patientIds: [`p${i}`] });
    }
    expect(await t.lockOf()).toBeNull();
    expect(await t.breaches.list(ORG)).toHaveLength(0);
  });

  it('raises one alert-only record when lists reach their own hourly limit', async () => {
    const t = await setup({ limits: { minute: 20, hour: 100, listHour: 150 } });
    for (let page = 0; page < 4; page += 1) {
      await t.read('list', { patientIds: Array.from({ length: 50 }, (_, i) => `p${page * 50 + i}`) });
    }
    expect(await t.lockOf()).toBeNull();
    const breaches = await t.breaches.list(ORG);
    expect(breaches.map((b) => [b.type, b.severity, b.details['code']])).toEqual([
      ['other', 'MEDIUM', 'phi_list_volume'],
    ]);
  });

  it('ignores system actors and refusals', async () => {
    const t = await setup();
    for (let i = 0; i < 30; i += 1) await t.read(`p${i}`, { actorKind: 'system', actorId: null });
    for (let i = 0; i < 30; i += 1) await t.read(`p${i}`, { outcome: 'denied', action: 'ACCESS_DENIED' });
    expect(await t.lockOf()).toBeNull();
  });

  it('starts afresh after an unlock, and does not open a second breach within the hour', async () => {
    const t = await setup();
    for (let i = 0; i < 20; i += 1) await t.read(`p${i}`);
    const locked = await t.caregivers.findById(CG);
    if (locked === null) throw new Error('caregiver vanished');
    await t.caregivers.update({ ...locked, lock: null });
    t.clock.advance(5_000);
    await t.read('p0');
    expect(await t.lockOf()).toBeNull();
    for (let i = 20; i < 40; i += 1) await t.read(`p${i}`);
    expect(await t.lockOf()).toMatchObject({ reason: 'data_volume' });
    expect(await t.breaches.list(ORG)).toHaveLength(1);
    expect((await t.orgAlerts()).filter((a) => a.kind === 'security_account_locked')).toHaveLength(2);
  });

  it('reports off-hours access once per caregiver per local night', async () => {
    const t = await setup();
    t.clock.current = new Date('2026-06-04T03:00:00.000Z'); // 23:00 in New York
    await t.read('p1');
    t.clock.advance(2 * 3_600_000); // 01:00
    await t.read('p2', { action: 'UPDATE' });
    let breaches = await t.breaches.list(ORG);
    expect(breaches.map((b) => [b.type, b.severity, b.details['night']])).toEqual([
      ['off_hours_access', 'MEDIUM', '2026-06-03'],
    ]);
    expect((await t.orgAlerts()).map((a) => [a.kind, a.importance])).toEqual([['security_off_hours', 'medium']]);
    t.clock.current = new Date('2026-06-05T02:30:00.000Z'); // 22:30 the next night
    await t.read('p1');
    breaches = await t.breaches.list(ORG);
    expect(breaches.map((b) => b.details['night']).sort()).toEqual(['2026-06-03', '2026-06-04']);
    expect(await t.lockOf()).toBeNull();
  });

  it('never reports daytime access', async () => {
    const t = await setup();
    await t.read('p1');
    expect(await t.breaches.list(ORG)).toHaveLength(0);
  });

  it('keeps the request alive when an effect fails, and logs it', async () => {
    const t = await setup();
    jest.spyOn(t.breaches, 'insert').mockRejectedValue(new Error('breach store down'));
    for (let i = 0; i < 20; i += 1) await expect(t.read(`p${i}`)).resolves.toBeUndefined();
    expect(await t.lockOf()).toMatchObject({ reason: 'data_volume' });
    expect(t.errors).toContain('a PHI access rule effect failed');
  });

  it('fails closed when the audit entry cannot be stored, and counts nothing', async () => {
    const t = await setup();
    t.inner.failing = true;
    await expect(t.read('p1')).rejects.toThrow('audit store down');
    t.inner.failing = false;
    for (let i = 2; i < 21; i += 1) await t.read(`p${i}`);
    expect(await t.lockOf()).toBeNull();
  });
});
