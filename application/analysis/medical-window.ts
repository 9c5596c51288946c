import { patientTurnsOf } from '../../domain/analysis/analysable-conversation';
import type { AnalysisWindow } from '../../domain/analysis/analysis-windows';
import { computeConversationMetrics, type ConversationMetrics } from '../../domain/analysis/conversation-metrics';
import type { AnalysisSource, AnalysisTimeRange, MedicalAnalysis } from '../../domain/analysis/medical-analysis';
import {
  automaticBaselineOf,
  BASELINE_RULES,
  type BaselinePoint,
  type MedicalBaseline,
} from '../../domain/analysis/medical-baseline';
import { analyseMedicalWindow } from '../../domain/analysis/medical-scoring';
import { prepareText } from '../../domain/analysis/text-preparation';
import type { Patient } from '../../domain/patients/patient';
import type { Actor } from '../../domain/shared/actor';
import { recordAnalysisPhi } from './analysis-audit';
import { analysableBetween, firstConversationDate, type DatedConversation } from './analysis-conversations';
import type { AnalysisPorts } from './analysis-ports';

const DAY_MS = 86_400_000;

interface WindowMetrics {
  readonly conversationCount: number;
  readonly messageCount: number;
  readonly metrics: ConversationMetrics[];
  readonly unsupported: number;
}

/** Per-conversation metrics of conversations with patient speech; the medical lexicon is English only. */
const metricsOf = (dated: readonly DatedConversation[]): WindowMetrics => {
  let conversationCount = 0;
  let messageCount = 0;
  let unsupported = 0;
  const metrics: ConversationMetrics[] = [];
  for (const { conversation, date } of dated) {
    const turns = patientTurnsOf(conversation);
    if (turns.length === 0) continue;
    conversationCount += 1;
    messageCount += turns.length;
    if (conversation.language !== 'en') {
      unsupported += 1;
      continue;
    }
    metrics.push(
      computeConversationMetrics({
        conversationId: conversation.id,
        date,
        messageCount: turns.length,
        text: prepareText(turns, 'en'),
      }),
    );
  }
  return { conversationCount, messageCount, metrics, unsupported };
};

const pointOf = (m: ConversationMetrics): BaselinePoint => ({
  date: m.date,
  values: {
    vocabularyScore: m.vocabulary.complexityScore,
    depressionScore: m.psychiatric.depressionScore,
    anxietyScore: m.psychiatric.anxietyScore,
    cognitiveScore: m.cognitive.riskScore,
    typeTokenRatio: m.vocabulary.typeTokenRatio,
    avgSentenceLength: m.vocabulary.avgSentenceLength,
  },
});

/** The baseline before `window`, recomputed from the 180 days before it and kept with any manual values. */
const refreshedBaseline = async (
  ports: AnalysisPorts,
  patient: Patient,
  window: AnalysisWindow,
  now: Date,
): Promise<MedicalBaseline | null> => {
  const from = new Date(window.start.getTime() - BASELINE_RULES.rollingDays * DAY_MS);
  const before = new Date(window.start.getTime() - 1);
  const earlier = metricsOf(await analysableBetween(ports.conversations, patient.id, from, before));
  const automatic = automaticBaselineOf(
    earlier.metrics.filter((m) => m.eligible).map(pointOf),
    window.start,
    await firstConversationDate(ports.conversations, patient.id),
    now,
  );
  const stored = await ports.baselines.findByPatient(patient.id);
  if (stored === null && automatic === null) return null;
  return {
    id: stored?.id ?? ports.ids.next(),
    orgId: patient.orgId,
    patientId: patient.id,
    automatic,
    manual: stored?.manual ?? null,
    establishedAt: stored?.establishedAt ?? now,
    updatedAt: now,
    version: stored?.version ?? 0,
  };
};

export interface MedicalRunInput {
  readonly patient: Patient;
  readonly source: AnalysisSource;
  readonly timeRange: AnalysisTimeRange;
  readonly window: AnalysisWindow;
}

/**
 * `RunMedicalAnalysis` (DOMAIN.md §10.2, §10.8 #7): the window's metrics, the refreshed baseline and the trends
 * against the previous monthly analyses; the analysis, the baseline (version + 1) and the audit entry are one
 * transaction. The caller has authorised the run.
 */
export const runMedicalAnalysis = async (
  ports: AnalysisPorts,
  input: MedicalRunInput,
  actor: Actor,
): Promise<MedicalAnalysis> => {
  const now = ports.clock.now();
  const { patient, window } = input;
  const current = metricsOf(await analysableBetween(ports.conversations, patient.id, window.start, window.end));
  const baseline = await refreshedBaseline(ports, patient, window, now);
  const monthly = await ports.medical.latestOfRange(patient.id, 'month', now, 3);
  const analysis = analyseMedicalWindow({
    id: ports.ids.next(),
    orgId: patient.orgId,
    patientId: patient.id,
    source: input.source,
    timeRange: input.timeRange,
    startDate: window.start,
    endDate: window.end,
    analysisDate: now,
    conversationCount: current.conversationCount,
    messageCount: current.messageCount,
    metrics: current.metrics,
    unsupportedConversations: current.unsupported,
    baseline,
    previousMonthly: [...monthly].reverse().map((previous) => previous.timeSeriesData),
  });
  return ports.uow.run(async () => {
    await ports.medical.insert(analysis);
    if (baseline !== null) await ports.baselines.save(baseline);
    await recordAnalysisPhi(
      ports,
      actor,
      'CREATE',
      { type: 'medicalAnalysis', id: analysis.id, orgId: patient.orgId },
      [patient.id],
      { source: analysis.source, confidence: analysis.confidence, riskLevel: analysis.riskLevel },
    );
    return analysis;
  });
};
