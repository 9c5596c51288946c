import { isFinalised, patientTurnsOf } from '../../domain/analysis/analysable-conversation';
import { thirtyDaysEnding } from '../../domain/analysis/analysis-windows';
import { systemActor, type Actor } from '../../domain/shared/actor';
import type { AnalysisPorts } from './analysis-ports';
import { runFraudAbuseAnalysis } from './fraud-window';
import { runMedicalAnalysis } from './medical-window';
import { analyseAndStore } from './sentiment-points';

export type StepOutcome = 'done' | 'skipped' | 'failed';

export interface PostCallOutcome {
  readonly sentiment: StepOutcome;
  readonly medical: StepOutcome;
  readonly fraudAbuse: StepOutcome;
}

/**
 * The post-call analyses (DOMAIN.md §6.3 FinalizeConversation steps 2-3, §10.2 `ConversationFinalized`): the
 * conversation's sentiment if it has patient speech and none yet, then the medical and fraud/abuse analyses of the
 * 30 days ending at its end (`custom`, `post_call`). For the calls context to run when it finalises a
 * conversation; each step is independent, and a failure is logged and reported, never thrown.
 */
export class AnalyseFinalisedConversation {
  constructor(private readonly ports: AnalysisPorts) {}

  private async step(name: string, conversationId: string, work: () => Promise<StepOutcome>): Promise<StepOutcome> {
    try {
      return await work();
    } catch (error) {
      this.ports.logger.warn({ err: error, conversationId, step: name }, 'post-call analysis step failed');
      return 'failed';
    }
  }

  async execute(conversationId: string, actor: Actor = systemActor): Promise<PostCallOutcome> {
    const { ports } = this;
    const conversation = await ports.conversations.findById(conversationId);
    const patient = conversation === null ? null : await ports.patients.findById(conversation.patientId);
    if (conversation === null || patient === null || !isFinalised(conversation) || conversation.endedAt === null) {
      return { sentiment: 'skipped', medical: 'skipped', fraudAbuse: 'skipped' };
    }
    const hasSpeech = patientTurnsOf(conversation).length > 0;
    const window = thirtyDaysEnding(conversation.endedAt);
    const run = { patient, source: 'post_call', timeRange: 'custom', window } as const;
    return {
      sentiment: await this.step('sentiment', conversationId, async () => {
        if (!hasSpeech || conversation.sentiment !== null) return 'skipped';
        await analyseAndStore(ports, conversation, actor);
        return 'done';
      }),
      medical: await this.step('medical', conversationId, async () => {
        await runMedicalAnalysis(ports, run, actor);
        return 'done';
      }),
      fraudAbuse: await this.step('fraudAbuse', conversationId, async () => {
        await runFraudAbuseAnalysis(ports, run, actor);
        return 'done';
      }),
    };
  }
}
