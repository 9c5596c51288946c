import { mean, ratio, round, sum } from './analysis-math';
import type { ConversationMetrics } from './conversation-metrics';
import { severityAt, type CognitiveMetrics, type Indicator, type PsychiatricMetrics } from './medical-analysis';

/**
 * Window aggregation of the per-conversation markers (DOMAIN.md §10.3.5): averages over the eligible
 * conversations, crisis and tone counts summed over every conversation, and the indicators of §10.3.3 and §10.3.4
 * computed on the aggregated values. Counted markers (temporal confusion, word finding) are reported as totals but
 * graded on their mean per eligible conversation, so a long window does not reach a threshold by adding up
 * ordinary days.
 */

/** The mean of one measure over conversations (0 for none). */
export const avg = (items: readonly ConversationMetrics[], pick: (m: ConversationMetrics) => number): number =>
  mean(items.map(pick));

export const cognitiveOf = (
  eligible: readonly ConversationMetrics[],
  all: readonly ConversationMetrics[],
): CognitiveMetrics => {
  const filler = avg(eligible, (m) => m.cognitive.fillerDensity);
  const vague = avg(eligible, (m) => m.cognitive.vagueDensity);
  const temporalMean = avg(eligible, (m) => m.cognitive.temporalConfusionCount);
  const wordFindingMean = avg(eligible, (m) => m.cognitive.wordFindingCount);
  const repetition = avg(eligible, (m) => m.cognitive.repetitionScore);
  const density = avg(eligible, (m) => m.cognitive.informationDensityScore);
  const flow = avg(eligible, (m) => m.cognitive.flowScore);
  const indicators: Indicator[] = [];
  const add = (type: string, severity: Indicator['severity'] | null, when: boolean, value: number) => {
    if (when && severity !== null) indicators.push({ type, severity, value: round(value, 4) });
  };
  const fillerSeverity = severityAt(filler, [0.02, 0.05, 0.08]);
  const vagueSeverity = severityAt(vague, [0.01, 0.03, 0.05]);
  add('filler_words', 'high', fillerSeverity === 'medium' || fillerSeverity === 'high', filler);
  add('vague_references', 'high', vagueSeverity === 'medium' || vagueSeverity === 'high', vague);
  add('temporal_confusion', 'high', severityAt(temporalMean, [1, 3, 5]) === 'high', temporalMean);
  add('word_finding', 'high', severityAt(wordFindingMean, [1, 2, 4]) === 'high', wordFindingMean);
  add('repetition', 'high', severityAt(repetition, [10, 20, 30]) === 'high', repetition);
  const densitySeverity = severityAt(100 - density, [20, 40, 60]);
  add('information_density', 'medium', densitySeverity === 'medium' || densitySeverity === 'high', density);
  const flowSeverity = severityAt(100 - flow, [20, 40, 60]);
  add('conversation_flow', 'medium', flowSeverity === 'medium' || flowSeverity === 'high', flow);
  return {
    riskScore: round(
      avg(eligible, (m) => m.cognitive.riskScore),
      1,
    ),
    fillerWordDensity: round(filler, 4),
    vagueReferenceDensity: round(vague, 4),
    temporalConfusionCount: sum(all.map((m) => m.cognitive.temporalConfusionCount)),
    wordFindingDifficultyCount: sum(all.map((m) => m.cognitive.wordFindingCount)),
    repetitionScore: round(repetition, 1),
    informationDensity: { score: round(density, 1) },
    conversationFlow: { score: round(flow, 1) },
    indicators,
  };
};

export const psychiatricOf = (
  eligible: readonly ConversationMetrics[],
  all: readonly ConversationMetrics[],
): PsychiatricMetrics => {
  const depression = avg(eligible, (m) => m.psychiatric.depressionScore);
  const anxiety = avg(eligible, (m) => m.psychiatric.anxietyScore);
  const general = avg(eligible, (m) => m.psychiatric.generalRiskScore);
  const crisisCount = sum(all.map((m) => m.psychiatric.crisisCount));
  const negative = sum(all.map((m) => m.psychiatric.negativeTone));
  const positive = sum(all.map((m) => m.psychiatric.positiveTone));
  const negativeRatio = ratio(negative, negative + positive);
  const dominantTone = negative > positive ? 'negative' : positive > negative ? 'positive' : 'neutral';
  const indicators: Indicator[] = [];
  const weighted = (type: string, value: number, thresholds: readonly [number, number, number]): void => {
    if (value > 0.5)
      indicators.push({ type, severity: severityAt(value, thresholds) ?? 'low', value: round(value, 2) });
  };
  weighted(
    'depression',
    avg(eligible, (m) => m.psychiatric.depressionWeighted),
    [2, 5, 8],
  );
  weighted(
    'anxiety',
    avg(eligible, (m) => m.psychiatric.anxietyWeighted),
    [2, 5, 8],
  );
  weighted(
    'general_psychiatric',
    avg(eligible, (m) => m.psychiatric.generalWeighted),
    [1, 3, 5],
  );
  if (crisisCount > 0) indicators.push({ type: 'crisis', severity: 'critical', value: crisisCount });
  if (dominantTone === 'negative' && negativeRatio > 0.6) {
    indicators.push({ type: 'negative_tone', severity: 'medium', value: round(negativeRatio, 2) });
  }
  return {
    depressionScore: round(depression, 1),
    anxietyScore: round(anxiety, 1),
    generalRiskScore: round(general, 1),
    overallRiskScore: round(0.3 * depression + 0.3 * anxiety + 0.4 * general, 1),
    protectiveFactors: sum(all.map((m) => m.psychiatric.protectiveFactors)),
    emotionalTone: {
      dominantTone,
      negativeRatio: round(negativeRatio, 2),
      positiveRatio: round(ratio(positive, negative + positive), 2),
    },
    crisisIndicators: {
      hasCrisisIndicators: crisisCount > 0,
      crisisCount,
      crisisWords: [...new Set(all.flatMap((m) => m.psychiatric.crisisWords))],
      severity: crisisCount >= 2 ? 'high' : crisisCount === 1 ? 'medium' : 'none',
    },
    indicators,
  };
};
