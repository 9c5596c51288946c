import type { StoredSentiment } from '../../../domain/conversations/conversation';
import {
  distributionOf,
  pointsInRange,
  summaryOf,
  summaryTrendOf,
  trendConfidenceOf,
  trendDirectionOf,
  trendStatisticsOf,
  type SentimentPoint,
} from '../../../domain/analysis/sentiment-trend';

const sentiment = (sentimentScore: number, overallSentiment: StoredSentiment['overallSentiment']): StoredSentiment => ({
  overallSentiment,
  sentimentScore,
  confidence: 0.5,
  patientMood: '',
  keyEmotions: [],
  concernLevel: 'low',
  satisfactionIndicators: { positive: [], negative: [] },
  summary: '',
  recommendations: '',
  fallback: true,
  analyzer: 'offline:test',
});

const point = (id: string, date: string, s: StoredSentiment | null): SentimentPoint => ({
  conversationId: id,
  date: new Date(date),
  durationSeconds: 60,
  sentiment: s,
  sentimentAnalyzedAt: s === null ? null : new Date(date),
});

describe('sentiment trend rules (§4.12)', () => {
  it('uses the least-squares slope from three points on, with the 0.02 stable band', () => {
    expect(trendDirectionOf([0, 0.01, 0.03])).toBe('stable'); // slope 0.015
    expect(trendDirectionOf([0, 0.02, 0.05])).toBe('improving'); // slope 0.025
    expect(trendDirectionOf([0.5, 0.2, -0.4])).toBe('declining');
  });

  it('uses the plain difference for two points (±0.05) and is stable for one or none', () => {
    expect(trendDirectionOf([0.1, 0.16])).toBe('improving');
    expect(trendDirectionOf([0.1, 0.15])).toBe('stable');
    expect(trendDirectionOf([0.1, 0.04])).toBe('declining');
    expect(trendDirectionOf([0.9])).toBe('stable');
    expect(trendDirectionOf([])).toBe('stable');
  });

  it('computes the confidence of n >= 3 from count and variance, capped at 0.95', () => {
    expect(trendConfidenceOf([0.5, 0.5, 0.5, 0.5])).toBe(0.25); // (4/8 + 0) / 2
    expect(trendConfidenceOf([-1, 1, -1, 1, -1, 1, -1, 1])).toBe(0.95); // (1 + 1) / 2 -> capped
    expect(trendConfidenceOf([0, 0.3, 0.6])).toBe(0.25); // (3/8 + 2·0.06) / 2 = 0.2475
  });

  it('counts the distribution with `unknown` for unanalysed points and leaves zero counts out', () => {
    const points = [
      point('a', '2026-01-01T00:00:00Z', sentiment(0.5, 'positive')),
      point('b', '2026-01-02T00:00:00Z', null),
      point('c', '2026-01-03T00:00:00Z', sentiment(0.4, 'positive')),
    ];
    expect(distributionOf(points)).toEqual({ positive: 2, unknown: 1 });
  });

  it('averages 0 (never null) with nothing analysed and gives no insights', () => {
    const stats = trendStatisticsOf([point('a', '2026-01-01T00:00:00Z', null)]);
    expect(stats).toEqual({
      averageSentiment: 0,
      sentimentDistribution: { unknown: 1 },
      trendDirection: 'stable',
      confidence: 0,
      keyInsights: [],
    });
  });

  it('names insights for a clearly negative, declining history', () => {
    const stats = trendStatisticsOf([
      point('a', '2026-01-01T00:00:00Z', sentiment(0.1, 'positive')),
      point('b', '2026-01-02T00:00:00Z', sentiment(-0.5, 'negative')),
      point('c', '2026-01-03T00:00:00Z', sentiment(-0.9, 'negative')),
    ]);
    expect(stats.averageSentiment).toBe(-0.433);
    expect(stats.keyInsights).toEqual(['generally_negative', 'trend_declining', 'more_negative_than_positive']);
  });

  it('selects the latest, the last month in the organisation zone, or everything, oldest first', () => {
    const now = new Date('2026-03-31T15:00:00Z'); // 11:00 in New York
    const points = [
      point('old', '2026-02-27T12:00:00Z', null),
      point('edge', '2026-02-28T05:30:00Z', null), // 00:30 on Feb 28 in New York: inside
      point('before', '2026-02-28T04:30:00Z', null), // 23:30 on Feb 27 in New York: outside
      point('new', '2026-03-30T12:00:00Z', null),
    ];
    expect(pointsInRange(points, 'lastCall', now, 'America/New_York').map((p) => p.conversationId)).toEqual(['new']);
    expect(pointsInRange(points, 'month', now, 'America/New_York').map((p) => p.conversationId)).toEqual([
      'edge',
      'new',
    ]);
    expect(pointsInRange(points, 'lifetime', now, 'America/New_York').map((p) => p.conversationId)).toEqual([
      'old',
      'before',
      'edge',
      'new',
    ]);
  });

  it('summarises the newest 10 of the last 30 days, comparing the newest 3 analysed with the next 3', () => {
    expect(summaryTrendOf([0.6, 0.6, 0.6, 0.2, 0.2, 0.2])).toBe('improving');
    expect(summaryTrendOf([0.2, 0.2, 0.2, 0.25, 0.25, 0.25])).toBe('stable');
    expect(summaryTrendOf([0.1])).toBe('stable');
    const now = new Date('2026-06-30T00:00:00Z');
    const points = Array.from({ length: 14 }, (_, i) =>
      point(
        `c${i}`,
        new Date(now.getTime() - (i + 1) * 86_400_000).toISOString(),
        i % 2 === 0 ? sentiment(0.2, 'positive') : null,
      ),
    );
    points.push(point('ancient', '2026-04-01T00:00:00Z', sentiment(-1, 'negative')));
    const summary = summaryOf(points, now);
    expect(summary.totalConversations).toBe(10);
    expect(summary.analyzedConversations).toBe(5);
    expect(summary.confidence).toBe(1);
    expect(summary.recentTrend.map((p) => p.conversationId)).toEqual(['c0', 'c1', 'c2', 'c3', 'c4']);
    expect(summary.averageSentiment).toBe(0.2);
  });
});
