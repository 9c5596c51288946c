import { DEFAULT_TIMEZONE } from '../../domain/identity/org';
import type { AccessScope } from '../../domain/identity/roles';
import type { Actor } from '../../domain/shared/actor';
import type { Report } from './report';
import { loadPatientForReport } from './report-access';
import { recordReportAccess } from './report-audit';
import { buildReportContent } from './report-content';
import { resolvePeriod, type PeriodBound } from './report-period';
import type { ReportPorts } from './report-ports';
import { alertsInPeriod, conversationsInPeriod } from './report-sources';

export interface ReportCreateInput {
  readonly patientId: string;
  readonly periodStart?: PeriodBound;
  readonly periodEnd?: PeriodBound;
}

/**
 * `CreateReport` (`POST /v1/reports`, API-CONTRACT.md §6.3; DOMAIN.md §10.8 #17): computes the content from the
 * stored conversations and alerts of the period (by default the last calendar month in the organisation's time
 * zone, at most one year) and stores the report. Patients of other organisations are not found for orgAdmins.
 */
export class CreateReport {
  constructor(private readonly ports: ReportPorts) {}

  async execute(scope: AccessScope, input: ReportCreateInput, actor: Actor): Promise<Report> {
    const { ports } = this;
    const patient = await loadPatientForReport(ports, scope, input.patientId, actor);
    const org = await ports.orgs.findById(patient.orgId);
    const now = ports.clock.now();
    const period = resolvePeriod(
      {
        ...(input.periodStart === undefined ? {} : { start: input.periodStart }),
        ...(input.periodEnd === undefined ? {} : { end: input.periodEnd }),
      },
      org?.timezone ?? DEFAULT_TIMEZONE,
      now,
    );
    const conversations = await conversationsInPeriod(ports.conversations, patient.id, period);
    const alerts = await alertsInPeriod(ports.alerts, patient.orgId, patient.id, period);
    const report: Report = {
      id: ports.ids.next(),
      orgId: patient.orgId,
      patientId: patient.id,
      periodStart: period.start,
      periodEnd: period.end,
      generatedAt: now,
      generatedBy: scope.caregiverId,
      content: buildReportContent(conversations, alerts),
    };
    await ports.uow.run(async () => {
      await ports.reports.insert(report);
      await recordReportAccess(ports, actor, 'CREATE', report, [patient.id], {
        conversations: conversations.length,
        alerts: alerts.length,
      });
    });
    return report;
  }
}
