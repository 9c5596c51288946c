import type { Collection, Filter } from 'mongodb';
import type { Conversation } from '../../../domain/conversations/conversation';
import { pageOf, type Page, type SortKey } from '../../../domain/shared/page';
import type {
  ConversationQuery,
  ConversationRepository,
  ConversationSortField,
} from '../../../application/ports/conversation-repository';
import { duplicateId } from '../persistence-conflicts';
import { conversationFromDocument, conversationToDocument, type ConversationDocument } from './conversation-mapper';
import { COLLECTIONS } from './mongo-collections';
import type { MongoDatabase } from './mongo-connection';
import { casFailure, writeOrConflict, type UniqueRule } from './mongo-errors';
import { findPage } from './mongo-query';
import { objectIdOrNull } from './object-ids';

const UNIQUE: readonly UniqueRule[] = [{ index: '_id_', field: '_id', conflict: () => duplicateId('Conversation') }];

/** The stored field behind each wire sort name (API-CONTRACT.md §3.3). */
const SORT_FIELDS: Readonly<Record<ConversationSortField, keyof ConversationDocument>> = {
  startTime: 'startedAt',
  endTime: 'endedAt',
  duration: 'durationSeconds',
  createdAt: 'createdAt',
};

/**
 * Conversations in `conversations`, the transcript embedded in `seq` order. Updates are compare-and-set on
 * `version`. Null sort values (a conversation not yet ended) come first ascending and last descending, as the
 * memory adapter orders them and as BSON orders null before dates and numbers.
 */
export class MongoConversationRepository implements ConversationRepository {
  constructor(private readonly db: MongoDatabase) {}

  private get conversations(): Collection<ConversationDocument> {
    return this.db.collection<ConversationDocument>(COLLECTIONS.conversations);
  }

  async findById(id: string): Promise<Conversation | null> {
    const _id = objectIdOrNull(id);
    if (_id === null) return null;
    const doc = await this.conversations.findOne({ _id }, this.db.options());
    return doc === null ? null : conversationFromDocument(doc);
  }

  listOfPatient(query: ConversationQuery): Promise<Page<Conversation>> {
    const patientId = objectIdOrNull(query.patientId);
    if (patientId === null) return Promise.resolve(pageOf<Conversation>([], query.page, query.limit));
    const filter: Filter<ConversationDocument> = { patientId, status: { $in: [...query.statuses] } };
    const sort = query.sort.map((key): SortKey<string> => ({
      field: SORT_FIELDS[key.field],
      direction: key.direction,
    }));
    return findPage(
      {
        collection: this.conversations,
        filter,
        request: { page: query.page, limit: query.limit, sort },
        session: this.db.options(),
      },
      conversationFromDocument,
    );
  }

  async insert(conversation: Conversation): Promise<void> {
    const doc = conversationToDocument(conversation);
    await writeOrConflict(() => this.conversations.insertOne(doc, this.db.options()), UNIQUE);
  }

  async update(conversation: Conversation): Promise<Conversation> {
    const saved: Conversation = { ...conversation, version: conversation.version + 1 };
    const _id = objectIdOrNull(conversation.id);
    if (_id === null) throw casFailure('Conversation', conversation.id, false);
    const doc = conversationToDocument(saved);
    const result = await writeOrConflict(
      () => this.conversations.replaceOne({ _id, version: conversation.version }, doc, this.db.options()),
      UNIQUE,
    );
    if (result.matchedCount === 0) {
      const exists = (await this.conversations.countDocuments({ _id }, { ...this.db.options(), limit: 1 })) > 0;
      throw casFailure('Conversation', conversation.id, exists);
    }
    return saved;
  }
}
