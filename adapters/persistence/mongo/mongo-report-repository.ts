import type { Collection, Filter, IndexDescription } from 'mongodb';
import type { Report } from '../../../application/reports/report';
import type { ReportQuery, ReportRepository } from '../../../application/ports/report-repository';
import { duplicateId } from '../persistence-conflicts';
import type { MongoDatabase } from './mongo-connection';
import { writeOrConflict, type UniqueRule } from './mongo-errors';
import { objectIdOrNull } from './object-ids';
import { reportFromDocument, reportToDocument, type ReportDocument } from './report-mapper';

const REPORT_INDEXES: readonly IndexDescription[] = [
  // The two lists: an organisation's reports and a patient's, newest first.
  { key: { orgId: 1, generatedAt: -1 }, name: 'reports_org_generated' },
  { key: { patientId: 1, generatedAt: -1 }, name: 'reports_patient_generated' },
];

/** The collection and its indexes (kept here until mongo-collections.ts and mongo-indexes.ts list them). */
export const REPORTS = { collection: 'reports', indexes: REPORT_INDEXES } as const;

const UNIQUE: readonly UniqueRule[] = [{ index: '_id_', field: '_id', conflict: () => duplicateId('Report') }];

/** Generated reports in `reports`: immutable (no update), hard deletes. */
export class MongoReportRepository implements ReportRepository {
  constructor(private readonly db: MongoDatabase) {}

  private get reports(): Collection<ReportDocument> {
    return this.db.collection<ReportDocument>(REPORTS.collection);
  }

  /** Creates the collection's indexes (idempotent), for profiles whose start-up does not list them yet. */
  async ensureIndexes(): Promise<void> {
    await this.reports.createIndexes([...REPORTS.indexes]);
  }

  async findById(id: string): Promise<Report | null> {
    const _id = objectIdOrNull(id);
    if (_id === null) return null;
    const doc = await this.reports.findOne({ _id }, this.db.options());
    return doc === null ? null : reportFromDocument(doc);
  }

  async list(query: ReportQuery): Promise<readonly Report[]> {
    const orgId = query.orgId === undefined ? undefined : objectIdOrNull(query.orgId);
    const patientId = query.patientId === undefined ? undefined : objectIdOrNull(query.patientId);
    // An id that cannot be an ObjectId matches nothing, as an unknown id would.
    if (orgId === null || patientId === null) return [];
    const filter: Filter<ReportDocument> = {
      ...(orgId === undefined ? {} : { orgId }),
      ...(patientId === undefined ? {} : { patientId }),
    };
    const docs = await this.reports.find(filter, this.db.options()).sort({ generatedAt: -1, _id: -1 }).toArray();
    return docs.map(reportFromDocument);
  }

  async insert(report: Report): Promise<void> {
    const doc = reportToDocument(report);
    await writeOrConflict(() => this.reports.insertOne(doc, this.db.options()), UNIQUE);
  }

  async delete(id: string): Promise<boolean> {
    const _id = objectIdOrNull(id);
    if (_id === null) return false;
    return (await this.reports.deleteOne({ _id }, this.db.options())).deletedCount > 0;
  }

  async deleteOfPatient(patientId: string): Promise<number> {
    const _id = objectIdOrNull(patientId);
    if (_id === null) return 0;
    return (await this.reports.deleteMany({ patientId: _id }, this.db.options())).deletedCount;
  }
}
