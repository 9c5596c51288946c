import { isFinalised, patientTurnsOf } from '../../domain/analysis/analysable-conversation';
import type { AccessScope } from '../../domain/identity/roles';
import { systemActor, type Actor } from '../../domain/shared/actor';
import type { ScheduledJob } from '../ports/job-scheduler';
import { consumeTrigger, loadPatientForAnalysis } from './analysis-access';
import { recordAnalysisPhi } from './analysis-audit';
import { finalisedConversations } from './analysis-conversations';
import type { AnalysisPorts } from './analysis-ports';
import { ANALYSIS_JOBS } from './analysis-tokens';
import { analyseAndStore } from './sentiment-points';

/** Batch re-runs: 5 conversations at a time, a second between batches (DOMAIN.md §10.1). */
export const SENTIMENT_BATCH = { size: 5, pauseMs: 1000 } as const;

/**
 * `ReanalyzeSentimentBatch` (API-CONTRACT.md §6.3 `POST /sentiment/patient/:id/reanalyze`; DOMAIN.md §10.8 #2):
 * the organisation's admins and superAdmins queue the patient's finalised conversations with patient speech
 * (only those without sentiment unless `force`) as jobs of 5, one second apart. Counts toward `analysis-trigger`.
 */
export class ReanalyzePatientSentiment {
  constructor(private readonly ports: AnalysisPorts) {}

  async execute(scope: AccessScope, patientId: string, force: boolean, actor: Actor): Promise<{ queued: number }> {
    const { ports } = this;
    const resource = { type: 'sentiment', id: null } as const;
    const patient = await loadPatientForAnalysis(ports, scope, patientId, 'analysis.admin', resource, actor);
    await consumeTrigger(ports, scope);
    const ids = (await finalisedConversations(ports.conversations, patient.id))
      .filter((c) => patientTurnsOf(c).length > 0 && (force || c.sentiment === null))
      .map((c) => c.id);
    const batchId = ports.ids.next();
    const now = ports.clock.now().getTime();
    for (let index = 0; index * SENTIMENT_BATCH.size < ids.length; index += 1) {
      await ports.jobs.schedule({
        key: `analysis-sentiment:${batchId}:${index}`,
        name: ANALYSIS_JOBS.sentimentBatch,
        runAt: new Date(now + index * SENTIMENT_BATCH.pauseMs),
        payload: {
          conversationIds: ids.slice(index * SENTIMENT_BATCH.size, (index + 1) * SENTIMENT_BATCH.size).join(','),
          force,
        },
      });
    }
    await recordAnalysisPhi(ports, actor, 'UPDATE', { ...resource, id: batchId, orgId: patient.orgId }, [patient.id], {
      count: ids.length,
      force,
    });
    return { queued: ids.length };
  }

  /**
   * One queued batch, run by the system: each conversation is re-read and analysed if it is still finalised
   * (and still without sentiment unless forced); one failure does not stop the others.
   */
  async runBatch(job: ScheduledJob): Promise<{ analysed: number; failed: number }> {
    const { ports } = this;
    const ids = String(job.payload['conversationIds'] ?? '')
      .split(',')
      .filter((id) => id !== '');
    const force = job.payload['force'] === true;
    let analysed = 0;
    let failed = 0;
    for (const id of ids) {
      const conversation = await ports.conversations.findById(id);
      if (conversation === null || !isFinalised(conversation) || (!force && conversation.sentiment !== null)) continue;
      try {
        await analyseAndStore(ports, conversation, { ...systemActor, requestId: job.key });
        analysed += 1;
      } catch (error) {
        failed += 1;
        ports.logger.warn({ err: error, conversationId: id, jobKey: job.key }, 'sentiment re-run failed');
      }
    }
    return { analysed, failed };
  }
}
