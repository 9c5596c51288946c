import type { FraudAbuseAnalysis, FraudBaselineChange } from '../../../domain/analysis/fraud-abuse-analysis';
import type { FraudAbuseReading } from '../../../application/analysis/fraud-abuse-analyses';
import { indicatorDtos, warningTexts } from './analysis-medical-presenters';
import { analysisText, type AnalysisLocale } from './analysis-texts';

const changeDto = (change: FraudBaselineChange | null) =>
  change === null ? null : { ...change, previousAnalysisDate: change.previousAnalysisDate.toISOString() };

export const fraudRecommendationDtos = (a: FraudAbuseAnalysis, locale: AnalysisLocale) =>
  a.recommendations.map((r) => ({
    category: r.category,
    priority: r.priority,
    action: analysisText(locale, `advice.${r.code}.action`),
    description: analysisText(locale, `advice.${r.code}.description`),
  }));

/**
 * FraudAbuseAnalysisDTO (API-CONTRACT.md §3.8): the three risk objects always complete, every score a number
 * (the fraud screen calls `toFixed` on them). Flagged phrases are lexicon entries, not the patient's words.
 */
export const fraudAnalysisDto = (
  a: FraudAbuseAnalysis,
  locale: AnalysisLocale,
  changeFromBaseline: FraudBaselineChange | null = null,
) => {
  const { financialRisk: f, abuseRisk: ab, relationshipRisk: r } = a;
  return {
    id: a.id,
    patientId: a.patientId,
    analysisDate: a.analysisDate.toISOString(),
    timeRange: a.timeRange,
    startDate: a.startDate.toISOString(),
    endDate: a.endDate.toISOString(),
    source: a.source,
    conversationCount: a.conversationCount,
    messageCount: a.messageCount,
    totalWords: a.totalWords,
    overallRiskScore: a.overallRiskScore,
    riskLevel: a.riskLevel,
    confidence: a.confidence,
    warnings: warningTexts(a.warnings, locale),
    financialRisk: {
      riskScore: f.riskScore,
      confidence: f.confidence,
      indicators: indicatorDtos(f.indicators, locale),
      largeAmountMentions: f.largeAmountMentions,
      transferMethodMentions: f.transferMethodMentions,
      scamIndicatorMentions: f.scamIndicatorMentions,
      urgencyMentions: f.urgencyMentions,
      helpRequestMentions: f.helpRequestMentions,
      relationshipMoneyMentions: f.relationshipMoneyMentions,
      temporalPatterns: { ...f.temporalPatterns },
      flaggedPhrases: [...f.flaggedPhrases],
    },
    abuseRisk: {
      riskScore: ab.riskScore,
      confidence: ab.confidence,
      indicators: indicatorDtos(ab.indicators, locale),
      physicalAbuseScore: ab.physicalAbuseScore,
      emotionalAbuseScore: ab.emotionalAbuseScore,
      neglectScore: ab.neglectScore,
      injuryMentions: ab.injuryMentions,
      isolationMentions: ab.isolationMentions,
      fearMentions: ab.fearMentions,
      basicNeedsMentions: ab.basicNeedsMentions,
      temporalPatterns: { ...ab.temporalPatterns },
      flaggedPhrases: [...ab.flaggedPhrases],
    },
    relationshipRisk: {
      riskScore: r.riskScore,
      confidence: r.confidence,
      indicators: indicatorDtos(r.indicators, locale),
      newPeopleCount: r.newPeopleCount,
      isolationCount: r.isolationCount,
      controlCount: r.controlCount,
      dependencyCount: r.dependencyCount,
      suspiciousBehaviorCount: r.suspiciousBehaviorCount,
      temporalChanges: { ...r.temporalChanges },
      flaggedPeople: r.flaggedPeople.map((p) => ({
        context: p.context,
        timestamp: p.timestamp.toISOString(),
        conversationId: p.conversationId,
      })),
    },
    recommendations: fraudRecommendationDtos(a, locale),
    changeFromBaseline: changeDto(changeFromBaseline),
  };
};

/** `GET /fraud-abuse-analysis/:patientId` (§4.14): the patient's real name, `recommendations` = the analysis's. */
export const fraudReadingDto = (reading: FraudAbuseReading, locale: AnalysisLocale) => {
  const analysis = fraudAnalysisDto(reading.analysis, locale, reading.changeFromBaseline);
  return {
    success: true as const,
    data: {
      patientId: reading.patient.id,
      patientName: reading.patient.name,
      timeRange: reading.analysis.timeRange,
      startDate: analysis.startDate,
      endDate: analysis.endDate,
      conversationCount: analysis.conversationCount,
      messageCount: analysis.messageCount,
      totalWords: analysis.totalWords,
      analysis,
      recommendations: analysis.recommendations,
      generatedAt: analysis.analysisDate,
    },
  };
};
