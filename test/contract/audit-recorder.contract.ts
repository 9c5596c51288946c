import type { UnitOfWork } from '../../application/ports/unit-of-work';
import { anAuditEvent, at, newId } from './persistence-fixtures';
import type { AuditLog } from './persistence-targets';

export interface AuditStores {
  readonly audit: AuditLog;
  readonly uow: UnitOfWork;
}

/**
 * The `AuditRecorder` as bootstrap wires it on every store (pending entries + sequencer), read back once chained:
 * append-only, chained oldest first by time, and transactional with the change an entry describes.
 */
export const describeAuditRecorderContract = (name: string, open: () => Promise<AuditStores>): void => {
  describe(`AuditRecorder contract: ${name}`, () => {
    let audit: AuditLog;
    let uow: UnitOfWork;

    beforeEach(async () => {
      ({ audit, uow } = await open());
    });

    it('chains entries and reads them back unchanged, oldest first', async () => {
      const first = anAuditEvent({ action: 'LOGIN', details: { method: 'password', attempts: 2, mfa: true } });
      const second = anAuditEvent({
        action: 'CAREGIVER_UPDATED',
        outcome: 'denied',
        actorKind: 'anonymous',
        actorId: null,
        orgId: null,
        resourceId: null,
        requestId: null,
        ip: null,
        at: at(1),
        details: { reason: null },
      });
      const third = anAuditEvent({ action: 'EXPORT', at: at(-5), patientIds: [newId(), newId()] });
      await audit.record(first);
      await audit.record(second);
      await audit.record(third);

      expect(await audit.entries()).toEqual([third, first, second]);
    });

    it('orders many entries by time, and entries of the same instant by recording order', async () => {
      const events = Array.from({ length: 25 }, (_, i) => anAuditEvent({ action: `A${i}`, at: at(-(i % 5)) }));
      for (const e of events) await audit.record(e);
      const expected = [...events].sort((a, b) => a.at.getTime() - b.at.getTime()).map((e) => e.action);
      expect((await audit.entries()).map((e) => e.action)).toEqual(expected);
    });

    it('commits entries with the transaction they were recorded in, and drops them on rollback', async () => {
      await uow.run(() => audit.record(anAuditEvent({ action: 'KEPT' })));
      await expect(
        uow.run(async () => {
          await audit.record(anAuditEvent({ action: 'ROLLED_BACK' }));
          throw new Error('the change failed');
        }),
      ).rejects.toThrow('the change failed');

      expect((await audit.entries()).map((e) => e.action)).toEqual(['KEPT']);
    });
  });
};
