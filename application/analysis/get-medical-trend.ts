import { rollingWindow, ROLLING_DAYS, type RollingPeriod } from '../../domain/analysis/analysis-windows';
import { medicalTrendOf, type MedicalTrendFacts, type MedicalTrendPoint } from '../../domain/analysis/medical-trend';
import type { AccessScope } from '../../domain/identity/roles';
import type { Actor } from '../../domain/shared/actor';
import { loadPatientForAnalysis, orgZoneOf } from './analysis-access';
import { recordAnalysisPhi } from './analysis-audit';
import type { AnalysisPorts } from './analysis-ports';

export interface MedicalTrend extends MedicalTrendFacts {
  readonly patientId: string;
  readonly timeRange: RollingPeriod;
  readonly startDate: Date;
  readonly endDate: Date;
  readonly totalAnalyses: number;
}

export interface MedicalSummary extends MedicalTrendFacts {
  readonly totalAnalyses: number;
  /** Trend points, newest first, at most 5. */
  readonly recentAnalyses: readonly MedicalTrendPoint[];
}

/**
 * `GetMedicalAnalysisTrend` and `GetMedicalAnalysisSummary` (API-CONTRACT.md §4.13; DOMAIN.md §10.8 #10, #11):
 * the analyses of the rolling 30, 90 or 365 days ending now (RESOLUTIONS.md 35), dated in the organisation's
 * zone; the summary covers the analyses kept (12 months).
 */
export class GetMedicalTrend {
  constructor(private readonly ports: AnalysisPorts) {}

  private async load(scope: AccessScope, patientId: string, period: RollingPeriod, actor: Actor) {
    const { ports } = this;
    const resource = { type: 'medicalAnalysis', id: 'list' } as const;
    const patient = await loadPatientForAnalysis(ports, scope, patientId, 'analysis.read', resource, actor);
    const window = rollingWindow(period, ports.clock.now());
    const analyses = await ports.medical.ofPatientBetween(patient.id, window.start, window.end);
    const facts = medicalTrendOf(analyses, await orgZoneOf(ports, patient.orgId));
    await recordAnalysisPhi(ports, actor, 'READ', { ...resource, orgId: patient.orgId }, [patient.id], {
      count: analyses.length,
      days: ROLLING_DAYS[period],
    });
    return { patient, window, facts };
  }

  async trend(scope: AccessScope, patientId: string, period: RollingPeriod, actor: Actor): Promise<MedicalTrend> {
    const { patient, window, facts } = await this.load(scope, patientId, period, actor);
    return {
      ...facts,
      patientId: patient.id,
      timeRange: period,
      startDate: window.start,
      endDate: window.end,
      totalAnalyses: facts.points.length,
    };
  }

  async summary(scope: AccessScope, patientId: string, actor: Actor): Promise<MedicalSummary> {
    const { facts } = await this.load(scope, patientId, 'year', actor);
    return { ...facts, totalAnalyses: facts.points.length, recentAnalyses: [...facts.points].reverse().slice(0, 5) };
  }
}
