import type { AgentSessionConfig, HeardTurn } from '../../../application/ports/voice-agent';
import type { RealtimeAgentOptions } from './realtime-options';

/**
 * The client events we send (VOICE.md §4.2-§4.3), GA dialect. Our own narrow types; a compile-time check in the
 * tests keeps each assignable to the `openai` SDK's `RealtimeClientEvent`, so an SDK rename breaks the build.
 */
export interface TurnDetection {
  readonly type: 'server_vad';
  readonly threshold: number;
  readonly prefix_padding_ms: number;
  readonly silence_duration_ms: number;
  readonly create_response: boolean;
  readonly interrupt_response: boolean;
}

export interface EndCallTool {
  readonly type: 'function';
  readonly name: 'end_call';
  readonly description: string;
  readonly parameters: {
    readonly type: 'object';
    readonly properties: { readonly reason: { readonly type: 'string'; readonly enum: readonly string[] } };
    readonly required: readonly ['reason'];
  };
}

export interface SessionUpdate {
  readonly type: 'session.update';
  readonly event_id: string;
  readonly session: {
    readonly type: 'realtime';
    readonly output_modalities: ['audio'];
    readonly instructions: string;
    readonly audio: {
      readonly input: {
        readonly format: { readonly type: 'audio/pcmu' };
        readonly noise_reduction?: { readonly type: 'near_field' | 'far_field' };
        readonly transcription: { readonly model: string; readonly language: string };
        readonly turn_detection: TurnDetection;
      };
      readonly output: { readonly format: { readonly type: 'audio/pcmu' }; readonly voice: string };
    };
    readonly tools: EndCallTool[];
    readonly tool_choice: 'auto';
    readonly tracing: null;
  };
}

type MessageItem =
  | { readonly type: 'message'; readonly id: string; readonly role: 'system'; readonly content: InputText[] }
  | { readonly type: 'message'; readonly id: string; readonly role: 'user'; readonly content: InputText[] }
  | { readonly type: 'message'; readonly id: string; readonly role: 'assistant'; readonly content: OutputText[] };
interface InputText {
  readonly type: 'input_text';
  readonly text: string;
}
interface OutputText {
  readonly type: 'output_text';
  readonly text: string;
}

export interface ItemCreate {
  readonly type: 'conversation.item.create';
  readonly event_id: string;
  readonly item: MessageItem;
}

export interface ItemTruncate {
  readonly type: 'conversation.item.truncate';
  readonly event_id: string;
  readonly item_id: string;
  readonly content_index: 0;
  readonly audio_end_ms: number;
}

export interface ResponseCreate {
  readonly type: 'response.create';
  readonly event_id: string;
  readonly response: { readonly metadata: { readonly intent: string } };
}

export interface ResponseCancel {
  readonly type: 'response.cancel';
  readonly event_id: string;
}

export type ClientEvent = SessionUpdate | ItemCreate | ItemTruncate | ResponseCreate | ResponseCancel;

export const END_CALL_REASONS = ['goodbye', 'patient_request', 'voicemail', 'unable_to_continue'] as const;

const END_CALL_TOOL: EndCallTool = {
  type: 'function',
  name: 'end_call',
  description:
    'Ends the phone call. Call it only after you have said goodbye to the patient, or when you reached a voicemail.',
  parameters: {
    type: 'object',
    properties: { reason: { type: 'string', enum: END_CALL_REASONS } },
    required: ['reason'],
  },
};

/** The full configuration, sent on every new connection of the call; turn-taking off protects the greeting (§4.5). */
export const sessionUpdate = (
  eventId: string,
  config: AgentSessionConfig,
  options: RealtimeAgentOptions,
  turnTaking: boolean,
): SessionUpdate => ({
  type: 'session.update',
  event_id: eventId,
  session: {
    type: 'realtime',
    output_modalities: ['audio'],
    instructions: config.instructions,
    audio: {
      input: {
        format: { type: 'audio/pcmu' },
        ...(options.noiseReduction === 'off' ? {} : { noise_reduction: { type: options.noiseReduction } }),
        transcription: { model: options.transcribeModel, language: config.language.slice(0, 2).toLowerCase() },
        turn_detection: {
          type: 'server_vad',
          threshold: options.vad.threshold,
          prefix_padding_ms: options.vad.prefixPaddingMs,
          silence_duration_ms: options.vad.silenceDurationMs,
          create_response: turnTaking,
          interrupt_response: turnTaking,
        },
      },
      output: { format: { type: 'audio/pcmu' }, voice: config.voice ?? options.voice },
    },
    tools: [END_CALL_TOOL],
    tool_choice: 'auto',
    tracing: null,
  },
});

/** One append per frame, built around the base64 text (JSON-safe) instead of serialising an object (§3.3). */
export const appendMessage = (frame: Uint8Array): string =>
  `{"type":"input_audio_buffer.append","audio":"${Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength).toString('base64')}"}`;

export const systemItem = (eventId: string, itemId: string, text: string): ItemCreate => ({
  type: 'conversation.item.create',
  event_id: eventId,
  item: { type: 'message', id: itemId, role: 'system', content: [{ type: 'input_text', text }] },
});

/** Context replay (§4.9): patient turns as user text, Bianca's as the assistant text the patient heard. */
export const replayItem = (eventId: string, itemId: string, turn: HeardTurn): ItemCreate => ({
  type: 'conversation.item.create',
  event_id: eventId,
  item:
    turn.role === 'patient'
      ? { type: 'message', id: itemId, role: 'user', content: [{ type: 'input_text', text: turn.text }] }
      : { type: 'message', id: itemId, role: 'assistant', content: [{ type: 'output_text', text: turn.text }] },
});

export const truncateItem = (eventId: string, itemId: string, audioEndMs: number): ItemTruncate => ({
  type: 'conversation.item.truncate',
  event_id: eventId,
  item_id: itemId,
  content_index: 0,
  audio_end_ms: audioEndMs,
});

/** No response-level instructions: a system item carries them (§4.3); the intent matches `response.done`. */
export const responseCreate = (eventId: string, intent: string): ResponseCreate => ({
  type: 'response.create',
  event_id: eventId,
  response: { metadata: { intent } },
});

export const responseCancel = (eventId: string): ResponseCancel => ({ type: 'response.cancel', event_id: eventId });
