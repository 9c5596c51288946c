import { createManualConversation, type Conversation } from '../../domain/conversations/conversation';
import type { AccessScope } from '../../domain/identity/roles';
import type { Actor } from '../../domain/shared/actor';
import { loadPatientForConversations } from './conversation-access';
import { recordConversationPhi } from './conversation-audit';
import type { ConversationPorts } from './conversation-ports';

/**
 * `CreateManualConversation` (DOMAIN.md §6.5 #9, `POST /conversations/patient/:patientId`): an admin tool for the
 * organisation's admins and superAdmins. Creates an empty `initiated` conversation with no call, in the patient's
 * language; the record and its audit entry are one transaction.
 */
export class CreateManualConversation {
  constructor(private readonly ports: ConversationPorts) {}

  async execute(scope: AccessScope, patientId: string, actor: Actor): Promise<Conversation> {
    const { ports } = this;
    const patient = await loadPatientForConversations(ports, scope, patientId, 'conversation.manage', actor);
    const conversation = createManualConversation({
      id: ports.ids.next(),
      orgId: patient.orgId,
      patientId: patient.id,
      language: patient.preferredLanguage,
      now: ports.clock.now(),
    });
    return ports.uow.run(async () => {
      await ports.conversations.insert(conversation);
      await recordConversationPhi(ports, actor, 'CREATE', { id: conversation.id, orgId: conversation.orgId }, [
        patient.id,
      ]);
      return conversation;
    });
  }
}
