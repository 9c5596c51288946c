import type { Report } from '../../../application/reports/report';
import type { ReportQuery, ReportRepository } from '../../../application/ports/report-repository';
import type { MemoryDatabase } from './memory-database';
import { duplicateId } from '../persistence-conflicts';
import { settle } from './settle';

/** Collection name shared with the Mongo adapter. */
export const REPORTS_COLLECTION = 'reports';

/** Newest first: `generatedAt` descending, then id descending. */
export const newestReportFirst = (a: Report, b: Report): number =>
  b.generatedAt.getTime() - a.generatedAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

/** Generated reports in the embedded store; immutable, so there is no update. */
export class InMemoryReportRepository implements ReportRepository {
  constructor(private readonly db: MemoryDatabase) {}

  private get reports() {
    return this.db.collection<Report>(REPORTS_COLLECTION);
  }

  findById(id: string): Promise<Report | null> {
    return Promise.resolve(this.reports.get(id) ?? null);
  }

  list(query: ReportQuery): Promise<readonly Report[]> {
    const found = this.reports.find(
      (r) =>
        (query.orgId === undefined || r.orgId === query.orgId) &&
        (query.patientId === undefined || r.patientId === query.patientId),
    );
    return Promise.resolve(found.sort(newestReportFirst));
  }

  // Every refusal is a rejected promise, as from a real store (never a synchronous throw).
  insert(report: Report): Promise<void> {
    return settle(() => {
      if (this.reports.get(report.id) !== undefined) throw duplicateId('Report');
      this.reports.put(report);
    });
  }

  delete(id: string): Promise<boolean> {
    return settle(() => this.reports.delete(id));
  }

  deleteOfPatient(patientId: string): Promise<number> {
    return settle(() => {
      const ids = this.reports.find((r) => r.patientId === patientId).map((r) => r.id);
      for (const id of ids) this.reports.delete(id);
      return ids.length;
    });
  }
}
