import { AnalyseFinalisedConversation } from './analyse-finalised-conversation';
import type { AnalysisPorts } from './analysis-ports';
import { AnalyzeConversationSentiment } from './analyze-conversation-sentiment';
import { DebugSentiment } from './debug-sentiment';
import { FraudAbuseAnalyses } from './fraud-abuse-analyses';
import { GetConversationSentiment } from './get-conversation-sentiment';
import { GetMedicalTrend } from './get-medical-trend';
import { GetSentimentSummary } from './get-sentiment-summary';
import { GetSentimentTrend } from './get-sentiment-trend';
import { ListAnalysisResults } from './list-analysis-results';
import { MedicalBaselines } from './medical-baselines';
import { ReanalyzePatientSentiment } from './reanalyze-patient-sentiment';
import { TriggerAllMedicalAnalyses } from './trigger-all-medical-analyses';
import { TriggerMedicalAnalysis } from './trigger-medical-analysis';

/** Every analysis use-case over one set of ports; the HTTP adapter and the job handlers take what they need. */
export const createAnalysisUseCases = (ports: AnalysisPorts) => ({
  ports,
  sentimentTrend: new GetSentimentTrend(ports),
  sentimentSummary: new GetSentimentSummary(ports),
  conversationSentiment: new GetConversationSentiment(ports),
  analyzeConversation: new AnalyzeConversationSentiment(ports),
  reanalyzePatient: new ReanalyzePatientSentiment(ports),
  debugSentiment: new DebugSentiment(ports),
  results: new ListAnalysisResults(ports),
  medicalTrend: new GetMedicalTrend(ports),
  triggerMedical: new TriggerMedicalAnalysis(ports),
  triggerAllMedical: new TriggerAllMedicalAnalyses(ports),
  baselines: new MedicalBaselines(ports),
  fraudAbuse: new FraudAbuseAnalyses(ports),
  /** For the calls context: run when a conversation is finalised. */
  afterCall: new AnalyseFinalisedConversation(ports),
});

export type AnalysisUseCases = ReturnType<typeof createAnalysisUseCases>;
