import type { Conversation, Message, StoredSentiment } from '../../../domain/conversations/conversation';
import { conversationViewFor } from '../../../domain/conversations/conversation-policy';
import type { ActiveRole } from '../../../domain/identity/roles';

/** MessageDTO (API-CONTRACT.md §3.8): `_id` next to `id` (§3.4), ISO timestamps. */
export interface MessageDto {
  _id: string;
  id: string;
  conversationId: string;
  seq: number;
  role: string;
  content: string;
  messageType: string;
  status: string;
  createdAt: string;
  updatedAt: string;
}

export interface SentimentDto extends Omit<StoredSentiment, 'keyEmotions' | 'satisfactionIndicators'> {
  keyEmotions: string[];
  satisfactionIndicators: { positive: string[]; negative: string[] };
}

/** ConversationDTO, care view (staff): exactly the fields of §3.8 / DOMAIN.md §6.3. */
export interface CareConversationDto {
  id: string;
  patientId: string;
  callId: string | null;
  status: string;
  startTime: string | null;
  endTime: string | null;
  duration: number;
  messages: MessageDto[];
  history: string;
  sentiment: SentimentDto | null;
  sentimentAnalyzedAt: string | null;
  callStatus: string | null;
  callOutcome: string | null;
  agentId: string | null;
  callNotes: string | null;
}

/** ConversationDTO, admin view (orgAdmin, superAdmin): everything. */
export interface AdminConversationDto extends CareConversationDto {
  callSid: string | null;
  callType: string;
  lineItemId: string | null;
  analyzedData: Record<string, never>;
  metadata: Record<string, never>;
  callStartTime: string | null;
  callEndTime: string | null;
  callDuration: number;
  cost: number | null;
  quality: { agentReconnects: number; transcriptionFailures: number; truncatedAgentTurns: number };
}

const iso = (at: Date | null): string | null => (at === null ? null : at.toISOString());

export const messageDto = (message: Message): MessageDto => ({
  _id: message.id,
  id: message.id,
  conversationId: message.conversationId,
  seq: message.seq,
  role: message.role,
  content: message.content,
  messageType: message.messageType,
  status: message.status,
  createdAt: message.createdAt.toISOString(),
  updatedAt: message.updatedAt.toISOString(),
});

const sentimentDto = (sentiment: StoredSentiment): SentimentDto => ({
  ...sentiment,
  keyEmotions: [...sentiment.keyEmotions],
  satisfactionIndicators: {
    positive: [...sentiment.satisfactionIndicators.positive],
    negative: [...sentiment.satisfactionIndicators.negative],
  },
});

/**
 * The wire status (§3.8 lists `initiated, in-progress, completed, failed, machine`): a call that is still ringing
 * (`reserved`, RESOLUTIONS.md 32) has not been answered yet, which the app knows as `initiated`.
 */
const wireStatus = (conversation: Conversation): string =>
  conversation.status === 'reserved' ? 'initiated' : conversation.status;

/** USD from integer cents, at most 2 decimals (§3.5). */
const dollars = (cents: number | null): number | null => (cents === null ? null : Math.round(cents) / 100);

/**
 * ConversationDTO in the caller's role view (minimum necessary, D5): staff get the care view, with the admin-only
 * keys absent (not null). Messages stay in transcript order. `history` is the summary text, `""` until it exists.
 */
export const conversationDto = (
  conversation: Conversation,
  viewer: ActiveRole,
): CareConversationDto | AdminConversationDto => {
  const { call } = conversation;
  const care: CareConversationDto = {
    id: conversation.id,
    patientId: conversation.patientId,
    callId: conversation.callId,
    status: wireStatus(conversation),
    startTime: iso(conversation.startedAt),
    endTime: iso(conversation.endedAt),
    duration: conversation.durationSeconds,
    messages: [...conversation.messages].sort((a, b) => a.seq - b.seq).map(messageDto),
    history: conversation.summary?.text ?? '',
    sentiment: conversation.sentiment === null ? null : sentimentDto(conversation.sentiment),
    sentimentAnalyzedAt: iso(conversation.sentimentAnalyzedAt),
    callStatus: call.callStatus,
    callOutcome: call.callOutcome,
    agentId: call.agentId,
    callNotes: call.callNotes,
  };
  if (conversationViewFor(viewer) === 'care') return care;
  return {
    ...care,
    callSid: conversation.callId,
    callType: conversation.callType,
    lineItemId: call.lineItemId,
    analyzedData: {},
    metadata: {},
    callStartTime: iso(call.callStartedAt),
    callEndTime: iso(call.callEndedAt),
    callDuration: call.callDurationSeconds,
    cost: dollars(call.costCents),
    quality: { ...conversation.quality },
  };
};
