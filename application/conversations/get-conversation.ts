import { isTerminal, type Conversation } from '../../domain/conversations/conversation';
import type { AccessScope } from '../../domain/identity/roles';
import type { Actor } from '../../domain/shared/actor';
import { loadConversationFor } from './conversation-access';
import { recordConversationPhi } from './conversation-audit';
import type { ConversationPorts } from './conversation-ports';

/**
 * `GetConversation` (DOMAIN.md §6.5 #7, `GET /conversations/:id`): one conversation with its ordered messages,
 * for assigned staff, the organisation's admins and superAdmins. It answers in every status, `reserved` included,
 * so the Call screen's poll never gets a 404 while the phone rings (RESOLUTIONS.md 2, 32).
 *
 * Idle timeout (API-CONTRACT.md §2.6): the route authenticates passively, because whether the poll counts as
 * activity depends on the record. Here, once the caller is allowed to see it, a conversation that is still live
 * (not terminal) moves the session's last activity; a terminal one leaves it alone.
 */
export class GetConversation {
  constructor(private readonly ports: ConversationPorts) {}

  async execute(scope: AccessScope, conversationId: string, actor: Actor): Promise<Conversation> {
    const { ports } = this;
    const conversation = await loadConversationFor(ports, scope, conversationId, 'conversation.read', actor);
    await recordConversationPhi(ports, actor, 'READ', { id: conversation.id, orgId: conversation.orgId }, [
      conversation.patientId,
    ]);
    if (!isTerminal(conversation.status) && actor.sessionId !== undefined) {
      await ports.sessions.touch(actor.sessionId, ports.clock.now());
    }
    return conversation;
  }
}
