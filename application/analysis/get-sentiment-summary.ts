import { summaryOf, type SentimentSummaryFacts } from '../../domain/analysis/sentiment-trend';
import type { AccessScope } from '../../domain/identity/roles';
import type { Actor } from '../../domain/shared/actor';
import { loadPatientForAnalysis } from './analysis-access';
import { recordAnalysisPhi } from './analysis-audit';
import type { AnalysisPorts } from './analysis-ports';
import { sentimentPointsOf } from './sentiment-points';

/**
 * `GetSentimentSummary` (API-CONTRACT.md §4.12 `GET /sentiment/patient/:id/summary`): the newest 10 finalised
 * conversations of the last 30 days; `recentTrend` holds full data points, newest first (§8: the screen reads
 * `recentTrend[0].sentiment`).
 */
export class GetSentimentSummary {
  constructor(private readonly ports: AnalysisPorts) {}

  async execute(scope: AccessScope, patientId: string, actor: Actor): Promise<SentimentSummaryFacts> {
    const { ports } = this;
    const resource = { type: 'sentiment', id: 'list' } as const;
    const patient = await loadPatientForAnalysis(ports, scope, patientId, 'analysis.read', resource, actor);
    const summary = summaryOf(await sentimentPointsOf(ports, patient.id), ports.clock.now());
    await recordAnalysisPhi(ports, actor, 'READ', { ...resource, orgId: patient.orgId }, [patient.id], {
      count: summary.totalConversations,
    });
    return summary;
  }
}
