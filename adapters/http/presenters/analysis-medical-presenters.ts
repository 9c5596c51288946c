import type { AnalysisWarning, Indicator, MedicalAnalysis } from '../../../domain/analysis/medical-analysis';
import type { MedicalBaseline } from '../../../domain/analysis/medical-baseline';
import type { MedicalTrendPoint, MedicalTrendSummary } from '../../../domain/analysis/medical-trend';
import type { MedicalSummary, MedicalTrend } from '../../../application/analysis/get-medical-trend';
import type { AnalysisRunStatus } from '../../../application/analysis/analysis-run-log';
import type { TriggerAllResult } from '../../../application/analysis/trigger-all-medical-analyses';
import { analysisText, type AnalysisLocale } from './analysis-texts';

/** Warnings and insights are stored as codes; the reader gets sentences in their language. */
export const warningTexts = (warnings: readonly AnalysisWarning[], locale: AnalysisLocale, prefix = 'warning') =>
  warnings.map((warning) => analysisText(locale, `${prefix}.${warning.code}`, warning.params));

export const indicatorDtos = (indicators: readonly Indicator[], locale: AnalysisLocale) =>
  indicators.map((indicator) => ({
    type: indicator.type,
    severity: indicator.severity,
    message: analysisText(locale, `indicator.${indicator.type}`, { value: indicator.value }),
  }));

/**
 * MedicalAnalysisDTO (API-CONTRACT.md §3.8): `_id` next to `id` (§3.4), every number the medical screen formats
 * present. Crisis phrases matched stay in storage (they quote the patient's kind of words), not on the wire.
 */
export const medicalAnalysisDto = (a: MedicalAnalysis, locale: AnalysisLocale) => {
  const { cognitiveMetrics: cog, psychiatricMetrics: psy } = a;
  return {
    id: a.id,
    _id: a.id,
    patientId: a.patientId,
    analysisDate: a.analysisDate.toISOString(),
    timeRange: a.timeRange,
    startDate: a.startDate.toISOString(),
    endDate: a.endDate.toISOString(),
    source: a.source,
    conversationCount: a.conversationCount,
    messageCount: a.messageCount,
    totalWords: a.totalWords,
    confidence: a.confidence,
    warnings: warningTexts(a.warnings, locale),
    riskLevel: a.riskLevel,
    overallHealthScore: a.overallHealthScore,
    timeSeriesData: { ...a.timeSeriesData },
    cognitiveMetrics: {
      riskScore: cog.riskScore,
      fillerWordDensity: cog.fillerWordDensity,
      vagueReferenceDensity: cog.vagueReferenceDensity,
      temporalConfusionCount: cog.temporalConfusionCount,
      wordFindingDifficultyCount: cog.wordFindingDifficultyCount,
      repetitionScore: cog.repetitionScore,
      informationDensity: { score: cog.informationDensity.score },
      conversationFlow: { score: cog.conversationFlow.score },
      indicators: indicatorDtos(cog.indicators, locale),
    },
    psychiatricMetrics: {
      depressionScore: psy.depressionScore,
      anxietyScore: psy.anxietyScore,
      generalRiskScore: psy.generalRiskScore,
      overallRiskScore: psy.overallRiskScore,
      protectiveFactors: psy.protectiveFactors,
      emotionalTone: { ...psy.emotionalTone },
      crisisIndicators: {
        hasCrisisIndicators: psy.crisisIndicators.hasCrisisIndicators,
        crisisCount: psy.crisisIndicators.crisisCount,
        severity: psy.crisisIndicators.severity,
      },
      indicators: indicatorDtos(psy.indicators, locale),
    },
    vocabularyMetrics: { ...a.vocabularyMetrics },
    baselineComparison: {
      hasBaseline: a.baselineComparison.hasBaseline,
      significantChanges: a.baselineComparison.significantChanges.map((change) => ({ ...change })),
    },
    recommendations: a.recommendations.map((r) => ({
      category: r.category,
      severity: r.severity,
      title: analysisText(locale, `advice.${r.code}.title`),
      description: analysisText(locale, `advice.${r.code}.description`),
      priority: r.priority,
    })),
    trends: { ...a.trends },
  };
};

const trendSummaryDto = (summary: MedicalTrendSummary, locale: AnalysisLocale) => ({
  averageCognitiveRisk: summary.averageCognitiveRisk,
  averagePsychiatricRisk: summary.averagePsychiatricRisk,
  cognitiveTrend: summary.cognitiveTrend,
  psychiatricTrend: summary.psychiatricTrend,
  vocabularyTrend: summary.vocabularyTrend,
  confidence: summary.confidence,
  keyInsights: warningTexts(summary.keyInsights, locale, 'insight'),
  criticalWarnings: warningTexts(summary.criticalWarnings, locale, 'insight'),
});

const pointDto = (point: MedicalTrendPoint) => ({ ...point });

/** MedicalTrend (§4.13): data points oldest first. */
export const medicalTrendDto = (trend: MedicalTrend, locale: AnalysisLocale) => ({
  patientId: trend.patientId,
  timeRange: trend.timeRange,
  startDate: trend.startDate.toISOString(),
  endDate: trend.endDate.toISOString(),
  totalAnalyses: trend.totalAnalyses,
  dataPoints: trend.points.map(pointDto),
  summary: trendSummaryDto(trend.summary, locale),
});

/** MedicalSummary, in the app's type: the summary fields flat, `recentAnalyses` newest first. */
export const medicalSummaryDto = (summary: MedicalSummary, locale: AnalysisLocale) => ({
  totalAnalyses: summary.totalAnalyses,
  ...trendSummaryDto(summary.summary, locale),
  recentAnalyses: summary.recentAnalyses.map(pointDto),
});

/** The baseline of §6.3: automatic statistics (when there are enough points) and the manual values. */
export const baselineDto = (baseline: MedicalBaseline | null) =>
  baseline === null
    ? null
    : {
        type: baseline.automatic?.type ?? 'manual',
        metrics: baseline.automatic === null ? {} : { ...baseline.automatic.metrics },
        quality: baseline.automatic === null ? null : { ...baseline.automatic.quality },
        establishedDate: baseline.establishedAt.toISOString(),
        lastUpdated: baseline.updatedAt.toISOString(),
        manual: baseline.manual === null ? null : { ...baseline.manual.metrics },
      };

export const triggerAllDto = (result: TriggerAllResult) => ({
  success: true as const,
  message: `Queued ${result.jobsScheduled} medical analyses`,
  patientsAnalyzed: 0,
  jobsScheduled: result.jobsScheduled,
  batchId: result.batchId,
  patients: result.patients.map((p) => ({ id: p.id, name: p.name })),
  errors: result.errors.map((e) => ({ ...e })),
});

/**
 * The status of §4.13. The monthly scheduled run is not wired yet, so `enabled` is false and `nextRunAt` null;
 * the counters are those of manually queued runs.
 */
export const analysisStatusDto = (status: AnalysisRunStatus) => ({
  success: true as const,
  status: {
    enabled: false,
    schedule: 'monthly' as const,
    running: status.running,
    queuedJobs: status.queuedJobs,
    failedJobs: status.failedJobs,
    lastRunAt: status.lastRunAt === null ? null : status.lastRunAt.toISOString(),
    nextRunAt: null,
    lastBatchId: status.lastBatchId,
  },
});
