import type { ScriptedUtterance } from './fake-realtime-scenario';

type Json = Record<string, unknown>;

/** Requests the fake can be told to refuse: a truncate, a configuration, a configuration for rate limiting. */
export type FaultKind = 'truncate' | 'session.update' | 'session.update.rate_limit';

export interface TruncationRecord {
  readonly itemId: string;
  readonly audioEndMs: number;
}

export interface ConversationItemRecord {
  readonly id: string;
  readonly role: string;
  readonly type: string;
  readonly text?: string;
}

/** What a session starts with before any `session.update` (the provider's defaults). */
export const DEFAULT_TURN_DETECTION: TurnDetectionJson = {
  type: 'server_vad',
  threshold: 0.5,
  prefix_padding_ms: 300,
  silence_duration_ms: 500,
  create_response: true,
  interrupt_response: true,
};

export interface TurnDetectionJson {
  readonly type: 'server_vad';
  readonly threshold?: number;
  readonly prefix_padding_ms?: number;
  readonly silence_duration_ms?: number;
  readonly create_response: boolean;
  readonly interrupt_response: boolean;
}

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const formatIs = (value: unknown, type: string): boolean => isObject(value) && value.type === type;

/**
 * Checks a `session.update` against the GA shape the adapter must send (VOICE.md §4.2): realtime type, `audio/pcmu`
 * both ways, server VAD with its fields, input transcription, the `end_call` tool. Returns the offending `param`,
 * or null when it is acceptable.
 */
export const validateSessionUpdate = (session: unknown): string | null => {
  if (!isObject(session)) return 'session';
  if (session.type !== 'realtime') return 'session.type';
  const audio = session.audio;
  if (!isObject(audio) || !isObject(audio.input) || !isObject(audio.output)) return 'session.audio';
  const { input, output } = audio;
  if (!formatIs(input.format, 'audio/pcmu')) return 'session.audio.input.format';
  if (!formatIs(output.format, 'audio/pcmu')) return 'session.audio.output.format';
  if (typeof output.voice !== 'string') return 'session.audio.output.voice';
  if (!isObject(input.transcription) || typeof input.transcription.model !== 'string') {
    return 'session.audio.input.transcription';
  }
  const vad = input.turn_detection;
  if (!isObject(vad) || vad.type !== 'server_vad') return 'session.audio.input.turn_detection';
  for (const field of ['threshold', 'prefix_padding_ms', 'silence_duration_ms']) {
    if (typeof vad[field] !== 'number') return `session.audio.input.turn_detection.${field}`;
  }
  for (const field of ['create_response', 'interrupt_response']) {
    if (typeof vad[field] !== 'boolean') return `session.audio.input.turn_detection.${field}`;
  }
  if (!Array.isArray(session.tools)) return 'session.tools';
  for (const tool of session.tools as unknown[]) {
    if (!isObject(tool) || tool.type !== 'function' || typeof tool.name !== 'string') return 'session.tools';
  }
  if (typeof session.instructions !== 'string') return 'session.instructions';
  return null;
};

/** The user item of a committed utterance, added and done. */
export const userItemEvents = (itemId: string, previous: string | null): Json[] => {
  const item = {
    id: itemId,
    object: 'realtime.item',
    type: 'message',
    role: 'user',
    content: [{ type: 'input_audio', transcript: null }],
  };
  return [
    { type: 'conversation.item.added', previous_item_id: previous, item },
    { type: 'conversation.item.done', previous_item_id: previous, item },
  ];
};

/** Transcription of the k-th utterance: a delta and `completed`, or `failed` when the scenario says so. */
export const transcriptionEvents = (itemId: string, utterance: ScriptedUtterance | undefined): Json[] => {
  const base = { item_id: itemId, content_index: 0 };
  if (typeof utterance !== 'string') {
    const error = { type: 'transcription_error', code: 'audio_unintelligible', message: 'no transcript' };
    return [{ ...base, type: 'conversation.item.input_audio_transcription.failed', error }];
  }
  return [
    { ...base, type: 'conversation.item.input_audio_transcription.delta', delta: utterance },
    { ...base, type: 'conversation.item.input_audio_transcription.completed', transcript: utterance },
  ];
};
