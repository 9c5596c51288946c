import { CreateReport } from './create-report';
import { DeleteReport } from './delete-report';
import { GetReport } from './get-report';
import { ListReports } from './list-reports';
import type { ReportPorts } from './report-ports';

/** Every reports use-case over one set of ports; the HTTP adapter takes what it needs. */
export const createReportUseCases = (ports: ReportPorts) => ({
  ports,
  create: new CreateReport(ports),
  list: new ListReports(ports),
  get: new GetReport(ports),
  delete: new DeleteReport(ports),
});

export type ReportUseCases = ReturnType<typeof createReportUseCases>;
