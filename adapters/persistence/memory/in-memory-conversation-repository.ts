import type { Conversation } from '../../../domain/conversations/conversation';
import { conflict } from '../../../domain/shared/errors';
import { pageOf, sortBy, type Page } from '../../../domain/shared/page';
import type {
  ConversationQuery,
  ConversationRepository,
  ConversationSortField,
} from '../../../application/ports/conversation-repository';
import type { MemoryDatabase } from './memory-database';
import { settle } from './settle';
import { bumpVersion } from './version-check';

const sortValue = (conversation: Conversation, field: ConversationSortField): Date | number | null => {
  switch (field) {
    case 'startTime':
      return conversation.startedAt;
    case 'endTime':
      return conversation.endedAt;
    case 'duration':
      return conversation.durationSeconds;
    case 'createdAt':
      return conversation.createdAt;
  }
};

/** Conversations of the embedded store (collection `conversations`), messages embedded in `seq` order. */
export class InMemoryConversationRepository implements ConversationRepository {
  constructor(private readonly db: MemoryDatabase) {}

  private get conversations() {
    return this.db.collection<Conversation>('conversations');
  }

  findById(id: string): Promise<Conversation | null> {
    return Promise.resolve(this.conversations.get(id) ?? null);
  }

  listOfPatient(query: ConversationQuery): Promise<Page<Conversation>> {
    const statuses = new Set(query.statuses);
    const matching = this.conversations.find((c) => c.patientId === query.patientId && statuses.has(c.status));
    return Promise.resolve(pageOf(sortBy(matching, query.sort, sortValue), query.page, query.limit));
  }

  // Every refusal is a rejected promise, as from a real store (never a synchronous throw).
  insert(conversation: Conversation): Promise<void> {
    return settle(() => {
      if (this.conversations.get(conversation.id) !== undefined) {
        throw conflict('DUPLICATE_ID', 'Conversation already exists');
      }
      this.conversations.put(conversation);
    });
  }

  update(conversation: Conversation): Promise<Conversation> {
    return settle(() => {
      const saved = bumpVersion(this.conversations.get(conversation.id), conversation, 'Conversation');
      this.conversations.put(saved);
      return saved;
    });
  }
}
