import { createAlertWorld, type AlertWorld } from '../../support/alerts-harness';
import { DENIED, entriesOf } from '../patients/patient-world';

const ALERT_NOT_FOUND = { kind: 'not-found', message: 'Alert not found' };

let w: AlertWorld;

beforeEach(async () => {
  w = await createAlertWorld();
});

afterEach(async () => {
  await w.h.close();
});

const list = (who: AlertWorld['staffA'], showRead = true, orgId?: string) =>
  w.alerts.list.execute(w.h.scopeOf(who), { showRead, ...(orgId === undefined ? {} : { orgId }) }, w.h.actorOf(who));

const ids = (alerts: readonly { id: string }[]) => alerts.map((a) => a.id);

describe('alert audience and visibility', () => {
  it('shows assignedCaregivers alerts to the assigned staff only, orgAdmin alerts to admins, allCaregivers to all', async () => {
    const { orgA, staffA, staffA2, adminA, superAdmin, assigned, unassignedA } = w;
    const forAssigned = await w.storeAlert(orgA.id, {
      alertType: 'patient',
      patientId: assigned.id,
      visibility: 'assignedCaregivers',
    });
    const forOther = await w.storeAlert(orgA.id, {
      alertType: 'patient',
      patientId: unassignedA.id,
      visibility: 'assignedCaregivers',
    });
    const forAdmins = await w.storeAlert(orgA.id, { visibility: 'orgAdmin', kind: 'billing_payment_failed' });
    const forAll = await w.storeAlert(orgA.id, { visibility: 'allCaregivers' });

    expect(ids(await list(staffA))).toEqual([forAll.id, forAssigned.id]);
    expect(ids(await list(staffA2))).toEqual([forAll.id]);
    // Admins see the admin and all-caregiver alerts, not an unescalated alert for assigned caregivers.
    expect(ids(await list(adminA))).toEqual([forAll.id, forAdmins.id]);
    expect(ids(await list(superAdmin, true, orgA.id))).toEqual([forAll.id, forAdmins.id]);
    expect(ids(await list(superAdmin))).toEqual([]);
    expect(forOther.id).toBeDefined();

    await expect(
      w.alerts.get.execute(w.h.scopeOf(staffA2), forAssigned.id, w.h.actorOf(staffA2)),
    ).rejects.toMatchObject(ALERT_NOT_FOUND);
    expect(entriesOf(w.h, 'ACCESS_DENIED')).toEqual([
      expect.objectContaining({
        resourceType: 'alert',
        resourceId: forAssigned.id,
        patientIds: [assigned.id],
        details: expect.objectContaining({ rule: 'not_in_audience' }),
      }),
    ]);
  });

  it('shows an escalated assignedCaregivers alert to the org admins', async () => {
    const { orgA, adminA, unassignedA } = w;
    const escalated = await w.storeAlert(orgA.id, {
      kind: 'emergency',
      alertType: 'patient',
      patientId: unassignedA.id,
      visibility: 'assignedCaregivers',
      requiresAck: true,
      importance: 'urgent',
      escalationLevel: 1,
    });
    expect(ids(await list(adminA))).toEqual([escalated.id]);
  });

  it('answers 404 across organisations and audits the probe', async () => {
    const { orgB, staffA, adminA, staffB } = w;
    const alertB = await w.storeAlert(orgB.id);
    expect(ids(await list(staffB))).toEqual([alertB.id]);
    await expect(w.alerts.get.execute(w.h.scopeOf(adminA), alertB.id, w.h.actorOf(adminA))).rejects.toMatchObject(
      ALERT_NOT_FOUND,
    );
    await expect(w.alerts.markRead.execute(w.h.scopeOf(staffA), alertB.id, w.h.actorOf(staffA))).rejects.toMatchObject(
      ALERT_NOT_FOUND,
    );
    await expect(
      w.alerts.update.execute(w.h.scopeOf(adminA), alertB.id, { message: 'x' }, w.h.actorOf(adminA)),
    ).rejects.toMatchObject(ALERT_NOT_FOUND);
    expect(entriesOf(w.h, 'ACCESS_DENIED').map((e) => e.details['rule'])).toEqual([
      'other_org',
      'other_org',
      'other_org',
    ]);
    // A non-superAdmin naming another organisation is a 403.
    await expect(list(adminA, true, orgB.id)).rejects.toMatchObject(DENIED);
  });

  it('hides expired, deleted and deleted-patient alerts, but keeps unacknowledged ack-required ones', async () => {
    const { orgA, staffA, adminA, assigned } = w;
    const expired = await w.storeAlert(orgA.id, { relevanceUntil: new Date(w.h.clock.now().getTime() - 1000) });
    const pending = await w.storeAlert(orgA.id, {
      kind: 'security_account_locked',
      visibility: 'allCaregivers',
      requiresAck: true,
      relevanceUntil: new Date(w.h.clock.now().getTime() - 1000),
    });
    const forever = await w.storeAlert(orgA.id, { relevanceUntil: null });
    const aboutPatient = await w.storeAlert(orgA.id, { alertType: 'patient', patientId: assigned.id });
    expect(ids(await list(staffA))).toEqual([pending.id, aboutPatient.id, forever.id]);
    expect(expired.id).toBeDefined();

    await w.h.useCases.delete.execute(w.h.scopeOf(adminA), assigned.id, w.h.actorOf(adminA));
    expect(ids(await list(staffA))).toEqual([pending.id, forever.id]);
  });

  it('orders ack-awaiting first, then by importance, then newest first', async () => {
    const { orgA, staffA } = w;
    const lowOld = await w.storeAlert(orgA.id, { importance: 'low' });
    const highOld = await w.storeAlert(orgA.id, { importance: 'high' });
    const lowNew = await w.storeAlert(orgA.id, { importance: 'low' });
    const ack = await w.storeAlert(orgA.id, { importance: 'low', requiresAck: true });
    expect(ids(await list(staffA))).toEqual([ack.id, highOld.id, lowNew.id, lowOld.id]);
  });
});

describe('read and acknowledge', () => {
  it('showRead=false leaves out read alerts except ack-awaiting ones; showRead=true lists them', async () => {
    const { orgA, staffA } = w;
    const plain = await w.storeAlert(orgA.id);
    const ackRequired = await w.storeAlert(orgA.id, { kind: 'security_account_locked', requiresAck: true });
    await w.alerts.markAllRead.execute(w.h.scopeOf(staffA), w.h.actorOf(staffA));
    expect(ids(await list(staffA, false))).toEqual([ackRequired.id]);
    expect(ids(await list(staffA, true))).toEqual([ackRequired.id, plain.id]);
  });

  it('marking one read also acknowledges it, idempotently, and audits with the patient', async () => {
    const { orgA, staffA, assigned } = w;
    const alert = await w.storeAlert(orgA.id, {
      kind: 'emergency',
      alertType: 'patient',
      patientId: assigned.id,
      visibility: 'assignedCaregivers',
      requiresAck: true,
      importance: 'urgent',
    });
    const read = await w.alerts.markRead.execute(w.h.scopeOf(staffA), alert.id, w.h.actorOf(staffA));
    expect(read.readBy.map((r) => r.caregiverId)).toEqual([staffA.id]);
    expect(read.acknowledgedBy).toBe(staffA.id);
    expect(read.acknowledgedAt).toEqual(w.h.clock.now());
    expect(read.relevanceUntil).toEqual(new Date(w.h.clock.now().getTime() + 7 * 86_400_000));
    const again = await w.alerts.markRead.execute(w.h.scopeOf(staffA), alert.id, w.h.actorOf(staffA));
    expect(again.version).toBe(read.version);
    expect(entriesOf(w.h, 'UPDATE')).toEqual([
      expect.objectContaining({
        resourceType: 'alert',
        resourceId: alert.id,
        patientIds: [assigned.id],
        details: expect.objectContaining({ read: true, acknowledged: true }),
      }),
      expect.objectContaining({ details: expect.objectContaining({ read: false, acknowledged: false }) }),
    ]);
    // Once acknowledged it is no longer pinned: showRead=false leaves it out.
    expect(ids(await list(staffA, false))).toEqual([]);
  });

  it('mark all marks every visible alert read (never acknowledging) and returns only the ones it marked', async () => {
    const { orgA, staffA, staffA2 } = w;
    const first = await w.storeAlert(orgA.id);
    const second = await w.storeAlert(orgA.id, { requiresAck: true, kind: 'security_account_locked' });
    await w.alerts.markRead.execute(w.h.scopeOf(staffA), first.id, w.h.actorOf(staffA));
    const marked = await w.alerts.markAllRead.execute(w.h.scopeOf(staffA), w.h.actorOf(staffA));
    expect(ids(marked)).toEqual([second.id]);
    expect(marked[0]?.acknowledgedAt).toBeNull();
    expect(await w.alerts.markAllRead.execute(w.h.scopeOf(staffA), w.h.actorOf(staffA))).toEqual([]);
    // Another caregiver's read state is separate.
    expect(ids(await list(staffA2, false))).toEqual([second.id, first.id]);
  });

  it('the explicit acknowledgement keeps the note; the login payload lists unread alerts only', async () => {
    const { orgA, staffA } = w;
    const first = await w.storeAlert(orgA.id, { requiresAck: true, kind: 'security_account_locked' });
    const second = await w.storeAlert(orgA.id);
    const acked = await w.alerts.acknowledge.execute(w.h.scopeOf(staffA), first.id, 'called her', w.h.actorOf(staffA));
    expect(acked).toMatchObject({ ackNote: 'called her', acknowledgedBy: staffA.id });
    const payload = (await w.login.forCaregiver(staffA.id)) as { id: string }[];
    expect(ids(payload)).toEqual([second.id]);
    expect(payload[0]).toMatchObject({ readBy: [], kind: 'call_missed', message: 'call missed' });
  });
});
