import { LISTED_STATUSES, type Conversation } from '../../domain/conversations/conversation';
import type { AccessScope } from '../../domain/identity/roles';
import type { Actor } from '../../domain/shared/actor';
import type { Page, SortKey } from '../../domain/shared/page';
import type { ConversationSortField } from '../ports/conversation-repository';
import { loadPatientForConversations } from './conversation-access';
import { recordConversationPhi } from './conversation-audit';
import type { ConversationPorts } from './conversation-ports';

export interface PatientConversationsInput {
  readonly patientId: string;
  readonly page: number;
  readonly limit: number;
  readonly sort: readonly SortKey<ConversationSortField>[];
}

/**
 * `ListPatientConversations` (DOMAIN.md §6.5 #8, `GET /patients/:id/conversations`): assigned staff, the
 * organisation's admins, superAdmins. Only conversations are listed, meaning answered calls and manual ones: a
 * call still ringing (`reserved`), unanswered (`failed`) or sent to voicemail (`machine`) is left out in the query
 * itself (RESOLUTIONS.md 32), so pages and totals agree. The read is audited with the patient's id.
 */
export class ListPatientConversations {
  constructor(private readonly ports: ConversationPorts) {}

  async execute(scope: AccessScope, input: PatientConversationsInput, actor: Actor): Promise<Page<Conversation>> {
    const { ports } = this;
    const patient = await loadPatientForConversations(ports, scope, input.patientId, 'conversation.read', actor);
    const page = await ports.conversations.listOfPatient({
      patientId: patient.id,
      statuses: LISTED_STATUSES,
      page: input.page,
      limit: input.limit,
      sort: input.sort,
    });
    await recordConversationPhi(ports, actor, 'READ', { id: 'list', orgId: patient.orgId }, [patient.id], {
      count: page.results.length,
      totalResults: page.totalResults,
    });
    return page;
  }
}
