/**
 * What the fake OpenAI Realtime server says and does (VOICE.md §8.2): the callee's utterances in the order the VAD
 * detects them, and the reply rules for responses.
 */
export type ScriptedUtterance = string | { readonly fail: true };

export interface ReplyRule {
  /** Matches `response.metadata.intent` of a requested response. */
  readonly intent?: string;
  /** Matches the last patient transcript. */
  readonly transcript?: RegExp;
  /** Matches the latest system item (a runtime instruction). */
  readonly instruction?: RegExp;
  readonly text: string;
  /** Follow the message with an `end_call` function call carrying this reason. */
  readonly endCall?: string;
  /** `response.done` without any audio (a silent reply). */
  readonly silent?: boolean;
  /** Final status (default `completed`); `failed` produces no output. */
  readonly status?: 'completed' | 'incomplete' | 'failed';
  /** Audio length; default from the text's length. */
  readonly audioMs?: number;
  /** Stop streaming after this much audio, never finishing (a stalled response). */
  readonly stallAfterMs?: number;
  /** Use the rule at most this many times (default unlimited). */
  readonly times?: number;
}

export interface FakeRealtimeScenario {
  readonly utterances: readonly ScriptedUtterance[];
  readonly replies: readonly ReplyRule[];
  /** When no rule matches. */
  readonly defaultReply: string;
}

export interface FakeRealtimeOptions {
  readonly apiKey?: string;
  readonly scenario?: Partial<FakeRealtimeScenario>;
  /** Audio deltas are streamed at this multiple of real time (default 4). */
  readonly speed?: number;
  /** Audio per delta (default 100 ms; the provider sends 40-400 ms). */
  readonly chunkMs?: number;
  /** Synthetic reply length: this many ms per character, at least 600 ms (default 60). */
  readonly msPerChar?: number;
  /** Commit → transcription completed (default 20 ms). */
  readonly transcriptionDelayMs?: number;
  /** `session.update` → `session.updated` (default 0). */
  readonly updateDelayMs?: number;
  /** Seconds until the announced `expires_at` (default 3600). */
  readonly expiresInS?: number;
  /** VAD threshold 0..1 maps to dBFS as −70 + 60 × threshold (0.5 → −40 dBFS). */
  readonly vadDbfsOf?: (threshold: number) => number;
}

export const DEFAULT_SCENARIO: FakeRealtimeScenario = {
  utterances: [],
  replies: [{ intent: 'greeting', text: 'Hello! This is Bianca. How are you feeling today?' }],
  defaultReply: 'I see. Tell me more about that.',
};

export const defaultVadDbfs = (threshold: number): number => -70 + 60 * threshold;

/** Picks the first usable rule: intent first, then the latest instruction, then the last transcript. */
export const pickReply = (
  rules: readonly ReplyRule[],
  used: Map<ReplyRule, number>,
  context: { intent: string | null; instruction: string | null; transcript: string | null },
  fallback: string,
): ReplyRule => {
  const usable = (rule: ReplyRule): boolean => rule.times === undefined || (used.get(rule) ?? 0) < rule.times;
  const matches = (rule: ReplyRule): boolean =>
    (rule.intent === undefined || rule.intent === context.intent) &&
    (rule.instruction === undefined || (context.instruction !== null && rule.instruction.test(context.instruction))) &&
    (rule.transcript === undefined || (context.transcript !== null && rule.transcript.test(context.transcript)));
  const rule = rules.find((candidate) => usable(candidate) && matches(candidate)) ?? { text: fallback };
  used.set(rule, (used.get(rule) ?? 0) + 1);
  return rule;
};
