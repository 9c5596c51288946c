import { createAlertWorld, type AlertWorld } from '../../support/alerts-harness';
import { DENIED, PATIENT_NOT_FOUND, entriesOf } from '../patients/patient-world';

let w: AlertWorld;

beforeEach(async () => {
  w = await createAlertWorld();
});

afterEach(async () => {
  await w.h.close();
});

const DAY = 86_400_000;

const custom = (createdBy: string, extra: Record<string, unknown> = {}) => ({
  message: 'Check in about lunch',
  importance: 'medium' as const,
  alertType: 'system' as const,
  visibility: 'allCaregivers' as const,
  createdModel: 'Caregiver' as const,
  createdBy,
  ...extra,
});

describe('CreateAlert', () => {
  it('lets staff raise a custom alert about an assigned patient, audited, with a 7-day default relevance', async () => {
    const { h, staffA, assigned } = w;
    const { alert, created } = await w.alerts.create.execute(
      h.scopeOf(staffA),
      custom(staffA.id, { alertType: 'patient', relatedPatient: assigned.id, visibility: 'assignedCaregivers' }),
      h.actorOf(staffA),
    );
    expect(created).toBe(true);
    expect(alert).toMatchObject({
      kind: 'custom',
      orgId: assigned.orgId,
      patientId: assigned.id,
      authorCaregiverId: staffA.id,
      requiresAck: false,
      relevanceUntil: new Date(h.clock.now().getTime() + 7 * DAY),
    });
    expect(entriesOf(h, 'CREATE')).toEqual([
      expect.objectContaining({ resourceType: 'alert', resourceId: alert.id, patientIds: [assigned.id] }),
    ]);
    // The identical visible alert is returned instead of a duplicate.
    const again = await w.alerts.create.execute(
      h.scopeOf(staffA),
      custom(staffA.id, { alertType: 'patient', relatedPatient: assigned.id, visibility: 'assignedCaregivers' }),
      h.actorOf(staffA),
    );
    expect(again).toEqual({ alert, created: false });
  });

  it('refuses unassigned patients (403), other orgs’ patients (404) and a createdBy that is not allowed (403)', async () => {
    const { h, staffA, adminA, unassignedA, patientB, staffA2, orgA } = w;
    await expect(
      w.alerts.create.execute(
        h.scopeOf(staffA),
        custom(staffA.id, { alertType: 'patient', relatedPatient: unassignedA.id }),
        h.actorOf(staffA),
      ),
    ).rejects.toMatchObject(DENIED);
    await expect(
      w.alerts.create.execute(
        h.scopeOf(adminA),
        custom(adminA.id, { alertType: 'patient', relatedPatient: patientB.id }),
        h.actorOf(adminA),
      ),
    ).rejects.toMatchObject(PATIENT_NOT_FOUND);
    await expect(
      w.alerts.create.execute(h.scopeOf(staffA), custom(staffA2.id), h.actorOf(staffA)),
    ).rejects.toMatchObject(DENIED);
    await expect(
      w.alerts.create.execute(h.scopeOf(staffA), custom(orgA.id, { createdModel: 'Org' }), h.actorOf(staffA)),
    ).rejects.toMatchObject(DENIED);
    const byOrg = await w.alerts.create.execute(
      h.scopeOf(adminA),
      custom(orgA.id, { createdModel: 'Org' }),
      h.actorOf(adminA),
    );
    expect(byOrg.created).toBe(true);
    expect(entriesOf(h, 'ACCESS_DENIED')).toHaveLength(4);
  });

  it('accepts the app’s "no schedule" alert created by the patient, and validates types and relevance', async () => {
    const { h, adminA, assigned, staffA, staffA2 } = w;
    const { alert } = await w.alerts.create.execute(
      h.scopeOf(adminA),
      custom(assigned.id, {
        createdModel: 'Patient',
        alertType: 'patient',
        relatedPatient: assigned.id,
        visibility: 'assignedCaregivers',
        relevanceUntil: new Date(h.clock.now().getTime() + 30 * DAY),
      }),
      h.actorOf(adminA),
    );
    expect(
      (await w.alerts.list.execute(h.scopeOf(staffA), { showRead: false }, h.actorOf(staffA))).map((a) => a.id),
    ).toEqual([alert.id]);
    expect(await w.alerts.list.execute(h.scopeOf(staffA2), { showRead: false }, h.actorOf(staffA2))).toEqual([]);
    await expect(
      w.alerts.create.execute(h.scopeOf(adminA), custom(adminA.id, { alertType: 'conversation' }), h.actorOf(adminA)),
    ).rejects.toMatchObject({ message: '"relatedPatient" is required, "relatedConversation" is required' });
    await expect(
      w.alerts.create.execute(
        h.scopeOf(adminA),
        custom(adminA.id, { relevanceUntil: new Date(h.clock.now().getTime() + 91 * DAY) }),
        h.actorOf(adminA),
      ),
    ).rejects.toMatchObject({ message: '"relevanceUntil" must be at most 90 days ahead' });
  });
});

describe('UpdateAlert / DeleteAlert', () => {
  it('lets the author and the org admins edit custom alerts, not other staff; system alerts are never edited', async () => {
    const { h, staffA, staffA2, adminA, orgA } = w;
    const { alert } = await w.alerts.create.execute(h.scopeOf(staffA), custom(staffA.id), h.actorOf(staffA));
    const edited = await w.alerts.update.execute(
      h.scopeOf(staffA),
      alert.id,
      { message: 'Lunch at noon' },
      h.actorOf(staffA),
    );
    expect(edited.message).toBe('Lunch at noon');
    const byAdmin = await w.alerts.update.execute(
      h.scopeOf(adminA),
      alert.id,
      { relevanceUntil: null },
      h.actorOf(adminA),
    );
    expect(byAdmin.relevanceUntil).toBeNull();
    await expect(
      w.alerts.update.execute(h.scopeOf(staffA2), alert.id, { importance: 'high' }, h.actorOf(staffA2)),
    ).rejects.toMatchObject(DENIED);
    const system = await w.storeAlert(orgA.id);
    await expect(
      w.alerts.update.execute(h.scopeOf(adminA), system.id, { importance: 'high' }, h.actorOf(adminA)),
    ).rejects.toMatchObject(DENIED);
    expect(entriesOf(h, 'UPDATE').map((e) => e.details['changedFields'])).toEqual(['message', 'relevanceUntil']);
  });

  it('soft-deletes: staff their own custom alerts, admins system alerts unless an ack is awaited', async () => {
    const { h, staffA, staffA2, adminA, orgA } = w;
    const { alert } = await w.alerts.create.execute(h.scopeOf(staffA), custom(staffA.id), h.actorOf(staffA));
    await expect(w.alerts.delete.execute(h.scopeOf(staffA2), alert.id, h.actorOf(staffA2))).rejects.toMatchObject(
      DENIED,
    );
    await w.alerts.delete.execute(h.scopeOf(staffA), alert.id, h.actorOf(staffA));
    await expect(w.alerts.get.execute(h.scopeOf(staffA), alert.id, h.actorOf(staffA))).rejects.toMatchObject({
      message: 'Alert not found',
    });
    const pending = await w.storeAlert(orgA.id, { requiresAck: true, kind: 'security_account_locked' });
    const plain = await w.storeAlert(orgA.id);
    await expect(w.alerts.delete.execute(h.scopeOf(staffA), plain.id, h.actorOf(staffA))).rejects.toMatchObject(DENIED);
    await expect(w.alerts.delete.execute(h.scopeOf(adminA), pending.id, h.actorOf(adminA))).rejects.toMatchObject(
      DENIED,
    );
    await w.alerts.delete.execute(h.scopeOf(adminA), plain.id, h.actorOf(adminA));
    expect(entriesOf(h, 'DELETE').map((e) => e.resourceId)).toEqual([alert.id, plain.id]);
  });
});
