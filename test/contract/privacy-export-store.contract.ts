import type { PrivacyExportStore, StoredPrivacyExport } from '../../application/ports/privacy-export-store';
import type { UnitOfWork } from '../../application/ports/unit-of-work';

export interface PrivacyExportStores {
  readonly uow: UnitOfWork;
  readonly exports: PrivacyExportStore;
}

const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));
const hex = (n: number) => n.toString(16).padStart(24, '0');

const stored = (n: number, fields: Partial<StoredPrivacyExport> = {}): StoredPrivacyExport => ({
  id: hex(n),
  orgId: 'a'.repeat(24),
  subjectType: 'patient',
  subjectId: hex(100 + n),
  ciphertext: `k1:cipher-${n}`,
  createdAt: at(n),
  expiresAt: at(100 + n),
  ...fields,
});

/** The PrivacyExportStore contract every adapter passes. */
export const describePrivacyExportStoreContract = (name: string, open: () => Promise<PrivacyExportStores>): void => {
  describe(`PrivacyExportStore contract (${name})`, () => {
    let s: PrivacyExportStores;
    beforeEach(async () => {
      s = await open();
    });

    it('round-trips an export and replaces one saved under the same id', async () => {
      await s.exports.save(stored(1));
      expect(await s.exports.find(hex(1))).toEqual(stored(1));
      await s.exports.save(stored(1, { ciphertext: 'k1:other', expiresAt: at(500) }));
      expect(await s.exports.find(hex(1))).toEqual(stored(1, { ciphertext: 'k1:other', expiresAt: at(500) }));
      expect(await s.exports.find(hex(2))).toBeNull();
      expect(await s.exports.find('nope')).toBeNull();
    });

    it('deletes what has expired at or before an instant, and everything about a subject', async () => {
      await s.exports.save(stored(1));
      await s.exports.save(stored(2));
      await s.exports.save(stored(3, { subjectId: hex(101) }));
      await s.exports.save(stored(4, { subjectType: 'caregiver', subjectId: hex(101) }));
      expect(await s.exports.deleteExpired(at(101))).toBe(1);
      expect(await s.exports.find(hex(1))).toBeNull();
      expect(await s.exports.find(hex(2))).not.toBeNull();
      expect(await s.exports.deleteBySubject('patient', hex(101))).toBe(1);
      expect(await s.exports.find(hex(3))).toBeNull();
      expect(await s.exports.find(hex(4))).not.toBeNull();
      expect(await s.exports.deleteBySubject('patient', 'nope')).toBe(0);
    });

    it('joins the unit of work', async () => {
      await expect(
        s.uow.run(async () => {
          await s.exports.save(stored(1));
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await s.exports.find(hex(1))).toBeNull();
    });
  });
};
