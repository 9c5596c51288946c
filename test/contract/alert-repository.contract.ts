import {
  acknowledge,
  applyAlertChanges,
  createCustomAlert,
  isReadBy,
  markRead,
  softDeletedAlert,
  type Alert,
  type NewCustomAlert,
} from '../../domain/alerts/alert';
import type { AlertRepository, IdenticalCustomAlert } from '../../application/alerts/alert-repository';
import type { UnitOfWork } from '../../application/ports/unit-of-work';

/** What the alert contract suite needs from a persistence target: the ports over one empty database. */
export interface AlertStores {
  readonly uow: UnitOfWork;
  readonly alerts: AlertRepository;
}

const ORG = 'a'.repeat(24);
const OTHER_ORG = 'b'.repeat(24);
const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));
const hex = (n: number) => n.toString(16).padStart(24, '0');
const PATIENT = hex(1001);
const AUTHOR = hex(501);
const READER = hex(502);

/** A custom alert written by `AUTHOR` at second `n` (id `hex(n)`) about `PATIENT`. */
const custom = (n: number, fields: Partial<NewCustomAlert> = {}): Alert =>
  createCustomAlert({
    id: hex(n),
    orgId: ORG,
    authorCaregiverId: AUTHOR,
    message: 'Check the pill box',
    importance: 'medium',
    alertType: 'patient',
    visibility: 'allCaregivers',
    createdBy: AUTHOR,
    createdModel: 'Caregiver',
    patientId: PATIENT,
    conversationId: null,
    now: at(n),
    ...fields,
  });

/** A system alert (no author, `createdBy` naming no record), with every optional field filled. */
const systemAlert = (n: number, fields: Partial<Alert> = {}): Alert => ({
  ...custom(n),
  kind: 'call_missed_final',
  alertType: 'conversation',
  conversationId: hex(2001),
  callId: 'CA-provider-call-1',
  importance: 'urgent',
  visibility: 'assignedCaregivers',
  payload: { attempts: 3, reason: 'no_answer', retried: true, note: null },
  message: null,
  createdBy: 'system',
  createdModel: 'Schedule',
  authorCaregiverId: null,
  readBy: [{ caregiverId: READER, readAt: at(n + 5) }],
  requiresAck: true,
  acknowledgedAt: at(n + 6),
  acknowledgedBy: READER,
  ackNote: 'Called her daughter',
  escalationLevel: 2,
  escalatedAt: at(n + 4),
  relevanceUntil: null,
  version: 3,
  ...fields,
});

/** The AlertRepository contract every adapter passes. */
export const describeAlertRepositoryContract = (name: string, open: () => Promise<AlertStores>): void => {
  describe(`AlertRepository contract (${name})`, () => {
    let s: AlertStores;
    const candidateIds = async (orgId: string, author: string) =>
      (await s.alerts.candidatesFor(orgId, author)).map((a) => a.id);

    beforeEach(async () => {
      s = await open();
    });

    it('round-trips every field, payload and read state included, and answers null for unknown ids', async () => {
      const full = systemAlert(1);
      const written = custom(2, { relevanceUntil: at(999), conversationId: hex(2002), alertType: 'conversation' });
      await s.alerts.insert(full);
      await s.alerts.insert(written);
      expect(await s.alerts.findById(full.id)).toEqual(full);
      expect(await s.alerts.findById(written.id)).toEqual(written);
      expect((await s.alerts.findById(full.id))?.readBy[0].readAt.toISOString()).toBe(at(6).toISOString());
      expect(await s.alerts.findById(hex(99))).toBeNull();
      expect(await s.alerts.findById('not-an-id')).toBeNull();
    });

    it('hides soft-deleted alerts from every read', async () => {
      const alert = custom(1);
      await s.alerts.insert(alert);
      const saved = await s.alerts.update(softDeletedAlert(alert, at(50)));
      expect(saved).toMatchObject({ deletedAt: at(50), version: alert.version + 1 });
      expect(await s.alerts.findById(alert.id)).toBeNull();
      expect(await s.alerts.candidatesFor(ORG, AUTHOR)).toEqual([]);
      expect(
        await s.alerts.findIdenticalCustom({
          orgId: ORG,
          patientId: PATIENT,
          createdBy: AUTHOR,
          message: alert.message!,
        }),
      ).toEqual([]);
    });

    it('gives the org’s alerts plus the ones the author wrote elsewhere, oldest first, ties by id', async () => {
      await s.alerts.insert(custom(3, { now: at(1) }));
      await s.alerts.insert(systemAlert(2, { createdAt: at(1) }));
      await s.alerts.insert(custom(4, { orgId: OTHER_ORG, now: at(0) }));
      await s.alerts.insert(custom(5, { orgId: OTHER_ORG, authorCaregiverId: READER, createdBy: READER }));
      await s.alerts.insert(systemAlert(6, { orgId: OTHER_ORG }));
      await s.alerts.insert(custom(7));
      expect(await candidateIds(ORG, AUTHOR)).toEqual([hex(4), hex(2), hex(3), hex(7)]);
      expect(await candidateIds(ORG, READER)).toEqual([hex(2), hex(3), hex(5), hex(7)]);
      expect(await candidateIds(OTHER_ORG, READER)).toEqual([hex(4), hex(5), hex(6)]);
      expect(await candidateIds('c'.repeat(24), hex(503))).toEqual([]);
      expect(await candidateIds('not-an-org', AUTHOR)).toEqual([hex(4), hex(3), hex(7)]);
    });

    it('finds identical custom alerts on org, patient, author and message only, oldest first', async () => {
      const same: IdenticalCustomAlert = {
        orgId: ORG,
        patientId: PATIENT,
        createdBy: AUTHOR,
        message: 'Check the pill box',
      };
      await s.alerts.insert(custom(9));
      await s.alerts.insert(custom(2));
      await s.alerts.insert(custom(3, { message: 'check the pill box' }));
      await s.alerts.insert(custom(4, { patientId: null, alertType: 'system' }));
      await s.alerts.insert(custom(5, { createdBy: READER }));
      await s.alerts.insert(custom(6, { orgId: OTHER_ORG }));
      await s.alerts.insert(systemAlert(7, { message: same.message, createdBy: AUTHOR, patientId: PATIENT }));
      await s.alerts.insert(custom(8, { message: 'Check the pill box.*' }));
      const found = async (query: Partial<IdenticalCustomAlert>) =>
        (await s.alerts.findIdenticalCustom({ ...same, ...query })).map((a) => a.id);
      expect(await found({})).toEqual([hex(2), hex(9)]);
      expect(await found({ patientId: null })).toEqual([hex(4)]);
      expect(await found({ createdBy: READER })).toEqual([hex(5)]);
      expect(await found({ orgId: OTHER_ORG })).toEqual([hex(6)]);
      expect(await found({ message: 'Check the pill box.*' })).toEqual([hex(8)]);
      expect(await found({ message: 'Check the pill' })).toEqual([]);
      expect(await found({ createdBy: 'system' })).toEqual([]);
      expect(await found({ orgId: 'not-an-org' })).toEqual([]);
    });

    it('keeps per-caregiver read state apart from acknowledgement', async () => {
      const alert = custom(1);
      await s.alerts.insert(alert);
      const read = await s.alerts.update(markRead(alert, READER, at(10)).next);
      expect(isReadBy(read, READER)).toBe(true);
      const reread = await s.alerts.findById(alert.id);
      expect(reread?.readBy).toEqual([{ caregiverId: READER, readAt: at(10) }]);
      expect(isReadBy(reread!, AUTHOR)).toBe(false);
      expect(reread?.acknowledgedAt).toBeNull();
      const acked = await s.alerts.update(
        acknowledge(markRead(reread!, AUTHOR, at(11)).next, AUTHOR, at(11), 'ok').next,
      );
      const stored = await s.alerts.findById(alert.id);
      expect(stored).toEqual(acked);
      expect(stored?.readBy.map((r) => r.caregiverId)).toEqual([READER, AUTHOR]);
      expect(stored).toMatchObject({ acknowledgedBy: AUTHOR, ackNote: 'ok', version: alert.version + 2 });
    });

    it('updates under compare-and-set on version, resolving the saved record', async () => {
      const alert = custom(1);
      await s.alerts.insert(alert);
      const changed = applyAlertChanges(alert, { message: 'New text', importance: 'high' }, at(5)).next;
      expect(await s.alerts.update(changed)).toEqual({ ...changed, version: alert.version + 1 });
      await expect(s.alerts.update(markRead(alert, READER, at(6)).next)).rejects.toMatchObject({
        kind: 'conflict',
        reason: 'STALE_VERSION',
      });
      expect(await s.alerts.findById(alert.id)).toMatchObject({ message: 'New text', readBy: [] });
      await expect(s.alerts.update(custom(2))).rejects.toThrow(/does not exist/);
    });

    it('refuses a second insert of the same id, as a rejected promise, keeping the first', async () => {
      await s.alerts.insert(custom(1));
      await expect(s.alerts.insert(custom(1, { message: 'Other' }))).rejects.toMatchObject({
        kind: 'conflict',
        id: 'DUPLICATE_ID',
      });
      expect((await s.alerts.findById(hex(1)))?.message).toBe('Check the pill box');
    });

    it('keeps private copies: changing a returned or stored object does not change the store', async () => {
      const original = systemAlert(1);
      await s.alerts.insert(original);
      (original.payload as Record<string, unknown>).attempts = 9;
      const read = await s.alerts.findById(original.id);
      expect(read?.payload.attempts).toBe(3);
      (read!.readBy as unknown[]).length = 0;
      expect((await s.alerts.findById(original.id))?.readBy).toHaveLength(1);
    });

    it('R3: undoes its inserts and updates when the unit of work fails', async () => {
      const kept = custom(1);
      await s.alerts.insert(kept);
      await expect(
        s.uow.run(async () => {
          await s.alerts.insert(custom(2));
          await s.alerts.update(markRead(kept, READER, at(9)).next);
          await s.alerts.update(softDeletedAlert({ ...kept, version: kept.version + 1 }, at(9)));
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await s.alerts.findById(kept.id)).toEqual(kept);
      expect(await candidateIds(ORG, AUTHOR)).toEqual([hex(1)]);
    });

    it('commits a successful unit of work, its own reads seeing its writes', async () => {
      const alert = custom(1);
      const seen = await s.uow.run(async () => {
        await s.alerts.insert(alert);
        await s.alerts.update(markRead(alert, READER, at(2)).next);
        return (await s.alerts.findById(alert.id))?.readBy.length;
      });
      expect(seen).toBe(1);
      expect((await s.alerts.findById(alert.id))?.version).toBe(alert.version + 1);
    });
  });
};
