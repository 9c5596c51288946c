import type { ObjectId } from 'mongodb';
import type {
  CallType,
  Conversation,
  ConversationCallFacts,
  ConversationQuality,
  ConversationSource,
  ConversationStatus,
  ConversationSummary,
  Message,
  MessageRole,
  MessageStatus,
  MessageType,
  StoredSentiment,
} from '../../../domain/conversations/conversation';
import { memberId, memberRef, type MemberRef } from './care-team-mapper';
import { hexOf, toObjectId } from './object-ids';

/**
 * Ids the conversation only refers to (calls, agents, line items, turns) are stored as ObjectIds when they are the
 * app's own 24-hex ids and as given otherwise: providers may name calls and turns their own way.
 */
const refOrNull = (id: string | null): MemberRef | null => (id === null ? null : memberRef(id));
const idOrNull = (ref: MemberRef | null): string | null => (ref === null ? null : memberId(ref));

/** One transcript turn as stored, embedded in its conversation in `seq` order. */
export interface MessageDocument {
  id: MemberRef;
  orgId: ObjectId;
  conversationId: MemberRef;
  seq: number;
  turnId: string;
  role: MessageRole;
  messageType: MessageType;
  status: MessageStatus;
  content: string;
  audioStartMs: number | null;
  audioEndMs: number | null;
  source: ConversationSource;
  createdAt: Date;
  updatedAt: Date;
}

export interface CallFactsDocument extends Omit<ConversationCallFacts, 'agentId' | 'lineItemId'> {
  agentId: MemberRef | null;
  lineItemId: MemberRef | null;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export interface SentimentDocument extends Omit<Mutable<StoredSentiment>, 'keyEmotions' | 'satisfactionIndicators'> {
  keyEmotions: string[];
  satisfactionIndicators: { positive: string[]; negative: string[] };
}

/**
 * A conversation as stored: `_id`, `orgId` and `patientId` are ObjectIds, instants are BSON dates, absent values
 * are `null`, the messages are embedded (the transcript belongs to the aggregate).
 */
export interface ConversationDocument {
  _id: ObjectId;
  orgId: ObjectId;
  patientId: ObjectId;
  callId: MemberRef | null;
  source: ConversationSource;
  callType: CallType;
  language: string;
  status: ConversationStatus;
  startedAt: Date | null;
  endedAt: Date | null;
  durationSeconds: number;
  messages: MessageDocument[];
  summary: Mutable<ConversationSummary> | null;
  sentiment: SentimentDocument | null;
  sentimentAnalyzedAt: Date | null;
  call: CallFactsDocument;
  quality: Mutable<ConversationQuality>;
  redacted: boolean;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

/** The message fields stored as they are (everything but the ids). */
const messageFields = (m: Message | MessageDocument) => ({
  seq: m.seq,
  turnId: m.turnId,
  role: m.role,
  messageType: m.messageType,
  status: m.status,
  content: m.content,
  audioStartMs: m.audioStartMs,
  audioEndMs: m.audioEndMs,
  source: m.source,
  createdAt: m.createdAt,
  updatedAt: m.updatedAt,
});

const messageToDocument = (m: Message): MessageDocument => ({
  id: memberRef(m.id),
  orgId: toObjectId(m.orgId, 'message orgId'),
  conversationId: memberRef(m.conversationId),
  ...messageFields(m),
});

const messageFromDocument = (doc: MessageDocument): Message => ({
  id: memberId(doc.id),
  orgId: hexOf(doc.orgId),
  conversationId: memberId(doc.conversationId),
  ...messageFields(doc),
});

/** Copies, so the stored document and the aggregate never share arrays or nested objects. */
const sentimentCopy = (s: StoredSentiment | SentimentDocument | null): SentimentDocument | null =>
  s === null
    ? null
    : {
        ...s,
        keyEmotions: [...s.keyEmotions],
        satisfactionIndicators: {
          positive: [...s.satisfactionIndicators.positive],
          negative: [...s.satisfactionIndicators.negative],
        },
      };

/** The fields stored as they are in the aggregate. */
const plainFields = (c: Conversation | ConversationDocument) => ({
  source: c.source,
  callType: c.callType,
  language: c.language,
  status: c.status,
  startedAt: c.startedAt,
  endedAt: c.endedAt,
  durationSeconds: c.durationSeconds,
  summary: c.summary === null ? null : { ...c.summary },
  sentiment: sentimentCopy(c.sentiment),
  sentimentAnalyzedAt: c.sentimentAnalyzedAt,
  quality: { ...c.quality },
  redacted: c.redacted,
  createdAt: c.createdAt,
  updatedAt: c.updatedAt,
  version: c.version,
});

export const conversationToDocument = (c: Conversation): ConversationDocument => ({
  _id: toObjectId(c.id),
  orgId: toObjectId(c.orgId, 'orgId'),
  patientId: toObjectId(c.patientId, 'patientId'),
  callId: refOrNull(c.callId),
  messages: c.messages.map(messageToDocument),
  call: { ...c.call, agentId: refOrNull(c.call.agentId), lineItemId: refOrNull(c.call.lineItemId) },
  ...plainFields(c),
});

export const conversationFromDocument = (doc: ConversationDocument): Conversation => ({
  id: hexOf(doc._id),
  orgId: hexOf(doc.orgId),
  patientId: hexOf(doc.patientId),
  callId: idOrNull(doc.callId),
  messages: doc.messages.map(messageFromDocument),
  call: { ...doc.call, agentId: idOrNull(doc.call.agentId), lineItemId: idOrNull(doc.call.lineItemId) },
  ...plainFields(doc),
});
