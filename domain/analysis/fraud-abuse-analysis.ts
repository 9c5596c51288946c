import { round, sum } from './analysis-math';
import type { FraudCounts } from './fraud-counts';
import { FRAUD_LEXICON_VERSION } from './fraud-lexicon';
import {
  abuseRiskOf,
  financialRiskOf,
  relationshipRiskOf,
  type AbuseRisk,
  type FinancialRisk,
  type RelationshipRisk,
} from './fraud-abuse-scores';
import type {
  AnalysisConfidence,
  AnalysisSource,
  AnalysisTimeRange,
  AnalysisWarning,
  RiskLevel,
} from './medical-analysis';

/**
 * The stored FraudAbuseAnalysis (DOMAIN.md §10.5, API-CONTRACT.md §3.8 FraudAbuseAnalysisDTO): financial,
 * abuse and relationship risk over a window, an overall score, warnings and recommendations as codes. The
 * analysis is always complete: with no conversations every score and count is 0 and the confidence `none`.
 */
export interface FraudRecommendation {
  readonly category: 'financial' | 'abuse' | 'neglect' | 'relationship' | 'overall' | 'general';
  readonly priority: 'low' | 'medium' | 'high';
  readonly code: string;
}

export interface FraudAbuseAnalysis {
  readonly id: string;
  readonly orgId: string;
  readonly patientId: string;
  readonly source: AnalysisSource;
  readonly timeRange: AnalysisTimeRange;
  readonly startDate: Date;
  readonly endDate: Date;
  readonly analysisDate: Date;
  readonly conversationCount: number;
  readonly messageCount: number;
  readonly totalWords: number;
  readonly lexiconVersion: string;
  readonly confidence: AnalysisConfidence;
  readonly overallRiskScore: number;
  readonly riskLevel: RiskLevel;
  readonly warnings: readonly AnalysisWarning[];
  readonly financialRisk: FinancialRisk;
  readonly abuseRisk: AbuseRisk;
  readonly relationshipRisk: RelationshipRisk;
  readonly recommendations: readonly FraudRecommendation[];
}

export interface FraudWindowInput {
  readonly id: string;
  readonly orgId: string;
  readonly patientId: string;
  readonly source: AnalysisSource;
  readonly timeRange: AnalysisTimeRange;
  readonly startDate: Date;
  readonly endDate: Date;
  readonly analysisDate: Date;
  readonly conversationCount: number;
  readonly messageCount: number;
  readonly totalWords: number;
  readonly confidence: AnalysisConfidence;
  /** English conversations of the window, oldest first. */
  readonly counts: readonly FraudCounts[];
  /** Conversations in a language without a fraud/abuse lexicon (counted, not scored). */
  readonly unsupportedConversations: number;
  /** The previous analysis of the patient whose window ended before this one started, if any. */
  readonly previous: FraudAbuseAnalysis | null;
}

/** §10.5.4: weighted mean of the domains that scored, +15 when two of them are high together, capped at 100. */
export const overallRiskOf = (financial: number, abuse: number, relationship: number): number => {
  const domains = [
    { score: financial, weight: 0.35 },
    { score: abuse, weight: 0.4 },
    { score: relationship, weight: 0.25 },
  ].filter((domain) => domain.score > 0);
  if (domains.length === 0) return 0;
  const weighted = sum(domains.map((d) => d.score * d.weight)) / sum(domains.map((d) => d.weight));
  const together = [financial >= 40, abuse >= 40, relationship >= 30].filter(Boolean).length >= 2;
  return round(Math.min(100, weighted + (together ? 15 : 0)), 1);
};

export const fraudRiskLevelOf = (overall: number): RiskLevel =>
  overall >= 70 ? 'critical' : overall >= 50 ? 'high' : overall >= 30 ? 'medium' : 'low';

const warningsOf = (
  f: FinancialRisk,
  a: AbuseRisk,
  r: RelationshipRisk,
  overall: number,
  previous: FraudAbuseAnalysis | null,
): AnalysisWarning[] => {
  const list: AnalysisWarning[] = [];
  const add = (when: boolean, code: string, params: Record<string, number> = {}) => {
    if (when) list.push({ code, params });
  };
  add(f.riskScore >= 40, 'HIGH_FINANCIAL_RISK', { score: f.riskScore });
  add(f.largeAmountMentions > 2, 'LARGE_AMOUNTS', { count: f.largeAmountMentions });
  add(f.transferMethodMentions > 0, 'TRANSFER_METHODS', { count: f.transferMethodMentions });
  add(f.temporalPatterns.hasEscalation, 'FINANCIAL_ESCALATION');
  add(a.riskScore >= 40, 'HIGH_ABUSE_RISK', { score: a.riskScore });
  add(a.physicalAbuseScore > 30, 'PHYSICAL_ABUSE', { score: a.physicalAbuseScore });
  add(a.emotionalAbuseScore > 30, 'EMOTIONAL_ABUSE', { score: a.emotionalAbuseScore });
  add(a.neglectScore > 30, 'NEGLECT', { score: a.neglectScore });
  add(a.temporalPatterns.hasEscalation, 'ABUSE_ESCALATION');
  add(r.riskScore >= 30, 'HIGH_RELATIONSHIP_RISK', { score: r.riskScore });
  add(r.isolationCount > 2, 'ISOLATION', { count: r.isolationCount });
  add(r.suspiciousBehaviorCount > 0, 'SUSPICIOUS_BEHAVIOR', { count: r.suspiciousBehaviorCount });
  add(r.temporalChanges.hasChanges, 'RELATIONSHIP_CHANGES');
  add(overall >= 50, 'HIGH_OVERALL_RISK', { score: overall });
  if (previous !== null) {
    const rise = (now: number, before: number) => round(now - before, 1);
    add(overall - previous.overallRiskScore >= 20, 'OVERALL_RISK_INCREASED', {
      change: rise(overall, previous.overallRiskScore),
    });
    add(f.riskScore - previous.financialRisk.riskScore >= 15, 'FINANCIAL_RISK_INCREASED', {
      change: rise(f.riskScore, previous.financialRisk.riskScore),
    });
    add(a.riskScore - previous.abuseRisk.riskScore >= 15, 'ABUSE_RISK_INCREASED', {
      change: rise(a.riskScore, previous.abuseRisk.riskScore),
    });
  }
  return list;
};

const recommendationsOf = (f: FinancialRisk, a: AbuseRisk, r: RelationshipRisk, overall: number) => {
  const list: FraudRecommendation[] = [];
  if (f.riskScore >= 40) {
    list.push({ category: 'financial', priority: f.riskScore >= 60 ? 'high' : 'medium', code: 'review_accounts' });
    if (f.transferMethodMentions > 0) list.push({ category: 'financial', priority: 'high', code: 'scam_education' });
  }
  if (a.riskScore >= 40) {
    list.push({ category: 'abuse', priority: a.riskScore >= 60 ? 'high' : 'medium', code: 'safety_visit' });
    if (a.physicalAbuseScore > 40) list.push({ category: 'abuse', priority: 'high', code: 'report_aps' });
    if (a.neglectScore > 40) list.push({ category: 'neglect', priority: 'high', code: 'verify_basic_needs' });
  }
  if (r.riskScore >= 30) {
    list.push({
      category: 'relationship',
      priority: r.riskScore >= 50 ? 'high' : 'medium',
      code: 'review_relationships',
    });
    if (r.isolationCount > 2) list.push({ category: 'relationship', priority: 'medium', code: 'address_isolation' });
  }
  if (overall >= 50) list.push({ category: 'overall', priority: 'high', code: 'prompt_assessment' });
  if (list.length === 0) list.push({ category: 'general', priority: 'low', code: 'continue_monitoring' });
  return list;
};

export const analyseFraudAbuseWindow = (input: FraudWindowInput): FraudAbuseAnalysis => {
  const financialRisk = financialRiskOf(input.counts, input.confidence);
  const abuseRisk = abuseRiskOf(input.counts, input.confidence);
  const relationshipRisk = relationshipRiskOf(input.counts, input.confidence);
  const overallRiskScore = overallRiskOf(financialRisk.riskScore, abuseRisk.riskScore, relationshipRisk.riskScore);
  return {
    id: input.id,
    orgId: input.orgId,
    patientId: input.patientId,
    source: input.source,
    timeRange: input.timeRange,
    startDate: input.startDate,
    endDate: input.endDate,
    analysisDate: input.analysisDate,
    conversationCount: input.conversationCount,
    messageCount: input.messageCount,
    totalWords: input.totalWords,
    lexiconVersion: FRAUD_LEXICON_VERSION,
    confidence: input.confidence,
    overallRiskScore,
    riskLevel: fraudRiskLevelOf(overallRiskScore),
    warnings: [
      ...warningsOf(financialRisk, abuseRisk, relationshipRisk, overallRiskScore, input.previous),
      ...(input.unsupportedConversations > 0
        ? [{ code: 'UNSUPPORTED_LANGUAGE', params: { conversations: input.unsupportedConversations } }]
        : []),
    ],
    financialRisk,
    abuseRisk,
    relationshipRisk,
    recommendations: recommendationsOf(financialRisk, abuseRisk, relationshipRisk, overallRiskScore),
  };
};

/** `changeFromBaseline` against the previous analysis (`includeBaseline=true`), or null without one. */
export const changeFromPrevious = (current: FraudAbuseAnalysis, previous: FraudAbuseAnalysis | null) =>
  previous === null
    ? null
    : {
        previousAnalysisId: previous.id,
        previousAnalysisDate: previous.analysisDate,
        overallRiskScoreChange: round(current.overallRiskScore - previous.overallRiskScore, 1),
        financialRiskChange: round(current.financialRisk.riskScore - previous.financialRisk.riskScore, 1),
        abuseRiskChange: round(current.abuseRisk.riskScore - previous.abuseRisk.riskScore, 1),
        relationshipRiskChange: round(current.relationshipRisk.riskScore - previous.relationshipRisk.riskScore, 1),
        previousRiskLevel: previous.riskLevel,
        riskLevelChanged: previous.riskLevel !== current.riskLevel,
      };

export type FraudBaselineChange = NonNullable<ReturnType<typeof changeFromPrevious>>;

/** §10.6: high or critical risk, or physical abuse above 40, raises an alert (urgent when critical). */
export const fraudAlertImportance = (analysis: FraudAbuseAnalysis): 'high' | 'urgent' | null => {
  if (analysis.riskLevel === 'critical') return 'urgent';
  if (analysis.riskLevel === 'high' || analysis.abuseRisk.physicalAbuseScore > 40) return 'high';
  return null;
};
