import { grantConsent, supersedeConsent, withdrawConsent, type ConsentRecord } from '../../domain/privacy/consent';
import type { ConsentRepository } from '../../application/ports/consent-repository';
import type { UnitOfWork } from '../../application/ports/unit-of-work';

export interface ConsentStores {
  readonly uow: UnitOfWork;
  readonly consents: ConsentRepository;
}

const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));
const hex = (n: number) => n.toString(16).padStart(24, '0');
const PATIENT = 'd'.repeat(24);

const consent = (n: number, fields: Partial<ConsentRecord> = {}): ConsentRecord => ({
  ...grantConsent({
    id: hex(n),
    orgId: 'a'.repeat(24),
    subjectType: 'patient',
    subjectId: PATIENT,
    consentType: 'recording',
    purpose: 'Record wellness calls',
    recordedBy: 'c'.repeat(24),
    now: at(n),
  }),
  ...fields,
});

/** The ConsentRepository contract every adapter passes. */
export const describeConsentRepositoryContract = (name: string, open: () => Promise<ConsentStores>): void => {
  describe(`ConsentRepository contract (${name})`, () => {
    let s: ConsentStores;
    beforeEach(async () => {
      s = await open();
    });

    it('round-trips every field, withdrawal and supersession included', async () => {
      const full = supersedeConsent(
        withdrawConsent(
          consent(1, { method: 'implied', providedVia: 'phone', ipAddress: '10.0.0.1', userAgent: 'app/1' }),
          'c'.repeat(24),
          'Changed mind',
          at(5),
        ),
        hex(2),
        at(6),
      );
      await s.consents.insert(full);
      expect(await s.consents.findById(full.id)).toEqual(full);
      expect(await s.consents.findById(hex(9))).toBeNull();
      expect(await s.consents.findById('nope')).toBeNull();
    });

    it('lists one subject’s records oldest first, keeping subject types apart', async () => {
      await s.consents.insert(consent(3));
      await s.consents.insert(consent(1, { consentType: 'analysis' }));
      await s.consents.insert(consent(2, { subjectType: 'caregiver' }));
      await s.consents.insert(consent(4, { subjectId: hex(77) }));
      expect((await s.consents.listBySubject('patient', PATIENT)).map((c) => c.id)).toEqual([hex(1), hex(3)]);
      expect((await s.consents.listBySubject('caregiver', PATIENT)).map((c) => c.id)).toEqual([hex(2)]);
      expect(await s.consents.listBySubject('patient', 'nope')).toEqual([]);
    });

    it('updates under compare-and-set and refuses a reused id', async () => {
      await s.consents.insert(consent(1));
      const saved = await s.consents.update(withdrawConsent(consent(1), 'c'.repeat(24), null, at(9)));
      expect(saved).toMatchObject({ version: 1, withdrawnAt: at(9) });
      await expect(s.consents.update(supersedeConsent(consent(1), hex(2), at(9)))).rejects.toMatchObject({
        reason: 'STALE_VERSION',
      });
      await expect(s.consents.insert(consent(1))).rejects.toMatchObject({ id: 'DUPLICATE_ID' });
      expect(await s.consents.findById(hex(1))).toEqual(saved);
    });

    it('joins the unit of work', async () => {
      await expect(
        s.uow.run(async () => {
          await s.consents.insert(consent(1));
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await s.consents.findById(hex(1))).toBeNull();
    });
  });
};
