import { IMPORTANCE_LEVELS, type Alert } from '../../domain/alerts/alert';
import { fraudAlertImportance, type FraudAbuseAnalysis } from '../../domain/analysis/fraud-abuse-analysis';
import type { AnalysisPorts } from './analysis-ports';

const DAY_MS = 86_400_000;
/** At most one fraud/abuse alert per patient per 7 days, unless the new one is more important (DOMAIN.md §10.6). */
export const FRAUD_ALERT_DEDUP_DAYS = 7;

/**
 * `RaiseAnalysisAlerts` for fraud/abuse (API-CONTRACT.md §4.14, DOMAIN.md §10.6): a `high` or `critical` risk
 * level, or physical abuse above 40, raises an `analysis_fraud_abuse` alert for the assigned caregivers that
 * requires acknowledgement (`urgent` when critical, else `high`). Its payload carries ids, scores and indicator
 * types, never the patient's words. Runs inside the caller's transaction; resolves the alert or null.
 */
export const raiseFraudAbuseAlert = async (
  ports: AnalysisPorts,
  analysis: FraudAbuseAnalysis,
): Promise<Alert | null> => {
  const importance = fraudAlertImportance(analysis);
  if (importance === null) return null;
  const now = ports.clock.now();
  const since = now.getTime() - FRAUD_ALERT_DEDUP_DAYS * DAY_MS;
  const recent = (await ports.alerts.candidatesFor(analysis.orgId, ''))
    .filter((a) => a.kind === 'analysis_fraud_abuse' && a.patientId === analysis.patientId)
    .filter((a) => a.createdAt.getTime() >= since);
  const rank = (level: Alert['importance']) => IMPORTANCE_LEVELS.indexOf(level);
  if (recent.some((a) => rank(a.importance) >= rank(importance))) return null;
  const indicators = [
    ...analysis.financialRisk.indicators,
    ...analysis.abuseRisk.indicators,
    ...analysis.relationshipRisk.indicators,
  ].map((indicator) => indicator.type);
  const alert: Alert = {
    id: ports.ids.next(),
    orgId: analysis.orgId,
    kind: 'analysis_fraud_abuse',
    alertType: 'patient',
    patientId: analysis.patientId,
    conversationId: null,
    callId: null,
    importance,
    visibility: 'assignedCaregivers',
    payload: {
      analysisId: analysis.id,
      riskLevel: analysis.riskLevel,
      overallRiskScore: analysis.overallRiskScore,
      financialRiskScore: analysis.financialRisk.riskScore,
      abuseRiskScore: analysis.abuseRisk.riskScore,
      relationshipRiskScore: analysis.relationshipRisk.riskScore,
      physicalAbuseScore: analysis.abuseRisk.physicalAbuseScore,
      indicators: [...new Set(indicators)].join(','),
    },
    message: null,
    createdBy: analysis.patientId,
    createdModel: 'Patient',
    authorCaregiverId: null,
    readBy: [],
    requiresAck: true,
    acknowledgedAt: null,
    acknowledgedBy: null,
    ackNote: null,
    escalationLevel: 0,
    escalatedAt: null,
    relevanceUntil: new Date(now.getTime() + FRAUD_ALERT_DEDUP_DAYS * DAY_MS),
    deletedAt: null,
    createdAt: now,
    updatedAt: now,
    version: 0,
  };
  await ports.alerts.insert(alert);
  return alert;
};
