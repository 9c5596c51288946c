import type { AccessScope } from '../../domain/identity/roles';
import type { Actor } from '../../domain/shared/actor';
import type { Report } from './report';
import { loadReport } from './report-access';
import { recordReportAccess } from './report-audit';
import type { ReportPorts } from './report-ports';

/** `GetReport` (`GET /v1/reports/:id`): one report of the own organisation (any for a superAdmin), audited. */
export class GetReport {
  constructor(private readonly ports: ReportPorts) {}

  async execute(scope: AccessScope, reportId: string, actor: Actor): Promise<Report> {
    const report = await loadReport(this.ports, scope, reportId, actor);
    await recordReportAccess(this.ports, actor, 'READ', report, [report.patientId]);
    return report;
  }
}
