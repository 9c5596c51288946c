import { analysisDateOf, isFinalised } from '../../domain/analysis/analysable-conversation';
import type { Conversation } from '../../domain/conversations/conversation';
import type { ConversationRepository } from '../ports/conversation-repository';

/**
 * Reads the conversations analyses work on through the conversations context's repository (its paged patient
 * list): finalised calls by end time, and manual conversations by their last patient message.
 */
const PAGE = 100;

export interface DatedConversation {
  readonly conversation: Conversation;
  readonly date: Date;
}

/** Every finalised conversation of the patient, oldest first (by end time). */
export const finalisedConversations = async (
  conversations: ConversationRepository,
  patientId: string,
): Promise<Conversation[]> => {
  const all: Conversation[] = [];
  for (let page = 1; ; page += 1) {
    const found = await conversations.listOfPatient({
      patientId,
      statuses: ['completed'],
      page,
      limit: PAGE,
      sort: [{ field: 'endTime', direction: 'asc' }],
    });
    all.push(...found.results.filter(isFinalised));
    if (page >= found.totalPages) return all;
  }
};

/** Finalised conversations that ended at or after `from`, newest first, read page by page until older ones. */
const finalisedSince = async (
  conversations: ConversationRepository,
  patientId: string,
  from: Date,
): Promise<Conversation[]> => {
  const found: Conversation[] = [];
  for (let page = 1; ; page += 1) {
    const batch = await conversations.listOfPatient({
      patientId,
      statuses: ['completed'],
      page,
      limit: PAGE,
      sort: [{ field: 'endTime', direction: 'desc' }],
    });
    for (const conversation of batch.results) {
      if (conversation.endedAt !== null && conversation.endedAt.getTime() < from.getTime()) return found;
      found.push(conversation);
    }
    if (page >= batch.totalPages) return found;
  }
};

const manualConversations = async (
  conversations: ConversationRepository,
  patientId: string,
): Promise<Conversation[]> => {
  const all: Conversation[] = [];
  for (let page = 1; ; page += 1) {
    const batch = await conversations.listOfPatient({
      patientId,
      statuses: ['initiated'],
      page,
      limit: PAGE,
      sort: [{ field: 'createdAt', direction: 'asc' }],
    });
    all.push(...batch.results.filter((conversation) => conversation.source === 'manual'));
    if (page >= batch.totalPages) return all;
  }
};

/** Analysable conversations dated in `[from, to]`, oldest first (ties by id). */
export const analysableBetween = async (
  conversations: ConversationRepository,
  patientId: string,
  from: Date,
  to: Date,
): Promise<DatedConversation[]> => {
  const candidates = [
    ...(await finalisedSince(conversations, patientId, from)),
    ...(await manualConversations(conversations, patientId)),
  ];
  const dated: DatedConversation[] = [];
  for (const conversation of candidates) {
    const date = analysisDateOf(conversation);
    if (date !== null && date.getTime() >= from.getTime() && date.getTime() <= to.getTime()) {
      dated.push({ conversation, date });
    }
  }
  return dated.sort((a, b) => a.date.getTime() - b.date.getTime() || (a.conversation.id < b.conversation.id ? -1 : 1));
};

/** When the patient's first analysable conversation happened, or null (the baseline's initial/rolling switch). */
export const firstConversationDate = async (
  conversations: ConversationRepository,
  patientId: string,
): Promise<Date | null> => {
  const first = await conversations.listOfPatient({
    patientId,
    statuses: ['completed'],
    page: 1,
    limit: 1,
    sort: [{ field: 'endTime', direction: 'asc' }],
  });
  const manual = (await manualConversations(conversations, patientId)).map(analysisDateOf);
  const dates = [first.results[0]?.endedAt ?? null, ...manual].filter((date): date is Date => date !== null);
  return dates.length === 0 ? null : new Date(Math.min(...dates.map((date) => date.getTime())));
};
