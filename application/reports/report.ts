import type { Category, Severity } from '../../domain/emergencies/emergency-phrase';

/**
 * A generated report about one patient over a period (API-CONTRACT.md §6.3 Report, which RESOLUTIONS.md 35
 * makes the shape; the sections follow DOMAIN.md §10.7 `analysisDetails`). Computed once from stored records and
 * immutable afterwards: a new report is generated rather than an old one changed.
 */
export interface CallsSection {
  /** Every conversation of the period: calls and manual conversations. */
  readonly total: number;
  /** Calls placed by a schedule (or its retries). */
  readonly scheduled: number;
  /** Calls placed, scheduled or not. */
  readonly attempted: number;
  /** Calls the patient answered. */
  readonly answered: number;
  /** Answered calls that ended normally. */
  readonly completed: number;
  /** Calls nobody or a machine answered. */
  readonly missed: number;
  readonly manual: number;
  /** answered / attempted, 2 decimals; 0 without calls. */
  readonly answerRate: number;
  /** Minutes of conversation in answered calls, 1 decimal. */
  readonly totalMinutes: number;
}

export type Trend = 'improving' | 'stable' | 'declining';

export interface SentimentSection {
  /** Finished conversations with a stored sentiment. */
  readonly analyzed: number;
  /** Mean sentiment score (−1..1, 3 decimals); null when none was analysed. */
  readonly average: number | null;
  readonly trend: Trend;
  /** Counts per overall sentiment, plus `unknown` for finished conversations without one; zeros omitted. */
  readonly distribution: Readonly<Record<string, number>>;
}

export interface EmergenciesSection {
  readonly total: number;
  readonly bySeverity: Readonly<Record<Severity, number>>;
  readonly byCategory: Readonly<Record<Category, number>>;
  readonly acknowledged: number;
  readonly unacknowledged: number;
  readonly escalated: number;
  /** Detections set aside by a context filter or deduplication; 0 until detections are stored. */
  readonly suppressed: number;
}

export interface AlertsSection {
  readonly raised: number;
  readonly acknowledged: number;
  /** Median minutes from raising to acknowledgement (1 decimal); null when none was acknowledged. */
  readonly medianMinutesToAcknowledge: number | null;
  /** Counts per alert kind; zeros omitted. */
  readonly byKind: Readonly<Record<string, number>>;
  readonly byType: Readonly<Record<'conversation' | 'patient' | 'system', number>>;
  readonly byImportance: Readonly<Record<'low' | 'medium' | 'high' | 'urgent', number>>;
}

/** Zero-filled until the analysis issue stores analyses (RESOLUTIONS.md 31). */
export interface MedicalSection {
  readonly riskLevel: 'low' | 'medium' | 'high' | 'critical';
  readonly overallHealthScore: number;
  readonly confidence: 'high' | 'medium' | 'low' | 'none';
  readonly trends: Readonly<Record<'cognitive' | 'mentalHealth' | 'language' | 'overall', Trend>>;
  readonly warnings: readonly string[];
}

export interface FraudAbuseSection {
  readonly riskLevel: 'low' | 'medium' | 'high' | 'critical';
  readonly overallRiskScore: number;
  readonly confidence: 'high' | 'medium' | 'low' | 'none';
}

export interface ReportContent {
  readonly calls: CallsSection;
  readonly sentiment: SentimentSection;
  readonly emergencies: EmergenciesSection;
  readonly alerts: AlertsSection;
  readonly medical: MedicalSection;
  readonly fraudAbuse: FraudAbuseSection;
  readonly recommendations: readonly string[];
}

export interface Report {
  readonly id: string;
  readonly orgId: string;
  readonly patientId: string;
  readonly periodStart: Date;
  /** Exclusive: the report covers records from `periodStart` up to, not including, `periodEnd`. */
  readonly periodEnd: Date;
  readonly generatedAt: Date;
  /** The caregiver who asked for the report. */
  readonly generatedBy: string;
  readonly content: ReportContent;
}
