import type { Conversation } from '../../domain/conversations/conversation';
import type { AccessScope } from '../../domain/identity/roles';
import type { Actor } from '../../domain/shared/actor';
import { loadConversationForAnalysis } from './analysis-access';
import { recordAnalysisPhi } from './analysis-audit';
import type { AnalysisPorts } from './analysis-ports';

/**
 * `GetConversationSentiment` (API-CONTRACT.md §4.12 `GET /sentiment/conversation/:id`): whoever may read the
 * conversation gets its stored sentiment (null until analysed).
 */
export class GetConversationSentiment {
  constructor(private readonly ports: AnalysisPorts) {}

  async execute(scope: AccessScope, conversationId: string, actor: Actor): Promise<Conversation> {
    const { ports } = this;
    const { conversation } = await loadConversationForAnalysis(ports, scope, conversationId, 'analysis.read', actor);
    await recordAnalysisPhi(
      ports,
      actor,
      'READ',
      { type: 'sentiment', id: conversation.id, orgId: conversation.orgId },
      [conversation.patientId],
    );
    return conversation;
  }
}
