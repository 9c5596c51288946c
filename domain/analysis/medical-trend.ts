import { mean, round } from './analysis-math';
import { localDateIn } from './analysis-windows';
import type { AnalysisWarning, MedicalAnalysis, RiskLevel, TrendWord } from './medical-analysis';
import { directionOf } from './medical-scoring';

/**
 * The medical trend view and dashboard summary over stored analyses (API-CONTRACT.md §4.13, DOMAIN.md §10.3.5):
 * one point per analysis, oldest first, and direction-aware trends (a falling risk is improving, rising
 * vocabulary complexity too). Analyses with confidence `none` are listed as points but carry no evidence, so
 * averages and trends leave them out.
 */
export interface MedicalTrendPoint {
  /** Local date of the analysis in the organisation's zone. */
  readonly date: string;
  readonly analysisId: string;
  readonly cognitiveScore: number;
  readonly mentalHealthScore: number;
  readonly languageScore: number;
  readonly overallHealthScore: number;
  readonly riskLevel: RiskLevel;
}

export interface MedicalTrendSummary {
  readonly averageCognitiveRisk: number;
  readonly averagePsychiatricRisk: number;
  readonly cognitiveTrend: TrendWord;
  readonly psychiatricTrend: TrendWord;
  readonly vocabularyTrend: TrendWord;
  /** 0..1: how many scored analyses there are, five being enough. */
  readonly confidence: number;
  readonly keyInsights: readonly AnalysisWarning[];
  readonly criticalWarnings: readonly AnalysisWarning[];
}

export interface MedicalTrendFacts {
  readonly points: readonly MedicalTrendPoint[];
  readonly summary: MedicalTrendSummary;
}

export const trendPointOf = (analysis: MedicalAnalysis, zone: string): MedicalTrendPoint => ({
  date: localDateIn(analysis.analysisDate, zone),
  analysisId: analysis.id,
  cognitiveScore: analysis.timeSeriesData.cognitiveScore,
  mentalHealthScore: analysis.timeSeriesData.mentalHealthScore,
  languageScore: analysis.timeSeriesData.languageScore,
  overallHealthScore: analysis.timeSeriesData.overallHealthScore,
  riskLevel: analysis.riskLevel,
});

const insightsOf = (
  cognitive: TrendWord,
  psychiatric: TrendWord,
  vocabulary: TrendWord,
  averages: { cognitive: number; psychiatric: number },
  scored: number,
): AnalysisWarning[] => {
  if (scored === 0) return [];
  const insights: AnalysisWarning[] = [];
  const trend = (code: string, word: TrendWord) => {
    if (word !== 'stable') insights.push({ code: `${code}_${word}`, params: {} });
  };
  trend('COGNITIVE', cognitive);
  trend('PSYCHIATRIC', psychiatric);
  trend('VOCABULARY', vocabulary);
  if (averages.cognitive > 60)
    insights.push({ code: 'COGNITIVE_RISK_ELEVATED', params: { score: averages.cognitive } });
  if (averages.psychiatric > 60) {
    insights.push({ code: 'PSYCHIATRIC_RISK_ELEVATED', params: { score: averages.psychiatric } });
  }
  if (insights.length === 0) insights.push({ code: 'NO_NOTABLE_CHANGE', params: {} });
  return insights;
};

const criticalOf = (scored: readonly MedicalAnalysis[], zone: string): AnalysisWarning[] => {
  const warnings: AnalysisWarning[] = [];
  for (const analysis of scored) {
    const date = localDateIn(analysis.analysisDate, zone);
    if (analysis.psychiatricMetrics.crisisIndicators.hasCrisisIndicators) {
      warnings.push({ code: 'CRISIS_INDICATORS_ON', params: { date } });
    }
    if (analysis.riskLevel === 'critical') warnings.push({ code: 'CRITICAL_RISK_ON', params: { date } });
  }
  return warnings;
};

/** Points and summary of analyses given oldest first. */
export const medicalTrendOf = (analysesOldestFirst: readonly MedicalAnalysis[], zone: string): MedicalTrendFacts => {
  const scored = analysesOldestFirst.filter((analysis) => analysis.confidence !== 'none');
  const series = scored.map((analysis) => analysis.timeSeriesData);
  const averages = {
    cognitive: round(mean(series.map((s) => s.cognitiveScore)), 1),
    psychiatric: round(mean(series.map((s) => s.mentalHealthScore)), 1),
  };
  const cognitiveTrend = directionOf(
    series.map((s) => s.cognitiveScore),
    false,
  );
  const psychiatricTrend = directionOf(
    series.map((s) => s.mentalHealthScore),
    false,
  );
  const vocabularyTrend = directionOf(
    series.map((s) => s.languageScore),
    true,
  );
  return {
    points: analysesOldestFirst.map((analysis) => trendPointOf(analysis, zone)),
    summary: {
      averageCognitiveRisk: averages.cognitive,
      averagePsychiatricRisk: averages.psychiatric,
      cognitiveTrend,
      psychiatricTrend,
      vocabularyTrend,
      confidence: round(Math.min(1, scored.length / 5), 2),
      keyInsights: insightsOf(cognitiveTrend, psychiatricTrend, vocabularyTrend, averages, scored.length),
      criticalWarnings: criticalOf(scored, zone),
    },
  };
};
