import { ALERT_TYPES, IMPORTANCE_LEVELS, type Alert } from '../../domain/alerts/alert';
import { CATEGORIES, SEVERITIES, type Category, type Severity } from '../../domain/emergencies/emergency-phrase';
import type { Conversation } from '../../domain/conversations/conversation';
import type {
  AlertsSection,
  CallsSection,
  EmergenciesSection,
  FraudAbuseSection,
  MedicalSection,
  ReportContent,
  SentimentSection,
  Trend,
} from './report';
import { recommendationsFor } from './report-recommendations';

/**
 * The content of a report, computed from the stored records of its period (API-CONTRACT.md §6.3): pure, so the
 * same records always give the same report. Analyses that nothing stores yet are zero-filled with confidence
 * `none` (RESOLUTIONS.md 31).
 */
const round = (value: number, decimals: number): number => {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
};

const zeros = <K extends string>(keys: readonly K[]): Record<K, number> =>
  Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;

const countBy = <T>(items: readonly T[], keyOf: (item: T) => string | null): Record<string, number> => {
  const counts: Record<string, number> = {};
  for (const item of items) {
    const key = keyOf(item);
    if (key !== null) counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
};

const median = (values: readonly number[]): number | null => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

export const callsSection = (conversations: readonly Conversation[]): CallsSection => {
  const calls = conversations.filter((c) => c.source === 'call');
  const answered = calls.filter((c) => c.status === 'in-progress' || c.status === 'completed');
  const seconds = answered.reduce((sum, c) => sum + c.durationSeconds, 0);
  return {
    total: conversations.length,
    scheduled: calls.filter((c) => c.callType === 'wellness-check').length,
    attempted: calls.length,
    answered: answered.length,
    completed: calls.filter((c) => c.status === 'completed').length,
    missed: calls.filter((c) => c.status === 'failed' || c.status === 'machine').length,
    manual: conversations.length - calls.length,
    answerRate: calls.length === 0 ? 0 : round(answered.length / calls.length, 2),
    totalMinutes: round(seconds / 60, 1),
  };
};

/** DOMAIN.md §10.1 `trendDirection`: least squares from 3 points, the difference of 2, stable below. */
export const trendOf = (scores: readonly number[]): Trend => {
  const n = scores.length;
  if (n <= 1) return 'stable';
  if (n === 2) {
    const difference = (scores[1] ?? 0) - (scores[0] ?? 0);
    return difference > 0.05 ? 'improving' : difference < -0.05 ? 'declining' : 'stable';
  }
  const meanX = (n - 1) / 2;
  const meanY = scores.reduce((a, b) => a + b, 0) / n;
  let numerator = 0;
  let denominator = 0;
  scores.forEach((y, x) => {
    numerator += (x - meanX) * (y - meanY);
    denominator += (x - meanX) ** 2;
  });
  const slope = numerator / denominator;
  return Math.abs(slope) < 0.02 ? 'stable' : slope > 0 ? 'improving' : 'declining';
};

export const sentimentSection = (conversations: readonly Conversation[]): SentimentSection => {
  const finished = conversations
    .filter((c) => c.status === 'completed' && c.endedAt !== null)
    .sort((a, b) => (a.endedAt?.getTime() ?? 0) - (b.endedAt?.getTime() ?? 0) || (a.id < b.id ? -1 : 1));
  const scores = finished.flatMap((c) => (c.sentiment === null ? [] : [c.sentiment.sentimentScore]));
  return {
    analyzed: scores.length,
    average: scores.length === 0 ? null : round(scores.reduce((a, b) => a + b, 0) / scores.length, 3),
    trend: trendOf(scores),
    distribution: countBy(finished, (c) => c.sentiment?.overallSentiment ?? 'unknown'),
  };
};

const IMPORTANCE_SEVERITY: Readonly<Record<string, Severity>> = { urgent: 'CRITICAL', high: 'HIGH' };

/** An emergency alert's severity: its payload's, else the one its importance stands for (§7.3.8 mapping). */
const severityOf = (alert: Alert): Severity => {
  const stated = alert.payload['severity'];
  if (typeof stated === 'string' && (SEVERITIES as readonly string[]).includes(stated)) return stated as Severity;
  return IMPORTANCE_SEVERITY[alert.importance] ?? 'MEDIUM';
};

const categoryOf = (alert: Alert): Category | null => {
  const stated = alert.payload['category'];
  return typeof stated === 'string' && (CATEGORIES as readonly string[]).includes(stated) ? (stated as Category) : null;
};

export const emergenciesSection = (alerts: readonly Alert[]): EmergenciesSection => {
  const emergencies = alerts.filter((a) => a.kind === 'emergency');
  const bySeverity = zeros(SEVERITIES);
  const byCategory = zeros(CATEGORIES);
  for (const alert of emergencies) {
    bySeverity[severityOf(alert)] += 1;
    const category = categoryOf(alert);
    if (category !== null) byCategory[category] += 1;
  }
  const acknowledged = emergencies.filter((a) => a.acknowledgedAt !== null).length;
  return {
    total: emergencies.length,
    bySeverity,
    byCategory,
    acknowledged,
    unacknowledged: emergencies.length - acknowledged,
    escalated: emergencies.filter((a) => a.escalationLevel >= 1).length,
    suppressed: 0,
  };
};

export const alertsSection = (alerts: readonly Alert[]): AlertsSection => {
  const acknowledged = alerts.filter((a) => a.acknowledgedAt !== null);
  const minutes = acknowledged.map((a) => ((a.acknowledgedAt?.getTime() ?? 0) - a.createdAt.getTime()) / 60_000);
  const typical = median(minutes);
  return {
    raised: alerts.length,
    acknowledged: acknowledged.length,
    medianMinutesToAcknowledge: typical === null ? null : round(typical, 1),
    byKind: countBy(alerts, (a) => a.kind),
    byType: { ...zeros(ALERT_TYPES), ...countBy(alerts, (a) => a.alertType) },
    byImportance: { ...zeros(IMPORTANCE_LEVELS), ...countBy(alerts, (a) => a.importance) },
  };
};

export const NO_MEDICAL_ANALYSIS: MedicalSection = {
  riskLevel: 'low',
  overallHealthScore: 0,
  confidence: 'none',
  trends: { cognitive: 'stable', mentalHealth: 'stable', language: 'stable', overall: 'stable' },
  warnings: ['insufficient data'],
};

export const NO_FRAUD_ABUSE_ANALYSIS: FraudAbuseSection = { riskLevel: 'low', overallRiskScore: 0, confidence: 'none' };

/** The whole content from the period's conversations and the alerts about the patient raised in it. */
export const buildReportContent = (conversations: readonly Conversation[], alerts: readonly Alert[]): ReportContent => {
  const sections = {
    calls: callsSection(conversations),
    sentiment: sentimentSection(conversations),
    emergencies: emergenciesSection(alerts),
    alerts: alertsSection(alerts),
    medical: NO_MEDICAL_ANALYSIS,
    fraudAbuse: NO_FRAUD_ABUSE_ANALYSIS,
  };
  return { ...sections, recommendations: recommendationsFor(sections) };
};
