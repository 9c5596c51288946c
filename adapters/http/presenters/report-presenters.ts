import type { Report, ReportContent } from '../../../application/reports/report';

/** Report (API-CONTRACT.md §6.3): instants as ISO strings; the content as computed. */
export interface ReportDto {
  id: string;
  patientId: string;
  periodStart: string;
  periodEnd: string;
  generatedAt: string;
  generatedBy: string;
  content: ReportContent;
}

export const reportDto = (report: Report): ReportDto => ({
  id: report.id,
  patientId: report.patientId,
  periodStart: report.periodStart.toISOString(),
  periodEnd: report.periodEnd.toISOString(),
  generatedAt: report.generatedAt.toISOString(),
  generatedBy: report.generatedBy,
  content: report.content,
});
