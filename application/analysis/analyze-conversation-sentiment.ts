import { isFinalised } from '../../domain/analysis/analysable-conversation';
import type { Conversation, StoredSentiment } from '../../domain/conversations/conversation';
import type { AccessScope } from '../../domain/identity/roles';
import type { Actor } from '../../domain/shared/actor';
import { consumeTrigger, loadConversationForAnalysis } from './analysis-access';
import { conversationNotCompleted } from './analysis-errors';
import type { AnalysisPorts } from './analysis-ports';
import { analyseAndStore } from './sentiment-points';

/**
 * `AnalyzeConversationSentiment` (API-CONTRACT.md §4.12 `POST /sentiment/conversation/:id/analyze`; DOMAIN.md
 * §10.8 #1): assigned staff, the organisation's admins, superAdmins re-run the analysis of a finalised
 * conversation (400 `Conversation not completed` otherwise); each run counts toward `analysis-trigger`.
 */
export class AnalyzeConversationSentiment {
  constructor(private readonly ports: AnalysisPorts) {}

  async execute(
    scope: AccessScope,
    conversationId: string,
    actor: Actor,
  ): Promise<{ conversation: Conversation; sentiment: StoredSentiment; analyzedAt: Date }> {
    const { ports } = this;
    const { conversation } = await loadConversationForAnalysis(ports, scope, conversationId, 'analysis.trigger', actor);
    if (!isFinalised(conversation)) throw conversationNotCompleted();
    await consumeTrigger(ports, scope);
    return analyseAndStore(ports, conversation, actor);
  }
}
