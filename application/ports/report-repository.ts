import type { Report } from '../reports/report';

export interface ReportQuery {
  /** One organisation's reports; every organisation's when absent (superAdmins). */
  readonly orgId?: string;
  readonly patientId?: string;
}

/**
 * Generated reports (DOMAIN.md §10.7, §10.10). Reports are immutable: there is no update. Deletes are hard.
 * Writes join the ambient transaction.
 */
export interface ReportRepository {
  findById(id: string): Promise<Report | null>;
  /** Newest first (`generatedAt` descending, then id descending). */
  list(query: ReportQuery): Promise<readonly Report[]>;
  insert(report: Report): Promise<void>;
  /** Removes the report; false when there was none. */
  delete(id: string): Promise<boolean>;
  /** Removes every report of a patient (privacy erasure); resolves how many there were. */
  deleteOfPatient(patientId: string): Promise<number>;
}
