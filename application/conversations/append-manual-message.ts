import { appendManualMessage, type Conversation, type MessageRole } from '../../domain/conversations/conversation';
import type { AccessScope } from '../../domain/identity/roles';
import type { Actor } from '../../domain/shared/actor';
import { conflict, ValidationError } from '../../domain/shared/errors';
import { loadConversationFor } from './conversation-access';
import { recordConversationPhi } from './conversation-audit';
import type { ConversationPorts } from './conversation-ports';

export interface ManualMessageInput {
  readonly role: MessageRole;
  /** 1-10,000 characters. */
  readonly content: string;
}

/**
 * `AppendManualMessage` (DOMAIN.md §6.5 #10, `POST /conversations/:id`): an admin tool that appends a `final`
 * turn of type `text` with the next `seq`. It never triggers emergency detection (no event is emitted). Only a
 * manual conversation takes manual messages: a call transcript belongs to the call pipeline, so appending to one
 * is a 409 (`CONVERSATION_NOT_MANUAL`; the contract lists no error for it and the app never calls this route).
 */
export class AppendManualMessage {
  constructor(private readonly ports: ConversationPorts) {}

  async execute(
    scope: AccessScope,
    conversationId: string,
    input: ManualMessageInput,
    actor: Actor,
  ): Promise<Conversation> {
    const { ports } = this;
    const conversation = await loadConversationFor(ports, scope, conversationId, 'conversation.manage', actor);
    const messageId = ports.ids.next();
    const next = appendManualMessage(conversation, { id: messageId, ...input, now: ports.clock.now() });
    if (next === 'not_manual') {
      throw conflict('CONVERSATION_NOT_MANUAL', 'Messages can only be added to manual conversations');
    }
    if (typeof next === 'string') throw new ValidationError(['"content" length must be between 1 and 10000']);
    return ports.uow.run(async () => {
      const saved = await ports.conversations.update(next);
      await recordConversationPhi(ports, actor, 'UPDATE', { id: saved.id, orgId: saved.orgId }, [saved.patientId], {
        messageId,
        role: input.role,
      });
      return saved;
    });
  }
}
