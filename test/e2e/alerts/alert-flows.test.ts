import { startAlertsApp, type AlertsApp } from '../../support/alerts-app';

/** The Alerts screen's sequence over HTTP (API-CONTRACT.md §4.10, §6.4 `create-alert`, §2.6 passive polls). */
describe('alerts over HTTP', () => {
  let t: AlertsApp;
  let staff: string;
  let staffId: string;
  let patients: string[];

  beforeAll(async () => {
    t = await startAlertsApp();
  });
  afterAll(async () => {
    await t.stop();
  });
  beforeEach(async () => {
    const seeded = await t.call('POST', '/test/seed');
    expect(seeded.status).toBe(200);
    patients = (seeded.body as { data: { patients: string[] } }).data.patients;
    staffId = await t.idOf('fake@example.org');
    // These flows start without alerts: remove the ones the demo seed creates.
    const admin = (await t.login('admin@example.org')).token;
    const seededAlerts = (await t.call('GET', '/alerts?showRead=true', undefined, admin)).body as Array<{ id: string }>;
    for (const alert of seededAlerts) {
      expect((await t.call('DELETE', `/alerts/${alert.id}`, undefined, admin)).status).toBe(204);
    }
  });

  const createFor = async (caregiverId: string, body: Record<string, unknown> = {}) => {
    const res = await t.call('POST', '/test/create-alert', { caregiverId, message: 'Call Agnes back', ...body });
    expect(res.status).toBe(201);
    return res.body as { id: string } & Record<string, unknown>;
  };

  const ids = (body: unknown) => (body as { id: string }[]).map((a) => a.id);

  it('lists unread, opens one (read and acknowledged), shows it with showRead=true, marks all read', async () => {
    const first = await createFor(staffId, { importance: 'high', relatedPatient: patients[0] });
    const second = await createFor(staffId, { message: 'Weekly summary ready' });
    expect(first).toMatchObject({
      kind: 'custom',
      importance: 'high',
      alertType: 'patient',
      relatedPatient: patients[0],
      createdBy: staffId,
      createdModel: 'Caregiver',
      readBy: [],
      requiresAck: false,
      acknowledgedAt: null,
      escalationLevel: 0,
    });
    const signedIn = await t.login('fake@example.org');
    staff = signedIn.token;
    expect(ids(signedIn.payload['alerts'])).toEqual([first.id, second.id]);

    const unread = await t.call('GET', '/alerts', undefined, staff);
    expect(unread.status).toBe(200);
    expect(ids(unread.body)).toEqual([first.id, second.id]);

    const opened = await t.call('POST', `/alerts/markAsRead/${first.id}`, undefined, staff);
    expect(opened.status).toBe(200);
    expect(opened.body).toMatchObject({ id: first.id, readBy: [staffId], acknowledgedBy: staffId });
    expect((opened.body as { acknowledgedAt: string }).acknowledgedAt).toMatch(/^\d{4}-.*Z$/);

    expect(ids((await t.call('GET', '/alerts', undefined, staff)).body)).toEqual([second.id]);
    expect(ids((await t.call('GET', '/alerts?showRead=true', undefined, staff)).body)).toEqual([first.id, second.id]);
    expect((await t.call('GET', `/alerts/${first.id}`, undefined, staff)).status).toBe(200);

    const all = await t.call('POST', '/alerts/markAsRead', { alertIds: [] }, staff);
    expect(all.status).toBe(200);
    expect(Array.isArray(all.body)).toBe(true);
    expect(ids(all.body)).toEqual([second.id]);
    expect((all.body as { acknowledgedAt: unknown }[])[0]?.acknowledgedAt).toBeNull();
    expect((await t.call('GET', '/alerts', undefined, staff)).body).toEqual([]);
    expect((await t.login('fake@example.org')).payload['alerts']).toEqual([]);
  });

  it('does not count the alert poll as activity', async () => {
    staff = (await t.login('fake@example.org')).token;
    t.clock.advance(10 * 60_000);
    expect((await t.call('GET', '/alerts?showRead=true', undefined, staff)).status).toBe(200);
    t.clock.advance(6 * 60_000);
    const expired = await t.call('GET', '/alerts', undefined, staff);
    expect(expired.status).toBe(401);
    expect(expired.body).toMatchObject({ reason: 'IDLE_TIMEOUT' });
  });

  it('creates the Schedules screen alert (201, then 200 for the duplicate) and validates input', async () => {
    const admin = (await t.login('admin@example.org')).token;
    const body = {
      message: 'Agnes has no schedule',
      importance: 'medium',
      alertType: 'patient',
      visibility: 'assignedCaregivers',
      createdModel: 'Patient',
      createdBy: patients[0],
      relatedPatient: patients[0],
      relevanceUntil: new Date(t.clock.now().getTime() + 30 * 86_400_000).toISOString(),
      readBy: [],
    };
    const created = await t.call('POST', '/alerts', body, admin);
    expect(created.status).toBe(201);
    const again = await t.call('POST', '/alerts', body, admin);
    expect(again.status).toBe(200);
    expect((again.body as { id: string }).id).toBe((created.body as { id: string }).id);

    staff = (await t.login('fake@example.org')).token;
    expect(ids((await t.call('GET', '/alerts', undefined, staff)).body)).toEqual([(created.body as { id: string }).id]);

    const bad = await t.call('POST', '/alerts', { ...body, importance: 'critical', extra: 1 }, admin);
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({
      code: 400,
      message: '"importance" must be one of [low, medium, high, urgent], "extra" is not allowed',
    });
    expect((await t.call('GET', '/alerts/not-an-id', undefined, staff)).status).toBe(400);
    const missing = await t.call('GET', '/alerts/0123456789abcdef01234567', undefined, staff);
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ code: 404, message: 'Alert not found' });
    expect((await t.call('GET', '/alerts?showRead=maybe', undefined, staff)).status).toBe(400);
  });

  it('edits and deletes a custom alert, and acknowledges with a note', async () => {
    staff = (await t.login('fake@example.org')).token;
    const alert = await createFor(staffId);
    const patched = await t.call('PATCH', `/alerts/${alert.id}`, { importance: 'urgent' }, staff);
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ importance: 'urgent' });
    const acked = await t.call('POST', `/alerts/${alert.id}/acknowledge`, { note: 'done' }, staff);
    expect(acked.status).toBe(200);
    expect(acked.body).toMatchObject({ acknowledgedBy: staffId, readBy: [staffId] });
    expect((await t.call('DELETE', `/alerts/${alert.id}`, undefined, staff)).status).toBe(204);
    expect((await t.call('DELETE', `/alerts/${alert.id}`, undefined, staff)).status).toBe(404);
    expect(
      (await t.call('POST', '/test/create-alert', { caregiverId: '0123456789abcdef01234567', message: 'x' })).status,
    ).toBe(404);
  });
});
