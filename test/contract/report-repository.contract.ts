import type { ReportRepository } from '../../application/ports/report-repository';
import type { UnitOfWork } from '../../application/ports/unit-of-work';
import type { Report } from '../../application/reports/report';
import { buildReportContent } from '../../application/reports/report-content';

/** What the report contract needs from a target: the repository and a unit of work over one database. */
export interface ReportStores {
  readonly uow: UnitOfWork;
  readonly reports: ReportRepository;
}

const ORG = 'a'.repeat(24);
const OTHER = 'b'.repeat(24);
const PATIENT = 'c'.repeat(24);
const at = (s: number) => new Date(Date.UTC(2026, 4, 1, 0, 0, s));
const hex = (n: number) => n.toString(16).padStart(24, '0');

const report = (n: number, fields: Partial<Report> = {}): Report => ({
  id: hex(n),
  orgId: ORG,
  patientId: PATIENT,
  periodStart: new Date(Date.UTC(2026, 3, 1)),
  periodEnd: new Date(Date.UTC(2026, 4, 1)),
  generatedAt: at(n),
  generatedBy: 'd'.repeat(24),
  content: buildReportContent([], []),
  ...fields,
});

const ids = (list: readonly Report[]) => list.map((r) => r.id);

/** The ReportRepository contract every adapter passes. */
export const describeReportRepositoryContract = (name: string, open: () => Promise<ReportStores>): void => {
  describe(`ReportRepository contract (${name})`, () => {
    let s: ReportStores;
    beforeEach(async () => {
      s = await open();
    });

    it('round-trips a report with its computed content', async () => {
      const full = report(1);
      await s.reports.insert(full);
      expect(await s.reports.findById(full.id)).toEqual(full);
      expect(await s.reports.findById(hex(2))).toBeNull();
      expect(await s.reports.findById('nope')).toBeNull();
      await expect(s.reports.insert(report(1))).rejects.toMatchObject({ id: 'DUPLICATE_ID' });
    });

    it('lists newest first, by organisation and by patient', async () => {
      await s.reports.insert(report(1));
      await s.reports.insert(report(3, { patientId: 'e'.repeat(24) }));
      await s.reports.insert(report(2, { orgId: OTHER, patientId: 'f'.repeat(24) }));
      await s.reports.insert(report(4, { generatedAt: at(3) }));
      expect(ids(await s.reports.list({}))).toEqual([hex(4), hex(3), hex(2), hex(1)]);
      expect(ids(await s.reports.list({ orgId: ORG }))).toEqual([hex(4), hex(3), hex(1)]);
      expect(ids(await s.reports.list({ orgId: ORG, patientId: PATIENT }))).toEqual([hex(4), hex(1)]);
      expect(ids(await s.reports.list({ orgId: OTHER, patientId: PATIENT }))).toEqual([]);
      expect(ids(await s.reports.list({ patientId: 'not-an-id' }))).toEqual([]);
    });

    it('deletes one report, or all of a patient', async () => {
      await s.reports.insert(report(1));
      await s.reports.insert(report(2));
      await s.reports.insert(report(3, { patientId: 'e'.repeat(24) }));
      expect(await s.reports.delete(hex(1))).toBe(true);
      expect(await s.reports.delete(hex(1))).toBe(false);
      expect(await s.reports.deleteOfPatient(PATIENT)).toBe(1);
      expect(ids(await s.reports.list({}))).toEqual([hex(3)]);
    });

    it('joins the ambient transaction: a failure undoes its writes', async () => {
      await s.reports.insert(report(1));
      await expect(
        s.uow.run(async () => {
          await s.reports.insert(report(2));
          await s.reports.delete(hex(1));
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(ids(await s.reports.list({}))).toEqual([hex(1)]);
    });
  });
};
