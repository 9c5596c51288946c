import {
  customWindowProblem,
  CUSTOM_WINDOW_MESSAGES,
  rollingWindow,
  thirtyDaysEnding,
  type AnalysisWindow,
} from '../../domain/analysis/analysis-windows';
import {
  changeFromPrevious,
  type FraudAbuseAnalysis,
  type FraudBaselineChange,
} from '../../domain/analysis/fraud-abuse-analysis';
import type { AnalysisTimeRange } from '../../domain/analysis/medical-analysis';
import type { AccessScope } from '../../domain/identity/roles';
import type { Patient } from '../../domain/patients/patient';
import type { Actor } from '../../domain/shared/actor';
import { ValidationError } from '../../domain/shared/errors';
import { consumeTrigger, loadPatientForAnalysis } from './analysis-access';
import { recordAnalysisPhi } from './analysis-audit';
import type { AnalysisPorts } from './analysis-ports';
import { runFraudAbuseAnalysis } from './fraud-window';

export const FRAUD_REUSE_HOURS = 24;

export interface FraudAbuseQuery {
  readonly patientId: string;
  readonly timeRange: AnalysisTimeRange;
  readonly startDate?: Date;
  readonly endDate?: Date;
  readonly includeBaseline: boolean;
}

export interface FraudAbuseReading {
  readonly patient: Patient;
  readonly analysis: FraudAbuseAnalysis;
  readonly changeFromBaseline: FraudBaselineChange | null;
  readonly reused: boolean;
}

/** The window of a request, or the 400 of API-CONTRACT.md §4.14 for a bad custom one. */
export const windowOf = (query: FraudAbuseQuery, now: Date): AnalysisWindow => {
  if (query.timeRange !== 'custom') return rollingWindow(query.timeRange, now);
  const problem = customWindowProblem(query.startDate, query.endDate);
  if (problem !== null) throw new ValidationError([CUSTOM_WINDOW_MESSAGES[problem]]);
  return { start: query.startDate as Date, end: query.endDate as Date };
};

/**
 * `GetFraudAbuseAnalysis` and the manual trigger (API-CONTRACT.md §4.14; DOMAIN.md §10.8 #13, #14): assigned
 * staff, the organisation's admins, superAdmins. A read reuses the patient's stored analysis of the same range
 * (the exact window for `custom`) made in the last 24 hours, else computes and stores one (`on_demand`).
 */
export class FraudAbuseAnalyses {
  constructor(private readonly ports: AnalysisPorts) {}

  async get(scope: AccessScope, query: FraudAbuseQuery, actor: Actor): Promise<FraudAbuseReading> {
    const { ports } = this;
    const resource = { type: 'fraudAbuseAnalysis', id: null } as const;
    const now = ports.clock.now();
    // A malformed request is refused before the patient is looked up (validation first, as everywhere).
    const window = windowOf(query, now);
    const patient = await loadPatientForAnalysis(ports, scope, query.patientId, 'analysis.read', resource, actor);
    const stored = await ports.fraud.findReusable({
      patientId: patient.id,
      timeRange: query.timeRange,
      since: new Date(now.getTime() - FRAUD_REUSE_HOURS * 3_600_000),
      ...(query.timeRange === 'custom' ? { window } : {}),
    });
    const analysis =
      stored ??
      (await runFraudAbuseAnalysis(ports, { patient, source: 'on_demand', timeRange: query.timeRange, window }, actor));
    const changeFromBaseline = query.includeBaseline
      ? changeFromPrevious(analysis, await ports.fraud.latestEndingBefore(patient.id, analysis.startDate))
      : null;
    await recordAnalysisPhi(
      ports,
      actor,
      'READ',
      { ...resource, id: analysis.id, orgId: patient.orgId },
      [patient.id],
      {
        reused: stored !== null,
        timeRange: query.timeRange,
      },
    );
    return { patient, analysis, changeFromBaseline, reused: stored !== null };
  }

  /** `POST /fraud-abuse-analysis/trigger-patient/:id`: the 30 days ending now, always computed and stored. */
  async trigger(scope: AccessScope, patientId: string, actor: Actor): Promise<FraudAbuseAnalysis> {
    const { ports } = this;
    const resource = { type: 'fraudAbuseAnalysis', id: null } as const;
    const patient = await loadPatientForAnalysis(ports, scope, patientId, 'analysis.trigger', resource, actor);
    await consumeTrigger(ports, scope);
    return runFraudAbuseAnalysis(
      ports,
      { patient, source: 'manual', timeRange: 'custom', window: thirtyDaysEnding(ports.clock.now()) },
      actor,
    );
  }
}
