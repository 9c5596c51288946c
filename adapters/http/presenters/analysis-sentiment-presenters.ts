import type {
  SentimentPoint,
  SentimentStatistics,
  SentimentSummaryFacts,
} from '../../../domain/analysis/sentiment-trend';
import type { Conversation, StoredSentiment } from '../../../domain/conversations/conversation';
import type { SentimentTrend } from '../../../application/analysis/get-sentiment-trend';
import { analysisText, type AnalysisLocale } from './analysis-texts';

/** SentimentAnalysis (API-CONTRACT.md §3.8): the stored result, arrays copied. */
export interface SentimentAnalysisDto {
  overallSentiment: string;
  sentimentScore: number;
  confidence: number;
  patientMood: string;
  keyEmotions: string[];
  concernLevel: string;
  satisfactionIndicators: { positive: string[]; negative: string[] };
  summary: string;
  recommendations: string;
  fallback: boolean;
  analyzer: string;
}

export const sentimentAnalysisDto = (s: StoredSentiment): SentimentAnalysisDto => ({
  overallSentiment: s.overallSentiment,
  sentimentScore: s.sentimentScore,
  confidence: s.confidence,
  patientMood: s.patientMood,
  keyEmotions: [...s.keyEmotions],
  concernLevel: s.concernLevel,
  satisfactionIndicators: {
    positive: [...s.satisfactionIndicators.positive],
    negative: [...s.satisfactionIndicators.negative],
  },
  summary: s.summary,
  recommendations: s.recommendations,
  fallback: s.fallback,
  analyzer: s.analyzer,
});

const iso = (at: Date | null): string | null => (at === null ? null : at.toISOString());

/** A trend data point: `date` is the conversation's end, `duration` in seconds. */
export const sentimentPointDto = (point: SentimentPoint) => ({
  conversationId: point.conversationId,
  date: point.date.toISOString(),
  duration: point.durationSeconds,
  sentiment: point.sentiment === null ? null : sentimentAnalysisDto(point.sentiment),
  sentimentAnalyzedAt: iso(point.sentimentAnalyzedAt),
});

const statisticsDto = (stats: SentimentStatistics, locale: AnalysisLocale) => ({
  averageSentiment: stats.averageSentiment,
  sentimentDistribution: { ...stats.sentimentDistribution },
  trendDirection: stats.trendDirection,
  confidence: stats.confidence,
  keyInsights: stats.keyInsights.map((code) => analysisText(locale, `sentiment.${code}`)),
});

/** SentimentTrend (§4.12): data points oldest first. */
export const sentimentTrendDto = (trend: SentimentTrend, locale: AnalysisLocale) => ({
  patientId: trend.patientId,
  timeRange: trend.timeRange,
  startDate: trend.startDate.toISOString(),
  endDate: trend.endDate.toISOString(),
  totalConversations: trend.totalConversations,
  analyzedConversations: trend.analyzedConversations,
  dataPoints: trend.dataPoints.map(sentimentPointDto),
  summary: statisticsDto(trend.summary, locale),
});

/** SentimentSummary (§4.12): `recentTrend` holds full data points, newest first. */
export const sentimentSummaryDto = (summary: SentimentSummaryFacts, locale: AnalysisLocale) => ({
  totalConversations: summary.totalConversations,
  analyzedConversations: summary.analyzedConversations,
  ...statisticsDto(summary, locale),
  recentTrend: summary.recentTrend.map(sentimentPointDto),
});

export const conversationSentimentDto = (conversation: Conversation) => ({
  conversationId: conversation.id,
  sentiment: conversation.sentiment === null ? null : sentimentAnalysisDto(conversation.sentiment),
  sentimentAnalyzedAt: iso(conversation.sentimentAnalyzedAt),
  hasSentimentAnalysis: conversation.sentiment !== null,
});

export const analyzedSentimentDto = (result: {
  conversation: Conversation;
  sentiment: StoredSentiment;
  analyzedAt: Date;
}) => ({
  success: true as const,
  conversationId: result.conversation.id,
  sentiment: sentimentAnalysisDto(result.sentiment),
  analyzedAt: result.analyzedAt.toISOString(),
});
