import { syntheticVoice } from '../../../../adapters/audio/synthetic-voice';
import type { ReplyRule } from './fake-realtime-scenario';

type Json = Record<string, unknown>;

export interface ResponseStreamDeps {
  send(event: Json): void;
  later(ms: number, step: () => void): void;
  nextId(prefix: string): string;
  /** Appends an item to the conversation and returns the id of the item before it. */
  addItem(item: { id: string; role: string; type: string }): string | null;
  /** Stream over: the session forgets it as the active response. */
  finished(stream: FakeResponseStream): void;
}

export interface ResponseStreamSettings {
  readonly speed: number;
  readonly chunkMs: number;
  readonly msPerChar: number;
}

const BYTES_PER_MS = 8;

/**
 * One response of the fake, in the provider's event order (VOICE.md §8.2): created, the assistant message item,
 * audio deltas (synthetic voice of the text, `chunkMs` each, at `speed` × real time) interleaved with transcript
 * words, the done events, an optional `end_call` function call, then `response.done`. Cancellation ends it with
 * status `cancelled` and the transcript so far.
 */
export class FakeResponseStream {
  readonly id: string;
  status: 'in_progress' | 'completed' | 'cancelled' | 'failed' | 'incomplete' = 'in_progress';
  messageItemId: string | null = null;
  /** Audio sent so far, in ms. */
  generatedMs = 0;
  private readonly audio: Uint8Array;
  private readonly words: string[];
  private wordsSent = 0;
  private offset = 0;
  private over = false;

  constructor(
    private readonly deps: ResponseStreamDeps,
    readonly rule: ReplyRule,
    readonly intent: string | null,
    private readonly settings: ResponseStreamSettings,
  ) {
    this.id = deps.nextId('resp');
    const durationMs = rule.audioMs ?? Math.max(600, rule.text.length * settings.msPerChar);
    this.audio = rule.silent === true ? new Uint8Array(0) : syntheticVoice({ durationMs, seed: rule.text.length });
    this.words = rule.text.split(/\s+/).filter((word) => word !== '');
  }

  start(): void {
    this.deps.send({ type: 'response.created', response: this.response('in_progress', []) });
    if (this.rule.status === 'failed') return this.finish('failed', null);
    if (this.rule.silent === true) return this.finish(this.rule.status ?? 'completed', null);
    const itemId = this.deps.nextId('item');
    this.messageItemId = itemId;
    const item = {
      id: itemId,
      object: 'realtime.item',
      type: 'message',
      role: 'assistant',
      status: 'in_progress',
      content: [],
    };
    this.deps.send({ type: 'response.output_item.added', response_id: this.id, output_index: 0, item });
    const previous = this.deps.addItem({ id: itemId, role: 'assistant', type: 'message' });
    this.deps.send({ type: 'conversation.item.added', previous_item_id: previous, item });
    this.deps.send({ ...this.part(), type: 'response.content_part.added', part: { type: 'audio', transcript: '' } });
    this.deps.later(0, () => this.chunk());
  }

  cancel(reason: 'turn_detected' | 'client_cancelled'): void {
    if (this.over) return;
    this.finish('cancelled', reason);
  }

  /** The transcript sent so far (all of it once completed). */
  get transcript(): string {
    return this.words.slice(0, this.wordsSent).join(' ');
  }

  get isOver(): boolean {
    return this.over;
  }

  private chunk(): void {
    if (this.over) return;
    const stallAt = this.rule.stallAfterMs === undefined ? Infinity : this.rule.stallAfterMs * BYTES_PER_MS;
    if (this.offset >= stallAt) return;
    const size = Math.min(this.settings.chunkMs * BYTES_PER_MS, this.audio.length - this.offset);
    const bytes = this.audio.subarray(this.offset, this.offset + size);
    this.offset += size;
    this.generatedMs = Math.floor(this.offset / BYTES_PER_MS);
    this.deps.send({
      ...this.part(),
      type: 'response.output_audio.delta',
      delta: Buffer.from(bytes).toString('base64'),
    });
    const wordsDue = Math.ceil((this.words.length * this.offset) / Math.max(1, this.audio.length));
    while (this.wordsSent < wordsDue) {
      const delta = (this.wordsSent === 0 ? '' : ' ') + this.words[this.wordsSent];
      this.wordsSent += 1;
      this.deps.send({ ...this.part(), type: 'response.output_audio_transcript.delta', delta });
    }
    if (this.offset < this.audio.length) {
      this.deps.later(this.settings.chunkMs / this.settings.speed, () => this.chunk());
      return;
    }
    this.finish(this.rule.status ?? 'completed', null);
  }

  private finish(status: 'completed' | 'incomplete' | 'failed' | 'cancelled', reason: string | null): void {
    this.over = true;
    this.status = status;
    const output: Json[] = [];
    if (this.messageItemId !== null) {
      const transcript = this.transcript;
      const done = status === 'completed' ? 'completed' : 'incomplete';
      const item = {
        id: this.messageItemId,
        object: 'realtime.item',
        type: 'message',
        role: 'assistant',
        status: done,
        content: [{ type: 'output_audio', transcript }],
      };
      this.deps.send({ ...this.part(), type: 'response.output_audio.done' });
      this.deps.send({ ...this.part(), type: 'response.output_audio_transcript.done', transcript });
      this.deps.send({ ...this.part(), type: 'response.content_part.done', part: { type: 'audio', transcript } });
      this.deps.send({ type: 'response.output_item.done', response_id: this.id, output_index: 0, item });
      this.deps.send({ type: 'conversation.item.done', item });
      output.push(item);
    }
    if (this.rule.endCall !== undefined && status === 'completed') output.push(this.endCall(this.rule.endCall));
    const details = reason === null ? null : { type: 'cancelled', reason };
    this.deps.send({ type: 'response.done', response: { ...this.response(status, output), status_details: details } });
    this.deps.finished(this);
  }

  private endCall(reason: string): Json {
    const id = this.deps.nextId('item');
    const callId = this.deps.nextId('call');
    const args = JSON.stringify({ reason });
    const base = { response_id: this.id, item_id: id, output_index: 1, call_id: callId };
    const item = {
      id,
      object: 'realtime.item',
      type: 'function_call',
      name: 'end_call',
      call_id: callId,
      arguments: args,
    };
    this.deps.send({
      type: 'response.output_item.added',
      response_id: this.id,
      output_index: 1,
      item: { ...item, arguments: '' },
    });
    this.deps.addItem({ id, role: 'assistant', type: 'function_call' });
    this.deps.send({ ...base, type: 'response.function_call_arguments.delta', delta: args });
    this.deps.send({ ...base, type: 'response.function_call_arguments.done', name: 'end_call', arguments: args });
    this.deps.send({ type: 'response.output_item.done', response_id: this.id, output_index: 1, item });
    return item;
  }

  private part(): Json {
    return { response_id: this.id, item_id: this.messageItemId, output_index: 0, content_index: 0 };
  }

  private response(status: string, output: Json[]): Json {
    const metadata = this.intent === null ? null : { intent: this.intent };
    const usage = { total_tokens: 0, input_tokens: 0, output_tokens: 0 };
    return { id: this.id, object: 'realtime.response', status, metadata, output, usage };
  }
}
