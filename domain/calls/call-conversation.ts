import {
  CONVERSATION_LIMITS,
  answerConversation,
  endConversation,
  isTerminal,
  type CallEnd,
  type Conversation,
  type Message,
  type MessageStatus,
} from '../conversations/conversation';
import { isTerminalCall, type Call } from './call';
import { projectCall } from './call-projection';

/**
 * How a call's progress shows on its pre-created conversation (RESOLUTIONS.md 32, API-CONTRACT.md §4.11): the
 * conversation status and the call facts the ConversationDTO carries follow the call's client projection, so the
 * call poll and the conversation poll never disagree. Answer and end go through the conversations context's own
 * transitions, then the call facts are laid over them (the duration is the call's, rounded up, DOMAIN.md §5.1).
 */
const END_OF: Readonly<Record<string, CallEnd>> = {
  completed: 'answered',
  'no-answer': 'no_answer',
  busy: 'busy',
  failed: 'failed',
  voicemail: 'voicemail',
  cancelled: 'failed',
};

/** Rating works in millicents; the conversation shows cents (DOMAIN.md §1.1 Money), rounded half up. */
export const centsOf = (millicents: number): number => Math.floor((millicents + 500) / 1000);

export const conversationForCall = (conversation: Conversation, call: Call, now: Date): Conversation => {
  let next = conversation;
  if (call.answeredAt !== null && next.status === 'reserved') {
    const answered = answerConversation(next, call.answeredAt);
    if (typeof answered !== 'string') next = answered;
  }
  if (isTerminalCall(call.status) && !isTerminal(next.status)) {
    const closed = endConversation(next, call.endedAt ?? now, END_OF[call.status] ?? 'failed');
    if (typeof closed !== 'string') next = closed;
  }
  const projection = projectCall(call.status);
  const completed = call.status === 'completed';
  return {
    ...next,
    status: projection.conversationStatus,
    startedAt: call.answeredAt ?? next.startedAt,
    endedAt: completed ? call.endedAt : null,
    durationSeconds: completed ? call.durationSeconds : 0,
    call: {
      ...next.call,
      callStatus: projection.callStatus,
      callOutcome: projection.callOutcome,
      callStartedAt: call.answeredAt,
      callEndedAt: call.endedAt,
      callDurationSeconds: call.durationSeconds,
      costCents: call.lineItemId === null ? next.call.costCents : centsOf(call.costMillicents),
      lineItemId: call.lineItemId,
    },
    updatedAt: now,
  };
};

/** One turn of the live call, as the agent reported it (`itemId` makes recording idempotent). */
export interface CallTurn {
  readonly messageId: string;
  readonly itemId: string;
  readonly role: 'assistant' | 'patient';
  readonly status: Extract<MessageStatus, 'final' | 'truncated'>;
  readonly text: string;
  readonly at: Date;
}

export type TurnProblem = 'duplicate' | 'not_live';

/** A truncated assistant turn keeps what was heard, followed by an ellipsis (DOMAIN.md §6.3 Barge-in). */
const contentOf = (turn: CallTurn): string => {
  const text = turn.text.trim();
  const content = turn.status === 'truncated' && text !== '' ? `${text}…` : text;
  return content.slice(0, CONVERSATION_LIMITS.contentMax);
};

/**
 * Appends a settled turn with the next `seq` (turns arrive in the order the agent created them). Only a
 * conversation that is `in-progress` takes turns; a turn id already recorded is a duplicate and changes nothing.
 * This is the call side of DOMAIN.md §6.5 `RecordTurn` until the conversations context exposes its own.
 */
export const appendCallTurn = (conversation: Conversation, turn: CallTurn, now: Date): Conversation | TurnProblem => {
  if (conversation.status !== 'in-progress') return 'not_live';
  if (conversation.messages.some((message) => message.turnId === turn.itemId)) return 'duplicate';
  const seq = conversation.messages.reduce((max, message) => Math.max(max, message.seq), 0) + 1;
  const message: Message = {
    id: turn.messageId,
    orgId: conversation.orgId,
    conversationId: conversation.id,
    seq,
    turnId: turn.itemId,
    role: turn.role,
    messageType: turn.role === 'patient' ? 'user_message' : 'assistant_response',
    status: turn.status,
    content: contentOf(turn),
    audioStartMs: null,
    audioEndMs: null,
    source: 'call',
    createdAt: turn.at,
    updatedAt: now,
  };
  const truncated = turn.status === 'truncated' ? 1 : 0;
  return {
    ...conversation,
    messages: [...conversation.messages, message],
    quality: {
      ...conversation.quality,
      truncatedAgentTurns: conversation.quality.truncatedAgentTurns + truncated,
    },
    updatedAt: now,
  };
};
