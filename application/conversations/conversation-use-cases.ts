import { AppendManualMessage } from './append-manual-message';
import type { ConversationPorts } from './conversation-ports';
import { CreateManualConversation } from './create-manual-conversation';
import { GetConversation } from './get-conversation';
import { ListPatientConversations } from './list-patient-conversations';

/** Every conversation use-case a caller reaches over HTTP, over one set of ports. */
export const createConversationUseCases = (ports: ConversationPorts) => ({
  ports,
  listOfPatient: new ListPatientConversations(ports),
  get: new GetConversation(ports),
  createManual: new CreateManualConversation(ports),
  appendManual: new AppendManualMessage(ports),
});

export type ConversationUseCases = ReturnType<typeof createConversationUseCases>;
