import type {
  ConversationItemAdded,
  ConversationItemInputAudioTranscriptionCompletedEvent,
  InputAudioBufferCommittedEvent,
  InputAudioBufferSpeechStartedEvent,
  InputAudioBufferSpeechStoppedEvent,
  RealtimeClientEvent,
  RealtimeErrorEvent,
  ResponseAudioDeltaEvent,
  ResponseAudioTranscriptDoneEvent,
  ResponseCreatedEvent,
  ResponseDoneEvent,
  ResponseFunctionCallArgumentsDoneEvent,
  ResponseOutputItemAddedEvent,
  SessionCreatedEvent,
} from 'openai/resources/realtime/realtime';
import { DEFAULT_REALTIME_OPTIONS } from '../../../adapters/voice/openai-realtime/realtime-options';
import {
  appendMessage,
  replayItem,
  responseCancel,
  responseCreate,
  sessionUpdate,
  systemItem,
  truncateItem,
  type ClientEvent,
} from '../../../adapters/voice/openai-realtime/realtime-client-events';
import { decodeServerEvent, type ServerEventOf } from '../../../adapters/voice/openai-realtime/realtime-server-events';
import { CALL_CONFIG } from './support/realtime-test-kit';

/** Compile-time: `tsc` fails here if the SDK renames or reshapes an event we send or consume (VOICE.md §4.1). */
const sdkAccepts = (event: RealtimeClientEvent): RealtimeClientEvent => event;
interface ServerEventTypes {
  'session.created': SessionCreatedEvent;
  'input_audio_buffer.speech_started': InputAudioBufferSpeechStartedEvent;
  'input_audio_buffer.speech_stopped': InputAudioBufferSpeechStoppedEvent;
  'input_audio_buffer.committed': InputAudioBufferCommittedEvent;
  'conversation.item.added': ConversationItemAdded;
  'conversation.item.input_audio_transcription.completed': ConversationItemInputAudioTranscriptionCompletedEvent;
  'response.created': ResponseCreatedEvent;
  'response.output_item.added': ResponseOutputItemAddedEvent;
  'response.output_audio.delta': ResponseAudioDeltaEvent;
  'response.output_audio_transcript.done': ResponseAudioTranscriptDoneEvent;
  'response.function_call_arguments.done': ResponseFunctionCallArgumentsDoneEvent;
  'response.done': ResponseDoneEvent;
  error: RealtimeErrorEvent;
}
/** Each entry is `true` when the SDK's event is assignable to ours, else its name (and this line fails to compile). */
type Compatibility = { [K in keyof ServerEventTypes]: ServerEventTypes[K] extends ServerEventOf<K> ? true : K };
const compatibility = (value: Compatibility): Record<keyof ServerEventTypes, true> => value;

describe('Realtime protocol types and codec', () => {
  it('builds client events the SDK types accept', () => {
    const events: ClientEvent[] = [
      sessionUpdate('e1', CALL_CONFIG, { ...DEFAULT_REALTIME_OPTIONS, apiKey: 'k' }, false),
      systemItem('e2', 'instr_1', 'Wrap up.'),
      replayItem('e3', 'replay_1', { role: 'patient', text: 'Hi' }),
      replayItem('e4', 'replay_2', { role: 'assistant', text: 'Hello' }),
      truncateItem('e5', 'item_1', 120),
      responseCreate('e6', 'greeting'),
      responseCancel('e7'),
    ];
    expect(events.map((event) => sdkAccepts(event).type)).toEqual([
      'session.update',
      'conversation.item.create',
      'conversation.item.create',
      'conversation.item.create',
      'conversation.item.truncate',
      'response.create',
      'response.cancel',
    ]);
  });

  it('consumes the SDK server event shapes', () => {
    const started: InputAudioBufferSpeechStartedEvent = {
      type: 'input_audio_buffer.speech_started',
      event_id: 'x',
      item_id: 'i',
      audio_start_ms: 5,
    };
    const ours: ServerEventOf<'input_audio_buffer.speech_started'> = started;
    expect(ours.item_id).toBe('i');
    expect(typeof compatibility).toBe('function');
  });

  it('builds the append as a template around the base64 text, valid JSON', () => {
    const frame = new Uint8Array(160).fill(0xff);
    const text = appendMessage(frame);
    expect(JSON.parse(text)).toEqual({
      type: 'input_audio_buffer.append',
      audio: Buffer.from(frame).toString('base64'),
    });
    expect((JSON.parse(text) as { audio: string }).audio).toHaveLength(216);
  });

  it('decodes known events, ignores unknown ones and flags malformed ones', () => {
    const delta = decodeServerEvent(
      JSON.stringify({
        type: 'response.output_audio.delta',
        event_id: 'e',
        item_id: 'i',
        response_id: 'r',
        delta: 'AAA=',
        extra: 1,
      }),
    );
    expect(delta).toEqual({
      kind: 'event',
      event: { type: 'response.output_audio.delta', item_id: 'i', response_id: 'r', delta: 'AAA=' },
    });
    expect(decodeServerEvent('{"type":"rate_limits.updated","rate_limits":[]}')).toEqual({
      kind: 'ignored',
      type: 'rate_limits.updated',
    });
    expect(decodeServerEvent('{"type":"response.output_audio.delta"}')).toEqual({
      kind: 'malformed',
      type: 'response.output_audio.delta',
    });
    expect(decodeServerEvent('not json')).toEqual({ kind: 'malformed', type: null });
  });

  it('sends the language as an ISO-639-1 hint and omits noise reduction when off', () => {
    const update = sessionUpdate(
      'e',
      { ...CALL_CONFIG, language: 'es-MX', voice: 'cedar' },
      { ...DEFAULT_REALTIME_OPTIONS, apiKey: 'k', noiseReduction: 'off' },
      true,
    );
    expect(update.session.audio.input.transcription.language).toBe('es');
    expect(update.session.audio.input).not.toHaveProperty('noise_reduction');
    expect(update.session.audio.output.voice).toBe('cedar');
    expect(update.session.audio.input.turn_detection).toMatchObject({
      create_response: true,
      interrupt_response: true,
    });
  });
});
