import type { AccessScope } from '../../domain/identity/roles';
import type { Actor } from '../../domain/shared/actor';
import { loadReport } from './report-access';
import { recordReportAccess } from './report-audit';
import { reportNotFound } from './report-errors';
import type { ReportPorts } from './report-ports';

/** `DELETE /v1/reports/:id`: removes a report of the own organisation (any for a superAdmin); audited `highRisk`. */
export class DeleteReport {
  constructor(private readonly ports: ReportPorts) {}

  async execute(scope: AccessScope, reportId: string, actor: Actor): Promise<void> {
    const { ports } = this;
    const report = await loadReport(ports, scope, reportId, actor);
    await ports.uow.run(async () => {
      if (!(await ports.reports.delete(report.id))) throw reportNotFound();
      await recordReportAccess(ports, actor, 'DELETE', report, [report.patientId]);
    });
  }
}
