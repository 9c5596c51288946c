import type { Conversation, ConversationStatus } from '../../domain/conversations/conversation';
import type { Page, PageRequest } from '../../domain/shared/page';

/** The sortable fields of `GET /patients/:id/conversations` (API-CONTRACT.md §3.3), in wire names. */
export type ConversationSortField = 'startTime' | 'endTime' | 'duration' | 'createdAt';

export interface ConversationQuery extends PageRequest<ConversationSortField> {
  readonly patientId: string;
  /** Only conversations in one of these statuses (the list leaves out reserved, failed and machine). */
  readonly statuses: readonly ConversationStatus[];
}

/**
 * Conversations with their messages (the transcript is part of the aggregate, in `seq` order). Updates are
 * compare-and-set on `version` (`STALE_VERSION` conflict on mismatch).
 */
export interface ConversationRepository {
  findById(id: string): Promise<Conversation | null>;
  /** A patient's conversations, sorted by the query's keys (ties by id ascending) and paginated. */
  listOfPatient(query: ConversationQuery): Promise<Page<Conversation>>;
  insert(conversation: Conversation): Promise<void>;
  /** Stores `conversation` if the stored version still equals `conversation.version`; resolves the saved record. */
  update(conversation: Conversation): Promise<Conversation>;
}
