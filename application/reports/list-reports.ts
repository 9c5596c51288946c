import type { AccessScope } from '../../domain/identity/roles';
import type { Actor } from '../../domain/shared/actor';
import type { Report } from './report';
import { requireReportAccess } from './report-access';
import { recordReportAccess } from './report-audit';
import type { ReportPorts } from './report-ports';

/**
 * `ListReports` (`GET /v1/reports`, DOMAIN.md §10.8 #18): newest first, optionally of one patient. An orgAdmin
 * sees the own organisation's reports (another organisation's patient simply has none here); a superAdmin every
 * organisation's. Audited as a list read naming the patients.
 */
export class ListReports {
  constructor(private readonly ports: ReportPorts) {}

  async execute(scope: AccessScope, input: { patientId?: string }, actor: Actor): Promise<readonly Report[]> {
    const { ports } = this;
    await requireReportAccess(ports, scope, actor);
    const reports = await ports.reports.list({
      ...(scope.role === 'superAdmin' ? {} : { orgId: scope.orgId }),
      ...(input.patientId === undefined ? {} : { patientId: input.patientId }),
    });
    await recordReportAccess(
      ports,
      actor,
      'READ',
      { id: 'list', orgId: scope.orgId },
      reports.map((r) => r.patientId),
      { count: reports.length },
    );
    return reports;
  }
}
