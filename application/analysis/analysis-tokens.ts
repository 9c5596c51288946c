/** Injection tokens of the analysis context (plain symbols, like application/ports/tokens.ts). */
export const ANALYSIS_TOKENS = {
  Ports: Symbol.for('analysis.Ports'),
  UseCases: Symbol.for('analysis.UseCases'),
  MedicalAnalysisRepository: Symbol.for('analysis.MedicalAnalysisRepository'),
  FraudAbuseAnalysisRepository: Symbol.for('analysis.FraudAbuseAnalysisRepository'),
  MedicalBaselineRepository: Symbol.for('analysis.MedicalBaselineRepository'),
  RunLog: Symbol.for('analysis.RunLog'),
} as const;

/** Job names of the analysis context (JobScheduler.define). */
export const ANALYSIS_JOBS = {
  medicalPatient: 'analysis.medical-patient',
  sentimentBatch: 'analysis.sentiment-batch',
} as const;
