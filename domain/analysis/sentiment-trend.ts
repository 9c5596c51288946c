import type { StoredSentiment } from '../conversations/conversation';
import { leastSquaresSlope, mean, populationVariance, round } from './analysis-math';
import { monthWindowStart } from './analysis-windows';

/**
 * Sentiment trends and summaries (API-CONTRACT.md §4.12, DOMAIN.md §10.1). Data points are the patient's
 * finalised conversations; only the analysed ones carry a score. Numbers the app formats are never null: the
 * average is 0 when nothing is analysed (API-CONTRACT.md §8 overrides DOMAIN.md's null).
 */
export const SENTIMENT_TIME_RANGES = ['lastCall', 'month', 'lifetime'] as const;
export type SentimentTimeRange = (typeof SENTIMENT_TIME_RANGES)[number];
export type TrendDirection = 'improving' | 'declining' | 'stable';

export interface SentimentPoint {
  readonly conversationId: string;
  /** When the conversation ended. */
  readonly date: Date;
  readonly durationSeconds: number;
  readonly sentiment: StoredSentiment | null;
  readonly sentimentAnalyzedAt: Date | null;
}

/** Insight codes, rendered in the reader's language by the presenter. */
export type SentimentInsight =
  'generally_positive' | 'generally_negative' | 'trend_improving' | 'trend_declining' | 'more_negative_than_positive';

export interface SentimentStatistics {
  readonly averageSentiment: number;
  /** Counts per `overallSentiment`, plus `unknown` for points not analysed; zero counts left out. */
  readonly sentimentDistribution: Readonly<Record<string, number>>;
  readonly trendDirection: TrendDirection;
  readonly confidence: number;
  readonly keyInsights: readonly SentimentInsight[];
}

const scoresOf = (points: readonly SentimentPoint[]): number[] =>
  points.flatMap((point) => (point.sentiment === null ? [] : [point.sentiment.sentimentScore]));

/** §4.12: least-squares slope for n ≥ 3 (|slope| < 0.02 stable), the difference for n = 2 (±0.05), else stable. */
export const trendDirectionOf = (scores: readonly number[]): TrendDirection => {
  if (scores.length >= 3) {
    const slope = leastSquaresSlope(scores);
    if (Math.abs(slope) < 0.02) return 'stable';
    return slope > 0 ? 'improving' : 'declining';
  }
  if (scores.length === 2) {
    const difference = scores[1] - scores[0];
    if (difference > 0.05) return 'improving';
    if (difference < -0.05) return 'declining';
  }
  return 'stable';
};

/** §4.12: `min(0.95, (min(1, n/8) + min(1, 2·variance)) / 2)` for n ≥ 3; 0.4, 0.2 and 0 below. */
export const trendConfidenceOf = (scores: readonly number[]): number => {
  const n = scores.length;
  if (n === 0) return 0;
  if (n === 1) return 0.2;
  if (n === 2) return 0.4;
  return round(Math.min(0.95, (Math.min(1, n / 8) + Math.min(1, 2 * populationVariance(scores))) / 2), 2);
};

export const distributionOf = (points: readonly SentimentPoint[]): Record<string, number> => {
  const counts: Record<string, number> = {};
  for (const point of points) {
    const key = point.sentiment?.overallSentiment ?? 'unknown';
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
};

export const insightsOf = (
  average: number,
  direction: TrendDirection,
  distribution: Readonly<Record<string, number>>,
  analysed: number,
): SentimentInsight[] => {
  if (analysed === 0) return [];
  const insights: SentimentInsight[] = [];
  if (average > 0.3) insights.push('generally_positive');
  if (average < -0.3) insights.push('generally_negative');
  if (direction === 'improving') insights.push('trend_improving');
  if (direction === 'declining') insights.push('trend_declining');
  if ((distribution['negative'] ?? 0) > (distribution['positive'] ?? 0)) insights.push('more_negative_than_positive');
  return insights;
};

/** The trend's `summary` over points oldest first. */
export const trendStatisticsOf = (points: readonly SentimentPoint[]): SentimentStatistics => {
  const scores = scoresOf(points);
  const averageSentiment = round(mean(scores), 3);
  const sentimentDistribution = distributionOf(points);
  const trendDirection = trendDirectionOf(scores);
  return {
    averageSentiment,
    sentimentDistribution,
    trendDirection,
    confidence: trendConfidenceOf(scores),
    keyInsights: insightsOf(averageSentiment, trendDirection, sentimentDistribution, scores.length),
  };
};

const byDate = (a: SentimentPoint, b: SentimentPoint): number =>
  a.date.getTime() - b.date.getTime() || (a.conversationId < b.conversationId ? -1 : 1);

/** The points of a trend, oldest first: the latest only, the last month (organisation zone), or all. */
export const pointsInRange = (
  points: readonly SentimentPoint[],
  range: SentimentTimeRange,
  now: Date,
  zone: string,
): SentimentPoint[] => {
  const sorted = [...points].sort(byDate);
  if (range === 'lifetime') return sorted;
  if (range === 'lastCall') return sorted.slice(-1);
  const start = monthWindowStart(now, zone).getTime();
  return sorted.filter((point) => point.date.getTime() >= start);
};

export const SUMMARY_LIMITS = { conversations: 10, days: 30, recent: 5, trendGroup: 3 } as const;

/**
 * The summary's trend over analysed scores newest first: the mean of the newest group minus the mean of the
 * next one, ±0.1 (DOMAIN.md §10.1). With fewer than 6 analysed the two groups split what there is (newest
 * `floor(n/2)` against the rest, at most 3 each), so 2 to 5 points still compare recent with earlier calls.
 */
export const summaryTrendOf = (scoresNewestFirst: readonly number[]): TrendDirection => {
  const n = scoresNewestFirst.length;
  if (n < 2) return 'stable';
  const recentSize = Math.min(SUMMARY_LIMITS.trendGroup, Math.floor(n / 2));
  const recent = scoresNewestFirst.slice(0, recentSize);
  const earlier = scoresNewestFirst.slice(recentSize, recentSize + SUMMARY_LIMITS.trendGroup);
  const difference = mean(recent) - mean(earlier);
  if (difference > 0.1) return 'improving';
  if (difference < -0.1) return 'declining';
  return 'stable';
};

export interface SentimentSummaryFacts extends SentimentStatistics {
  readonly totalConversations: number;
  readonly analyzedConversations: number;
  /** Newest first, at most 5. */
  readonly recentTrend: readonly SentimentPoint[];
}

/** The summary (§4.12): the newest 10 conversations that ended in the last 30 days. */
export const summaryOf = (points: readonly SentimentPoint[], now: Date): SentimentSummaryFacts => {
  const since = now.getTime() - SUMMARY_LIMITS.days * 86_400_000;
  const newestFirst = [...points]
    .filter((point) => point.date.getTime() >= since)
    .sort((a, b) => byDate(b, a))
    .slice(0, SUMMARY_LIMITS.conversations);
  const scores = scoresOf(newestFirst);
  const averageSentiment = round(mean(scores), 3);
  const sentimentDistribution = distributionOf(newestFirst);
  const trendDirection = summaryTrendOf(scores);
  return {
    totalConversations: newestFirst.length,
    analyzedConversations: scores.length,
    averageSentiment,
    sentimentDistribution,
    trendDirection,
    confidence: round(Math.min(1, scores.length / 5), 2),
    keyInsights: insightsOf(averageSentiment, trendDirection, sentimentDistribution, scores.length),
    recentTrend: newestFirst.slice(0, SUMMARY_LIMITS.recent),
  };
};
