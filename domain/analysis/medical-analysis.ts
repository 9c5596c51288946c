import type { VocabularyMetrics } from './conversation-metrics';

/**
 * The stored MedicalAnalysis (DOMAIN.md §10.3.5, API-CONTRACT.md §3.8 MedicalAnalysisDTO): deterministic
 * screening metrics over a window of the patient's conversations. Warnings, indicators and recommendations are
 * stored as codes and numbers and worded in the reader's language when read. Every score is a number, never
 * null: with confidence `none` the scores are 0 and the warnings say "insufficient data".
 */
export type AnalysisConfidence = 'none' | 'low' | 'medium' | 'high';
export type AnalysisSource = 'post_call' | 'scheduled' | 'manual' | 'on_demand';
export type AnalysisTimeRange = 'month' | 'quarter' | 'year' | 'custom';
export type RiskLevel = 'low' | 'medium' | 'high' | 'critical';
export type Severity = 'low' | 'medium' | 'high';
export type TrendWord = 'improving' | 'stable' | 'declining';

export interface AnalysisWarning {
  readonly code: string;
  readonly params: Readonly<Record<string, number | string>>;
}

export interface Indicator {
  readonly type: string;
  readonly severity: Severity | 'critical';
  /** The measure that raised it (a density, count or score), for the rendered message. */
  readonly value: number;
}

export interface MedicalRecommendation {
  readonly category: 'psychiatric' | 'cognitive' | 'vocabulary' | 'baseline' | 'general';
  readonly severity: Severity | 'critical';
  readonly priority: number;
  /** The advice, worded when read. */
  readonly code: string;
}

export interface SignificantChange {
  readonly metric: string;
  readonly currentValue: number;
  readonly baselineValue: number;
  readonly zScore: number;
  readonly percentChange: number;
  readonly direction: 'worsened' | 'improved';
  readonly severity: 'medium' | 'high' | 'critical';
}

export interface MedicalTrends {
  readonly cognitive: TrendWord;
  readonly mentalHealth: TrendWord;
  readonly language: TrendWord;
  readonly overall: TrendWord;
}

export interface TimeSeriesData {
  readonly cognitiveScore: number;
  readonly mentalHealthScore: number;
  readonly languageScore: number;
  readonly overallHealthScore: number;
}

export interface CognitiveMetrics {
  readonly riskScore: number;
  readonly fillerWordDensity: number;
  readonly vagueReferenceDensity: number;
  readonly temporalConfusionCount: number;
  readonly wordFindingDifficultyCount: number;
  readonly repetitionScore: number;
  readonly informationDensity: { readonly score: number };
  readonly conversationFlow: { readonly score: number };
  readonly indicators: readonly Indicator[];
}

export interface PsychiatricMetrics {
  readonly depressionScore: number;
  readonly anxietyScore: number;
  readonly generalRiskScore: number;
  readonly overallRiskScore: number;
  /** A count, printed as-is by the medical screen. */
  readonly protectiveFactors: number;
  readonly emotionalTone: {
    readonly dominantTone: 'negative' | 'positive' | 'neutral';
    readonly negativeRatio: number;
    readonly positiveRatio: number;
  };
  readonly crisisIndicators: {
    readonly hasCrisisIndicators: boolean;
    readonly crisisCount: number;
    readonly crisisWords: readonly string[];
    readonly severity: 'none' | 'medium' | 'high';
  };
  readonly indicators: readonly Indicator[];
}

export interface MedicalAnalysis {
  readonly id: string;
  readonly orgId: string;
  readonly patientId: string;
  readonly source: AnalysisSource;
  readonly timeRange: AnalysisTimeRange;
  readonly startDate: Date;
  readonly endDate: Date;
  readonly analysisDate: Date;
  readonly conversationCount: number;
  readonly eligibleConversationCount: number;
  readonly messageCount: number;
  readonly totalWords: number;
  readonly lexiconVersion: string;
  readonly confidence: AnalysisConfidence;
  readonly warnings: readonly AnalysisWarning[];
  readonly riskLevel: RiskLevel;
  readonly overallHealthScore: number;
  readonly timeSeriesData: TimeSeriesData;
  readonly cognitiveMetrics: CognitiveMetrics;
  readonly psychiatricMetrics: PsychiatricMetrics;
  readonly vocabularyMetrics: VocabularyMetrics;
  readonly baselineComparison: {
    readonly hasBaseline: boolean;
    readonly significantChanges: readonly SignificantChange[];
  };
  readonly recommendations: readonly MedicalRecommendation[];
  readonly trends: MedicalTrends;
}

export const STABLE_TRENDS: MedicalTrends = {
  cognitive: 'stable',
  mentalHealth: 'stable',
  language: 'stable',
  overall: 'stable',
};

export const ZERO_VOCABULARY: VocabularyMetrics = {
  uniqueWords: 0,
  totalWords: 0,
  typeTokenRatio: 0,
  avgWordLength: 0,
  avgSentenceLength: 0,
  complexityScore: 0,
};

export const ZERO_COGNITIVE: CognitiveMetrics = {
  riskScore: 0,
  fillerWordDensity: 0,
  vagueReferenceDensity: 0,
  temporalConfusionCount: 0,
  wordFindingDifficultyCount: 0,
  repetitionScore: 0,
  informationDensity: { score: 0 },
  conversationFlow: { score: 0 },
  indicators: [],
};

export const ZERO_PSYCHIATRIC: PsychiatricMetrics = {
  depressionScore: 0,
  anxietyScore: 0,
  generalRiskScore: 0,
  overallRiskScore: 0,
  protectiveFactors: 0,
  emotionalTone: { dominantTone: 'neutral', negativeRatio: 0, positiveRatio: 0 },
  crisisIndicators: { hasCrisisIndicators: false, crisisCount: 0, crisisWords: [], severity: 'none' },
  indicators: [],
};

/** The severity a value reaches against ascending low / medium / high thresholds, or null below "low". */
export const severityAt = (value: number, [low, medium, high]: readonly [number, number, number]): Severity | null => {
  if (value >= high) return 'high';
  if (value >= medium) return 'medium';
  if (value >= low) return 'low';
  return null;
};

/** Health below 30 is critical, below 50 high, below 70 medium (§10.3.5). */
export const riskLevelOfHealth = (health: number): RiskLevel =>
  health < 30 ? 'critical' : health < 50 ? 'high' : health < 70 ? 'medium' : 'low';

/** Confidence from the window's patient text (§10.3.5). */
export const confidenceOf = (patientChars: number, eligibleConversations: number): AnalysisConfidence => {
  if (patientChars < 100) return 'none';
  if (patientChars < 500 || eligibleConversations < 3) return 'low';
  if (patientChars < 2000 || eligibleConversations < 10) return 'medium';
  return 'high';
};
