import { patientTurnsOf } from '../../domain/analysis/analysable-conversation';
import type { AnalysisWindow } from '../../domain/analysis/analysis-windows';
import { ELIGIBLE_TOKENS } from '../../domain/analysis/conversation-metrics';
import { analyseFraudAbuseWindow, type FraudAbuseAnalysis } from '../../domain/analysis/fraud-abuse-analysis';
import { fraudCountsOf, type FraudCounts } from '../../domain/analysis/fraud-counts';
import { confidenceOf, type AnalysisSource, type AnalysisTimeRange } from '../../domain/analysis/medical-analysis';
import { prepareText } from '../../domain/analysis/text-preparation';
import type { Patient } from '../../domain/patients/patient';
import type { Actor } from '../../domain/shared/actor';
import { recordAnalysisPhi } from './analysis-audit';
import { analysableBetween } from './analysis-conversations';
import type { AnalysisPorts } from './analysis-ports';
import { raiseFraudAbuseAlert } from './fraud-alert';

export interface FraudRunInput {
  readonly patient: Patient;
  readonly source: AnalysisSource;
  readonly timeRange: AnalysisTimeRange;
  readonly window: AnalysisWindow;
}

/**
 * `RunFraudAbuseAnalysis` (DOMAIN.md §10.5, §10.8 #13): counts per conversation of the window (English lexicon),
 * summed and scored, compared with the previous analysis whose window ended before this one started. The analysis,
 * its alert (§10.6) and the audit entry are one transaction. The caller has authorised the run.
 */
export const runFraudAbuseAnalysis = async (
  ports: AnalysisPorts,
  input: FraudRunInput,
  actor: Actor,
): Promise<FraudAbuseAnalysis> => {
  const { patient, window } = input;
  const dated = await analysableBetween(ports.conversations, patient.id, window.start, window.end);
  const counts: FraudCounts[] = [];
  let conversationCount = 0;
  let messageCount = 0;
  let totalWords = 0;
  let chars = 0;
  let eligible = 0;
  let unsupported = 0;
  for (const { conversation, date } of dated) {
    const turns = patientTurnsOf(conversation);
    if (turns.length === 0) continue;
    conversationCount += 1;
    messageCount += turns.length;
    if (conversation.language !== 'en') {
      unsupported += 1;
      continue;
    }
    const text = prepareText(turns, 'en');
    totalWords += text.tokenCount;
    chars += text.charCount;
    if (text.tokenCount >= ELIGIBLE_TOKENS) eligible += 1;
    counts.push(fraudCountsOf(conversation.id, date, text));
  }
  const analysis = analyseFraudAbuseWindow({
    id: ports.ids.next(),
    orgId: patient.orgId,
    patientId: patient.id,
    source: input.source,
    timeRange: input.timeRange,
    startDate: window.start,
    endDate: window.end,
    analysisDate: ports.clock.now(),
    conversationCount,
    messageCount,
    totalWords,
    confidence: confidenceOf(chars, eligible),
    counts,
    unsupportedConversations: unsupported,
    previous: await ports.fraud.latestEndingBefore(patient.id, window.start),
  });
  return ports.uow.run(async () => {
    await ports.fraud.insert(analysis);
    const alert = await raiseFraudAbuseAlert(ports, analysis);
    await recordAnalysisPhi(
      ports,
      actor,
      'CREATE',
      { type: 'fraudAbuseAnalysis', id: analysis.id, orgId: patient.orgId },
      [patient.id],
      { source: analysis.source, riskLevel: analysis.riskLevel, alertId: alert?.id ?? null },
    );
    return analysis;
  });
};
