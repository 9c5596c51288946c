/**
 * The Conversation aggregate (DOMAIN.md §6.1-§6.3, RESOLUTIONS.md 2 and 32): the transcript of a call or of a
 * manual (admin) conversation, its post-call summary and sentiment. Messages are kept inside the aggregate, in
 * transcript order (`seq`), and are never re-sorted.
 *
 * Status: every call pre-creates its conversation as `reserved` under the id the app receives, so polling it never
 * gets a 404 while the phone rings; `in-progress` once answered; `completed` when an answered call ends; `failed`
 * (unanswered) or `machine` (voicemail) for calls that never became a conversation. A manual conversation starts
 * `initiated` (API-CONTRACT.md §4.9). Lists and analyses skip `reserved`, `failed` and `machine`.
 */
export type ConversationStatus = 'reserved' | 'initiated' | 'in-progress' | 'completed' | 'failed' | 'machine';
export type ConversationSource = 'call' | 'manual';
/** `wellness-check` for scheduled and retry calls, `outbound` for "Call now", `manual` for admin conversations. */
export type CallType = 'wellness-check' | 'outbound' | 'manual';
export type MessageRole = 'patient' | 'assistant' | 'system' | 'debug-user';
export type MessageType =
  'text' | 'assistant_response' | 'user_message' | 'function_call' | 'audio_transcript_delta' | 'debug_user_message';
export type MessageStatus = 'open' | 'final' | 'truncated' | 'failed';

export const MESSAGE_ROLES: readonly MessageRole[] = ['patient', 'assistant', 'system', 'debug-user'];

export const CONVERSATION_LIMITS = { contentMin: 1, contentMax: 10_000, summaryMax: 2_000 } as const;

/** Statuses after which nothing about the call changes any more (polls of it are passive, API-CONTRACT.md §2.6). */
export const TERMINAL_STATUSES: readonly ConversationStatus[] = ['completed', 'failed', 'machine'];
/** What the patient's conversation list shows: answered calls and manual conversations (RESOLUTIONS.md 32). */
export const LISTED_STATUSES: readonly ConversationStatus[] = ['initiated', 'in-progress', 'completed'];

export const isTerminal = (status: ConversationStatus): boolean => TERMINAL_STATUSES.includes(status);
export const isListed = (status: ConversationStatus): boolean => LISTED_STATUSES.includes(status);

/** One turn (DOMAIN.md §6.1 Message). `content` is `''` while the turn is open or when it failed. */
export interface Message {
  readonly id: string;
  readonly orgId: string;
  readonly conversationId: string;
  readonly seq: number;
  /** Provider item id, unique per conversation; manual messages use their own id. */
  readonly turnId: string;
  readonly role: MessageRole;
  readonly messageType: MessageType;
  readonly status: MessageStatus;
  readonly content: string;
  readonly audioStartMs: number | null;
  readonly audioEndMs: number | null;
  readonly source: ConversationSource;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** The post-call summary, exposed to the app as `history`. */
export interface ConversationSummary {
  readonly text: string;
  readonly source: 'llm' | 'offline';
  readonly status: 'pending' | 'done' | 'failed' | 'skipped';
  readonly generatedAt: Date | null;
}

/** A stored sentiment result (API-CONTRACT.md §3.8 SentimentAnalysis); produced by the analysis context. */
export interface StoredSentiment {
  readonly overallSentiment: 'positive' | 'negative' | 'neutral' | 'mixed';
  readonly sentimentScore: number;
  readonly confidence: number;
  readonly patientMood: string;
  readonly keyEmotions: readonly string[];
  readonly concernLevel: 'low' | 'medium' | 'high';
  readonly satisfactionIndicators: { readonly positive: readonly string[]; readonly negative: readonly string[] };
  readonly summary: string;
  readonly recommendations: string;
  readonly fallback: boolean;
  readonly analyzer: string;
}

export interface ConversationQuality {
  readonly agentReconnects: number;
  readonly transcriptionFailures: number;
  readonly truncatedAgentTurns: number;
}

/**
 * The call facts a conversation carries for the app (API-CONTRACT.md §3.8, §4.11), written by the calls
 * context; all null for a manual conversation.
 */
export interface ConversationCallFacts {
  readonly callStatus: string | null;
  readonly callOutcome: string | null;
  readonly callNotes: string | null;
  /** The caregiver who pressed "Call now"; null for scheduled calls. */
  readonly agentId: string | null;
  readonly callStartedAt: Date | null;
  readonly callEndedAt: Date | null;
  readonly callDurationSeconds: number;
  readonly costCents: number | null;
  readonly lineItemId: string | null;
}

export interface Conversation {
  readonly id: string;
  readonly orgId: string;
  readonly patientId: string;
  /** Null only for manual conversations. */
  readonly callId: string | null;
  readonly source: ConversationSource;
  readonly callType: CallType;
  /** The patient's language when the conversation started. */
  readonly language: string;
  readonly status: ConversationStatus;
  /** When the patient answered (or the manual conversation was created). */
  readonly startedAt: Date | null;
  readonly endedAt: Date | null;
  /** Whole seconds of conversation; 0 until the end. */
  readonly durationSeconds: number;
  readonly messages: readonly Message[];
  readonly summary: ConversationSummary | null;
  readonly sentiment: StoredSentiment | null;
  readonly sentimentAnalyzedAt: Date | null;
  readonly call: ConversationCallFacts;
  readonly quality: ConversationQuality;
  /** True after the patient was anonymised. */
  readonly redacted: boolean;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly version: number;
}

const NO_CALL: ConversationCallFacts = {
  callStatus: null,
  callOutcome: null,
  callNotes: null,
  agentId: null,
  callStartedAt: null,
  callEndedAt: null,
  callDurationSeconds: 0,
  costCents: null,
  lineItemId: null,
};

const NO_QUALITY: ConversationQuality = { agentReconnects: 0, transcriptionFailures: 0, truncatedAgentTurns: 0 };

interface NewConversationBase {
  readonly id: string;
  readonly orgId: string;
  readonly patientId: string;
  readonly language: string;
  readonly now: Date;
}

const blank = (input: NewConversationBase) => ({
  id: input.id,
  orgId: input.orgId,
  patientId: input.patientId,
  language: input.language,
  endedAt: null,
  durationSeconds: 0,
  messages: [],
  summary: null,
  sentiment: null,
  sentimentAnalyzedAt: null,
  quality: NO_QUALITY,
  redacted: false,
  createdAt: input.now,
  updatedAt: input.now,
  version: 1,
});

export interface ReservedConversationInput extends NewConversationBase {
  readonly callId: string;
  readonly callType: Exclude<CallType, 'manual'>;
  readonly agentId?: string | null;
  readonly callNotes?: string | null;
}

/** Pre-created when a call is placed (RESOLUTIONS.md 32): no messages, not yet answered. */
export const reserveConversation = (input: ReservedConversationInput): Conversation => ({
  ...blank(input),
  callId: input.callId,
  source: 'call',
  callType: input.callType,
  status: 'reserved',
  startedAt: null,
  call: {
    ...NO_CALL,
    callStatus: 'initiating',
    agentId: input.agentId ?? null,
    callNotes: input.callNotes ?? null,
  },
});

/** `CreateManualConversation` (DOMAIN.md §6.3): empty, `initiated`, no call. */
export const createManualConversation = (input: NewConversationBase): Conversation => ({
  ...blank(input),
  callId: null,
  source: 'manual',
  callType: 'manual',
  status: 'initiated',
  startedAt: input.now,
  call: NO_CALL,
});

export type ConversationProblem = 'not_manual' | 'already_answered' | 'not_live' | 'content_length';

const nextSeq = (conversation: Conversation): number =>
  conversation.messages.reduce((max, message) => Math.max(max, message.seq), 0) + 1;

const touched = (conversation: Conversation, changes: Partial<Conversation>, now: Date): Conversation => ({
  ...conversation,
  ...changes,
  updatedAt: now,
});

/** `AppendManualMessage` (DOMAIN.md §6.3): a `final` turn with the next `seq`, type `text`. */
export const appendManualMessage = (
  conversation: Conversation,
  input: { readonly id: string; readonly role: MessageRole; readonly content: string; readonly now: Date },
): Conversation | ConversationProblem => {
  if (conversation.source !== 'manual') return 'not_manual';
  const length = input.content.length;
  if (length < CONVERSATION_LIMITS.contentMin || length > CONVERSATION_LIMITS.contentMax) return 'content_length';
  const message: Message = {
    id: input.id,
    orgId: conversation.orgId,
    conversationId: conversation.id,
    seq: nextSeq(conversation),
    turnId: input.id,
    role: input.role,
    messageType: 'text',
    status: 'final',
    content: input.content,
    audioStartMs: null,
    audioEndMs: null,
    source: 'manual',
    createdAt: input.now,
    updatedAt: input.now,
  };
  return touched(conversation, { messages: [...conversation.messages, message] }, input.now);
};

/** The call was answered: the conversation starts (DOMAIN.md §6.3 Start). */
export const answerConversation = (conversation: Conversation, at: Date): Conversation | ConversationProblem => {
  if (conversation.status !== 'reserved') return 'already_answered';
  return touched(
    conversation,
    {
      status: 'in-progress',
      startedAt: at,
      call: { ...conversation.call, callStatus: 'connected', callStartedAt: conversation.call.callStartedAt ?? at },
    },
    at,
  );
};

export type CallEnd = 'answered' | 'no_answer' | 'busy' | 'failed' | 'voicemail';

const wholeSeconds = (from: Date | null, to: Date): number =>
  from === null ? 0 : Math.max(0, Math.floor((to.getTime() - from.getTime()) / 1000));

/**
 * The call ended. An answered call completes the conversation with its duration in whole seconds; an unanswered
 * one ends it `failed`, voicemail `machine` (RESOLUTIONS.md 32).
 */
export const endConversation = (
  conversation: Conversation,
  at: Date,
  outcome: CallEnd,
): Conversation | ConversationProblem => {
  if (conversation.source !== 'call' || isTerminal(conversation.status)) return 'not_live';
  const answered = conversation.status === 'in-progress';
  const status: ConversationStatus = answered ? 'completed' : outcome === 'voicemail' ? 'machine' : 'failed';
  const callOutcome = answered ? 'answered' : outcome === 'answered' ? 'failed' : outcome;
  const callStatus = answered
    ? 'ended'
    : callOutcome === 'no_answer' || callOutcome === 'busy'
      ? callOutcome
      : 'failed';
  return touched(
    conversation,
    {
      status,
      endedAt: answered ? at : null,
      durationSeconds: answered ? wholeSeconds(conversation.startedAt, at) : 0,
      call: {
        ...conversation.call,
        callStatus: status === 'machine' ? 'ended' : callStatus,
        callOutcome: status === 'machine' ? 'voicemail' : callOutcome,
        callEndedAt: at,
        callDurationSeconds: wholeSeconds(conversation.call.callStartedAt, at),
      },
    },
    at,
  );
};

/** Stores the summary (text cut to its 2,000-character limit). */
export const withSummary = (conversation: Conversation, summary: ConversationSummary, now: Date): Conversation =>
  touched(conversation, { summary: { ...summary, text: summary.text.slice(0, CONVERSATION_LIMITS.summaryMax) } }, now);

/** Stores a sentiment result and when it was produced. */
export const withSentiment = (conversation: Conversation, sentiment: StoredSentiment, at: Date): Conversation =>
  touched(conversation, { sentiment, sentimentAnalyzedAt: at }, at);
