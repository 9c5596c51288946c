import { monthWindowStart } from '../../domain/analysis/analysis-windows';
import {
  pointsInRange,
  trendStatisticsOf,
  type SentimentPoint,
  type SentimentStatistics,
  type SentimentTimeRange,
} from '../../domain/analysis/sentiment-trend';
import type { AccessScope } from '../../domain/identity/roles';
import type { Actor } from '../../domain/shared/actor';
import { loadPatientForAnalysis, orgZoneOf } from './analysis-access';
import { recordAnalysisPhi } from './analysis-audit';
import type { AnalysisPorts } from './analysis-ports';
import { sentimentPointsOf } from './sentiment-points';

export interface SentimentTrend {
  readonly patientId: string;
  readonly timeRange: SentimentTimeRange;
  readonly startDate: Date;
  readonly endDate: Date;
  readonly totalConversations: number;
  readonly analyzedConversations: number;
  /** Oldest first. */
  readonly dataPoints: readonly SentimentPoint[];
  readonly summary: SentimentStatistics;
}

/**
 * `GetSentimentTrend` (API-CONTRACT.md §4.12 `GET /sentiment/patient/:id/trend`): the patient's finalised
 * conversations of the range, oldest first, and the trend over the analysed ones. The window ends now; it starts
 * at the latest call (`lastCall`), a month earlier at local midnight (`month`, organisation zone) or at the first
 * call (`lifetime`); with no calls it starts now.
 */
export class GetSentimentTrend {
  constructor(private readonly ports: AnalysisPorts) {}

  async execute(
    scope: AccessScope,
    input: { readonly patientId: string; readonly timeRange: SentimentTimeRange },
    actor: Actor,
  ): Promise<SentimentTrend> {
    const { ports } = this;
    const resource = { type: 'sentiment', id: 'list' } as const;
    const patient = await loadPatientForAnalysis(ports, scope, input.patientId, 'analysis.read', resource, actor);
    const now = ports.clock.now();
    const zone = await orgZoneOf(ports, patient.orgId);
    const dataPoints = pointsInRange(await sentimentPointsOf(ports, patient.id), input.timeRange, now, zone);
    const startDate = input.timeRange === 'month' ? monthWindowStart(now, zone) : (dataPoints[0]?.date ?? now);
    const analyzedConversations = dataPoints.filter((point) => point.sentiment !== null).length;
    await recordAnalysisPhi(ports, actor, 'READ', { ...resource, orgId: patient.orgId }, [patient.id], {
      count: dataPoints.length,
      timeRange: input.timeRange,
    });
    return {
      patientId: patient.id,
      timeRange: input.timeRange,
      startDate,
      endDate: now,
      totalConversations: dataPoints.length,
      analyzedConversations,
      dataPoints,
      summary: trendStatisticsOf(dataPoints),
    };
  }
}
