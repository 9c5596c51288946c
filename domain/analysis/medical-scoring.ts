import { leastSquaresSlope, round, sum } from './analysis-math';
import type { ConversationMetrics } from './conversation-metrics';
import { avg, cognitiveOf, psychiatricOf } from './medical-aggregation';
import {
  confidenceOf,
  riskLevelOfHealth,
  STABLE_TRENDS,
  ZERO_COGNITIVE,
  ZERO_PSYCHIATRIC,
  ZERO_VOCABULARY,
  type AnalysisSource,
  type AnalysisTimeRange,
  type AnalysisWarning,
  type MedicalAnalysis,
  type MedicalRecommendation,
  type TimeSeriesData,
  type TrendWord,
} from './medical-analysis';
import { hasBaseline, significantChangesOf, type MedicalBaseline } from './medical-baseline';
import { MEDICAL_LEXICON_VERSION } from './medical-lexicon';

/**
 * A window's medical analysis from per-conversation metrics (DOMAIN.md §10.3.5): aggregated markers
 * (medical-aggregation.ts), composite health score and risk level, baseline comparison, warnings, recommendations
 * and direction-aware trends.
 */
export interface MedicalWindowInput {
  readonly id: string;
  readonly orgId: string;
  readonly patientId: string;
  readonly source: AnalysisSource;
  readonly timeRange: AnalysisTimeRange;
  readonly startDate: Date;
  readonly endDate: Date;
  readonly analysisDate: Date;
  /** Conversations of the window with patient speech, in any language. */
  readonly conversationCount: number;
  readonly messageCount: number;
  /** Metrics of the conversations in a language with a medical lexicon. */
  readonly metrics: readonly ConversationMetrics[];
  readonly unsupportedConversations: number;
  readonly baseline: MedicalBaseline | null;
  /** The newest monthly analyses before this one (at most 3), oldest first, for the trends. */
  readonly previousMonthly: readonly TimeSeriesData[];
}

/** §10.3.5 trends: the slope of value/100 over at least 3 points, read by the metric's polarity. */
export const directionOf = (values: readonly number[], higherIsBetter: boolean): TrendWord => {
  if (values.length < 3) return 'stable';
  const slope = leastSquaresSlope(values.map((value) => value / 100));
  if (Math.abs(slope) < 0.02) return 'stable';
  return slope > 0 === higherIsBetter ? 'improving' : 'declining';
};

export const overallHealthOf = (cognitive: number, depression: number, anxiety: number, crisis: boolean): number =>
  Math.max(
    0,
    Math.round(
      100 -
        Math.min(0.3 * cognitive, 30) -
        Math.min(0.2 * depression, 25) -
        Math.min(0.15 * anxiety, 20) -
        (crisis ? 25 : 0),
    ),
  );

const recommendationsOf = (
  analysis: Pick<
    MedicalAnalysis,
    'cognitiveMetrics' | 'psychiatricMetrics' | 'vocabularyMetrics' | 'baselineComparison'
  >,
): MedicalRecommendation[] => {
  const list: MedicalRecommendation[] = [];
  const { cognitiveMetrics: cog, psychiatricMetrics: psy } = analysis;
  if (psy.crisisIndicators.hasCrisisIndicators) {
    list.push({ category: 'psychiatric', severity: 'critical', priority: 0, code: 'crisis_follow_up' });
  }
  if (cog.riskScore > 70)
    list.push({ category: 'cognitive', severity: 'high', priority: 1, code: 'cognitive_assessment' });
  if (psy.depressionScore > 70)
    list.push({ category: 'psychiatric', severity: 'high', priority: 1, code: 'mood_assessment' });
  if (cog.fillerWordDensity > 0.05)
    list.push({ category: 'cognitive', severity: 'medium', priority: 2, code: 'speech_fluency' });
  if (analysis.vocabularyMetrics.typeTokenRatio < 0.3) {
    list.push({ category: 'vocabulary', severity: 'medium', priority: 2, code: 'vocabulary_review' });
  }
  if (analysis.baselineComparison.significantChanges.some((change) => change.direction === 'worsened')) {
    list.push({ category: 'baseline', severity: 'medium', priority: 2, code: 'baseline_change' });
  }
  if (list.length === 0) list.push({ category: 'general', severity: 'low', priority: 3, code: 'continue_monitoring' });
  return list.sort((a, b) => a.priority - b.priority);
};

const warningsOf = (analysis: MedicalAnalysis, baseline: MedicalBaseline | null): AnalysisWarning[] => {
  const warnings: AnalysisWarning[] = [];
  const ttr = baseline?.automatic?.metrics.typeTokenRatio.mean ?? 0;
  const sentence = baseline?.automatic?.metrics.avgSentenceLength.mean ?? 0;
  const { vocabularyMetrics: v, cognitiveMetrics: c, psychiatricMetrics: p } = analysis;
  if (ttr > 0 && v.typeTokenRatio < 0.8 * ttr) warnings.push({ code: 'VOCABULARY_DIVERSITY_DECREASED', params: {} });
  if (sentence > 0 && v.avgSentenceLength < 0.7 * sentence)
    warnings.push({ code: 'SENTENCE_LENGTH_DECREASED', params: {} });
  if (c.riskScore > 70) warnings.push({ code: 'HIGH_COGNITIVE_RISK', params: { score: c.riskScore } });
  if (p.overallRiskScore > 75) warnings.push({ code: 'HIGH_PSYCHIATRIC_RISK', params: { score: p.overallRiskScore } });
  if (p.depressionScore > 70) warnings.push({ code: 'HIGH_DEPRESSION', params: { score: p.depressionScore } });
  if (p.anxietyScore > 70) warnings.push({ code: 'HIGH_ANXIETY', params: { score: p.anxietyScore } });
  if (p.crisisIndicators.hasCrisisIndicators) {
    warnings.push({ code: 'CRISIS_INDICATORS', params: { count: p.crisisIndicators.crisisCount } });
  }
  return warnings;
};

const header = (input: MedicalWindowInput) => ({
  id: input.id,
  orgId: input.orgId,
  patientId: input.patientId,
  source: input.source,
  timeRange: input.timeRange,
  startDate: input.startDate,
  endDate: input.endDate,
  analysisDate: input.analysisDate,
  conversationCount: input.conversationCount,
  eligibleConversationCount: input.metrics.filter((m) => m.eligible).length,
  messageCount: input.messageCount,
  totalWords: sum(input.metrics.map((m) => m.tokenCount)),
  lexiconVersion: MEDICAL_LEXICON_VERSION,
});

const unsupportedWarning = (input: MedicalWindowInput): AnalysisWarning[] =>
  input.unsupportedConversations > 0
    ? [{ code: 'UNSUPPORTED_LANGUAGE', params: { conversations: input.unsupportedConversations } }]
    : [];

/** The complete zero analysis of a window with too little patient speech (confidence `none`). */
export const zeroMedicalAnalysis = (input: MedicalWindowInput): MedicalAnalysis => ({
  ...header(input),
  confidence: 'none',
  warnings: [{ code: 'INSUFFICIENT_DATA', params: {} }, ...unsupportedWarning(input)],
  riskLevel: 'low',
  overallHealthScore: 0,
  timeSeriesData: { cognitiveScore: 0, mentalHealthScore: 0, languageScore: 0, overallHealthScore: 0 },
  cognitiveMetrics: ZERO_COGNITIVE,
  psychiatricMetrics: ZERO_PSYCHIATRIC,
  vocabularyMetrics: { ...ZERO_VOCABULARY, totalWords: sum(input.metrics.map((m) => m.tokenCount)) },
  baselineComparison: { hasBaseline: hasBaseline(input.baseline), significantChanges: [] },
  recommendations: [{ category: 'general', severity: 'low', priority: 3, code: 'continue_monitoring' }],
  trends: STABLE_TRENDS,
});

export const analyseMedicalWindow = (input: MedicalWindowInput): MedicalAnalysis => {
  const eligible = input.metrics.filter((m) => m.eligible);
  const confidence = confidenceOf(sum(input.metrics.map((m) => m.charCount)), eligible.length);
  if (confidence === 'none') return zeroMedicalAnalysis(input);
  const cognitiveMetrics = cognitiveOf(eligible, input.metrics);
  const psychiatricMetrics = psychiatricOf(eligible, input.metrics);
  const vocabularyMetrics = {
    uniqueWords: Math.round(avg(eligible, (m) => m.vocabulary.uniqueWords)),
    totalWords: sum(input.metrics.map((m) => m.tokenCount)),
    typeTokenRatio: round(
      avg(eligible, (m) => m.vocabulary.typeTokenRatio),
      4,
    ),
    avgWordLength: round(
      avg(eligible, (m) => m.vocabulary.avgWordLength),
      2,
    ),
    avgSentenceLength: round(
      avg(eligible, (m) => m.vocabulary.avgSentenceLength),
      2,
    ),
    complexityScore: round(
      avg(eligible, (m) => m.vocabulary.complexityScore),
      1,
    ),
  };
  const overallHealthScore = overallHealthOf(
    cognitiveMetrics.riskScore,
    psychiatricMetrics.depressionScore,
    psychiatricMetrics.anxietyScore,
    psychiatricMetrics.crisisIndicators.hasCrisisIndicators,
  );
  const timeSeriesData: TimeSeriesData = {
    cognitiveScore: cognitiveMetrics.riskScore,
    mentalHealthScore: psychiatricMetrics.overallRiskScore,
    languageScore: vocabularyMetrics.complexityScore,
    overallHealthScore,
  };
  const baselineComparison = {
    hasBaseline: hasBaseline(input.baseline),
    significantChanges: significantChangesOf(
      {
        vocabularyScore: vocabularyMetrics.complexityScore,
        depressionScore: psychiatricMetrics.depressionScore,
        anxietyScore: psychiatricMetrics.anxietyScore,
        cognitiveScore: cognitiveMetrics.riskScore,
        typeTokenRatio: vocabularyMetrics.typeTokenRatio,
        avgSentenceLength: vocabularyMetrics.avgSentenceLength,
      },
      input.baseline,
    ),
  };
  const series = [...input.previousMonthly.slice(-3), timeSeriesData];
  const analysis: MedicalAnalysis = {
    ...header(input),
    confidence,
    warnings: [],
    riskLevel: riskLevelOfHealth(overallHealthScore),
    overallHealthScore,
    timeSeriesData,
    cognitiveMetrics,
    psychiatricMetrics,
    vocabularyMetrics,
    baselineComparison,
    recommendations: [],
    trends: {
      cognitive: directionOf(
        series.map((s) => s.cognitiveScore),
        false,
      ),
      mentalHealth: directionOf(
        series.map((s) => s.mentalHealthScore),
        false,
      ),
      language: directionOf(
        series.map((s) => s.languageScore),
        true,
      ),
      overall: directionOf(
        series.map((s) => s.overallHealthScore),
        true,
      ),
    },
  };
  return {
    ...analysis,
    warnings: [...warningsOf(analysis, input.baseline), ...unsupportedWarning(input)],
    recommendations: recommendationsOf(analysis),
  };
};
