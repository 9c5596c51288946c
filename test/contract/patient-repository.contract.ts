import { createPatient, softDeletedPatient, type Patient } from '../../domain/patients/patient';
import type { PatientRepository } from '../../application/ports/patient-repository';
import type { UnitOfWork } from '../../application/ports/unit-of-work';

/** What the patient contract suites need from a persistence target: the two ports over one empty database. */
export interface PatientStores {
  readonly uow: UnitOfWork;
  readonly patients: PatientRepository;
}

const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));
const hex = (n: number) => n.toString(16).padStart(24, '0');

const patient = (n: number, fields: Partial<Patient> = {}): Patient => ({
  ...createPatient({
    id: hex(n),
    orgId: 'a'.repeat(24),
    name: `Patient ${n}`,
    phone: '+16045550100',
    email: `p${n}@example.org`,
    now: at(n),
  }),
  ...fields,
});

/** The PatientRepository contract every adapter passes (memory today; Mongo when its adapter exists). */
export const describePatientRepositoryContract = (name: string, open: () => Promise<PatientStores>): void => {
  describe(`PatientRepository contract (${name})`, () => {
    let s: PatientStores;
    beforeEach(async () => {
      s = await open();
    });

    it('round-trips every field and hides deleted patients from every read', async () => {
      const full = patient(1, {
        preferredName: 'Nana',
        age: 80,
        notes: 'n',
        timezone: 'Europe/Paris',
        avatar: 'https://x/y',
      });
      await s.patients.insert(full);
      expect(await s.patients.findById(full.id)).toEqual(full);
      const saved = await s.patients.update(softDeletedPatient(full, at(99)));
      expect(saved.version).toBe(2);
      expect(await s.patients.findById(full.id)).toBeNull();
      expect(await s.patients.findByIds([full.id])).toEqual([]);
      expect(await s.patients.idsOfOrg(full.orgId)).toEqual([]);
      expect(await s.patients.isEmailTaken(full.orgId, full.email!)).toBe(false);
    });

    it('updates under compare-and-set on version', async () => {
      await s.patients.insert(patient(1));
      const first = await s.patients.update({ ...patient(1), name: 'A' });
      expect(first).toMatchObject({ name: 'A', version: 2 });
      await expect(s.patients.update({ ...patient(1), name: 'B' })).rejects.toMatchObject({ reason: 'STALE_VERSION' });
      expect((await s.patients.findById(hex(1)))?.name).toBe('A');
    });

    it('keeps one non-deleted patient per (org, e-mail); other orgs and no e-mail are free', async () => {
      await s.patients.insert(patient(1));
      expect(await s.patients.isEmailTaken('a'.repeat(24), 'p1@example.org')).toBe(true);
      expect(await s.patients.isEmailTaken('a'.repeat(24), 'p1@example.org', hex(1))).toBe(false);
      expect(await s.patients.isEmailTaken('b'.repeat(24), 'p1@example.org')).toBe(false);
      await expect(s.patients.insert(patient(2, { email: 'p1@example.org' }))).rejects.toMatchObject({
        reason: 'EMAIL_TAKEN',
      });
      await s.patients.insert(patient(3, { email: 'p1@example.org', orgId: 'b'.repeat(24) }));
      await s.patients.insert(patient(4, { email: null }));
      await s.patients.insert(patient(5, { email: null }));
      expect(await s.patients.idsOfOrg('a'.repeat(24))).toEqual([hex(1), hex(4), hex(5)]);
    });

    it('lists one org with name/e-mail filters, an id restriction, sort keys, id tie-break and pages', async () => {
      await s.patients.insert(patient(3, { name: 'Cora' }));
      await s.patients.insert(patient(1, { name: 'abe' }));
      await s.patients.insert(patient(2, { name: 'Cora' }));
      await s.patients.insert(patient(4, { name: 'Dan', orgId: 'b'.repeat(24) }));
      const base = {
        orgId: 'a'.repeat(24),
        page: 1,
        limit: 10,
        sort: [{ field: 'createdAt' as const, direction: 'asc' as const }],
      };
      expect((await s.patients.list(base)).results.map((p) => p.id)).toEqual([hex(1), hex(2), hex(3)]);
      expect((await s.patients.list({ ...base, nameContains: 'COR' })).results.map((p) => p.id)).toEqual([
        hex(2),
        hex(3),
      ]);
      expect((await s.patients.list({ ...base, email: 'p3@example.org' })).results.map((p) => p.id)).toEqual([hex(3)]);
      expect((await s.patients.list({ ...base, onlyIds: [hex(3), hex(4)] })).results.map((p) => p.id)).toEqual([
        hex(3),
      ]);
      expect((await s.patients.list({ ...base, onlyIds: [] })).totalResults).toBe(0);
      // Mixed case on purpose: names sort by the `en` collation (abe < Cora), as a Mongo index with collation does.
      const byNameDesc = await s.patients.list({ ...base, sort: [{ field: 'name', direction: 'desc' }] });
      expect(byNameDesc.results.map((p) => p.id)).toEqual([hex(2), hex(3), hex(1)]);
      const page = await s.patients.list({ ...base, page: 2, limit: 2 });
      expect(page).toMatchObject({ page: 2, limit: 2, totalPages: 2, totalResults: 3 });
      expect(page.results.map((p) => p.id)).toEqual([hex(3)]);
    });

    it('finds by ids in the order asked, skipping unknown ids and duplicates', async () => {
      await s.patients.insert(patient(1));
      await s.patients.insert(patient(2));
      expect((await s.patients.findByIds([hex(2), hex(9), hex(1), hex(2)])).map((p) => p.id)).toEqual([hex(2), hex(1)]);
      expect((await s.patients.listByOrg('a'.repeat(24))).map((p) => p.id)).toEqual([hex(1), hex(2)]);
    });

    it('undoes writes made in a failed transaction', async () => {
      await expect(
        s.uow.run(async () => {
          await s.patients.insert(patient(1));
          throw new Error('abort');
        }),
      ).rejects.toThrow('abort');
      expect(await s.patients.findById(hex(1))).toBeNull();
    });
  });
};
