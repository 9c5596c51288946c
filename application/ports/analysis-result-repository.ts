import type { FraudAbuseAnalysis } from '../../domain/analysis/fraud-abuse-analysis';
import type { MedicalAnalysis, AnalysisTimeRange } from '../../domain/analysis/medical-analysis';
import type { MedicalBaseline } from '../../domain/analysis/medical-baseline';

/**
 * Stored analysis results (DOMAIN.md §10.10): medical and fraud/abuse analyses (immutable once stored) and the
 * one active medical baseline per patient. Sentiment is not here: it is stored on its Conversation (DOMAIN.md
 * §10.1), so the ConversationDTO and the sentiment endpoints always agree. Lists are newest first by
 * `analysisDate`, ties by id descending. Writes join the ambient transaction.
 */
export interface MedicalAnalysisRepository {
  insert(analysis: MedicalAnalysis): Promise<void>;
  findById(id: string): Promise<MedicalAnalysis | null>;
  /** The patient's newest analyses, at most `limit`. */
  latestOfPatient(patientId: string, limit: number): Promise<readonly MedicalAnalysis[]>;
  /** The patient's analyses with `from <= analysisDate <= to`, oldest first. */
  ofPatientBetween(patientId: string, from: Date, to: Date): Promise<readonly MedicalAnalysis[]>;
  /** The patient's newest analyses of `timeRange` made before `before`, at most `limit`. */
  latestOfRange(
    patientId: string,
    timeRange: AnalysisTimeRange,
    before: Date,
    limit: number,
  ): Promise<readonly MedicalAnalysis[]>;
}

export interface FraudAbuseReuseQuery {
  readonly patientId: string;
  readonly timeRange: AnalysisTimeRange;
  /** Made at or after this instant. */
  readonly since: Date;
  /** For `custom` windows: the exact window; other ranges match on `timeRange` alone (their window rolls). */
  readonly window?: { readonly start: Date; readonly end: Date };
}

export interface FraudAbuseAnalysisRepository {
  insert(analysis: FraudAbuseAnalysis): Promise<void>;
  findById(id: string): Promise<FraudAbuseAnalysis | null>;
  latestOfPatient(patientId: string, limit: number): Promise<readonly FraudAbuseAnalysis[]>;
  /** The newest analysis the 24-hour reuse rule may answer with, or null. */
  findReusable(query: FraudAbuseReuseQuery): Promise<FraudAbuseAnalysis | null>;
  /** The patient's newest analysis whose window ended before `before` (what a new one is compared with). */
  latestEndingBefore(patientId: string, before: Date): Promise<FraudAbuseAnalysis | null>;
}

/** One baseline per patient; `save` inserts version 1 or replaces under compare-and-set on `version`. */
export interface MedicalBaselineRepository {
  findByPatient(patientId: string): Promise<MedicalBaseline | null>;
  /** Stores `baseline` (its `version` is the one read, 0 when new); resolves the saved one (version + 1). */
  save(baseline: MedicalBaseline): Promise<MedicalBaseline>;
}
