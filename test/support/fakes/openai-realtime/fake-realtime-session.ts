import type WebSocket from 'ws';
import { pickReply, type FakeRealtimeScenario, type ReplyRule, type ScriptedUtterance } from './fake-realtime-scenario';
import { FakeEnergyVad, type VadEvent, type VadSettings } from './fake-energy-vad';
import { FakeResponseStream, type ResponseStreamSettings } from './fake-response-stream';
import {
  DEFAULT_TURN_DETECTION,
  transcriptionEvents,
  userItemEvents,
  validateSessionUpdate,
  type ConversationItemRecord,
  type FaultKind,
  type TruncationRecord,
  type TurnDetectionJson,
} from './fake-session-config';

export type { ConversationItemRecord, FaultKind, TruncationRecord } from './fake-session-config';

type Json = Record<string, unknown>;

export interface FakeSessionHooks {
  readonly scenario: FakeRealtimeScenario;
  readonly stream: ResponseStreamSettings;
  readonly transcriptionDelayMs: number;
  readonly expiresInS: number;
  readonly vadDbfsOf: (threshold: number) => number;
  updateDelayMs(): number;
  /** Shared across sessions: the k-th utterance of the call, whichever session hears it. */
  nextUtterance(): FakeRealtimeScenario['utterances'][number] | undefined;
  /** Fault check before each server event: a close code when the socket must drop instead. */
  closeBefore(session: FakeRealtimeSession, event: Json): number | null;
  pingsSilenced(): boolean;
  /** True (once per count) when the next request of this kind must be refused. */
  consumeFault(kind: FaultKind): boolean;
  onAppend?(session: FakeRealtimeSession, bytes: Buffer): void;
}

/**
 * One Realtime session of the fake (VOICE.md §8.2), GA dialect: configuration, the audio timeline with an energy
 * VAD, transcripts of scripted utterances, scripted responses, truncation, cancellation, item creation — and
 * inspection of everything it received and sent.
 */
export class FakeRealtimeSession {
  readonly id: string;
  readonly configs: Json[] = [];
  /** Every client event except appends, in order. */
  readonly received: Json[] = [];
  readonly sent: Json[] = [];
  /** `performance.now()` of each entry of `sent`. */
  readonly sentAt: number[] = [];
  readonly truncations: TruncationRecord[] = [];
  readonly items: ConversationItemRecord[] = [];
  readonly responses: FakeResponseStream[] = [];
  appends = 0;
  audioBytes = 0;
  private turnDetection: TurnDetectionJson = DEFAULT_TURN_DETECTION;
  private readonly vad: FakeEnergyVad;
  private active: FakeResponseStream | null = null;
  private speechItem: string | null = null;
  private lastTranscript: string | null = null;
  private lastInstruction: string | null = null;
  private readonly used = new Map<ReplyRule, number>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private sequence = 0;
  private open = true;

  constructor(
    private readonly socket: WebSocket,
    private readonly hooks: FakeSessionHooks,
    readonly model: string,
    private readonly index: number,
  ) {
    this.id = `sess_fake_${index}`;
    this.vad = new FakeEnergyVad(this.vadSettings());
    socket.on('message', (data: Buffer, isBinary) => {
      if (!isBinary) this.onMessage(data.toString('utf8'));
    });
    socket.on('ping', (data) => {
      if (!hooks.pingsSilenced()) socket.pong(data);
    });
    socket.on('close', () => this.dispose());
    socket.on('error', () => this.dispose());
    const expiresAt = Math.floor(Date.now() / 1000) + hooks.expiresInS;
    this.send({
      type: 'session.created',
      session: { id: this.id, object: 'realtime.session', type: 'realtime', model, expires_at: expiresAt },
    });
  }

  get isOpen(): boolean {
    return this.open;
  }

  get activeResponse(): FakeResponseStream | null {
    return this.active;
  }

  /** Received events of one type. */
  receivedOf(type: string): Json[] {
    return this.received.filter((event) => event.type === type);
  }

  sentOf(type: string): Json[] {
    return this.sent.filter((event) => event.type === type);
  }

  /** When the first event of `type` was sent (`performance.now()`), or undefined. */
  sentTimeOf(type: string): number | undefined {
    const index = this.sent.findIndex((event) => event.type === type);
    return index < 0 ? undefined : this.sentAt[index];
  }

  /** Sends any server event now (tests and benches script what the fake cannot infer). */
  push(event: Json): void {
    this.send(event);
  }

  /** Speech starts now without audio (a scripted barge-in). */
  startSpeech(): void {
    const event = this.vad.forceStart();
    if (event !== null) this.onVad(event);
  }

  close(code: number, reason = ''): void {
    if (!this.open) return;
    if (code === 1006) this.socket.terminate();
    else this.socket.close(code, reason);
    this.dispose();
  }

  private onMessage(text: string): void {
    let event: Json;
    try {
      event = JSON.parse(text) as Json;
    } catch {
      return this.error('invalid_request_error', 'invalid_json', 'The message is not JSON', null);
    }
    const eventId = typeof event.event_id === 'string' ? event.event_id : null;
    if (event.type === 'input_audio_buffer.append') return this.append(event);
    this.received.push(event);
    switch (event.type) {
      case 'session.update':
        return this.update(event, eventId);
      case 'conversation.item.create':
        return this.createItem(event);
      case 'conversation.item.truncate':
        return this.truncate(event, eventId);
      case 'response.create': {
        if (this.active !== null) {
          return this.error('invalid_request_error', 'conversation_already_has_active_response', 'busy', eventId);
        }
        const metadata = (event.response as Json | undefined)?.metadata as Json | undefined;
        return this.respond(typeof metadata?.intent === 'string' ? metadata.intent : null);
      }
      case 'response.cancel':
        if (this.active === null)
          return this.error('invalid_request_error', 'response_cancel_not_active', 'none', eventId);
        return this.active.cancel('client_cancelled');
      default:
        return this.error('invalid_request_error', 'unknown_event', `Unsupported event ${String(event.type)}`, eventId);
    }
  }

  private update(event: Json, eventId: string | null): void {
    if (this.hooks.consumeFault('session.update.rate_limit')) {
      return this.error('invalid_request_error', 'rate_limit_exceeded', 'Too many sessions', eventId);
    }
    const problem = this.hooks.consumeFault('session.update') ? 'session.tools' : validateSessionUpdate(event.session);
    if (problem !== null) return this.error('invalid_request_error', 'invalid_value', problem, eventId, problem);
    const session = event.session as Json;
    this.configs.push(session);
    const input = (session.audio as Json).input as Json;
    this.turnDetection = input.turn_detection as TurnDetectionJson;
    this.vad.configure(this.vadSettings());
    const reply = { type: 'session.updated', session: { ...session, id: this.id, model: this.model } };
    const delay = this.hooks.updateDelayMs();
    if (delay > 0) this.later(delay, () => this.send(reply));
    else this.send(reply);
  }

  private append(event: Json): void {
    const bytes = Buffer.from(typeof event.audio === 'string' ? event.audio : '', 'base64');
    this.appends += 1;
    this.audioBytes += bytes.length;
    this.hooks.onAppend?.(this, bytes);
    for (const vadEvent of this.vad.push(bytes)) this.onVad(vadEvent);
  }

  private onVad(event: VadEvent): void {
    if (event.kind === 'started') {
      const itemId = this.nextId('item');
      this.speechItem = itemId;
      this.send({ type: 'input_audio_buffer.speech_started', audio_start_ms: event.audioStartMs, item_id: itemId });
      if (this.active !== null && this.turnDetection.interrupt_response) this.active.cancel('turn_detected');
      return;
    }
    const itemId = this.speechItem ?? this.nextId('item');
    this.speechItem = null;
    this.send({ type: 'input_audio_buffer.speech_stopped', audio_end_ms: event.audioEndMs, item_id: itemId });
    const previous = this.addItem({ id: itemId, role: 'user', type: 'message' });
    this.send({ type: 'input_audio_buffer.committed', item_id: itemId, previous_item_id: previous });
    for (const added of userItemEvents(itemId, previous)) this.send(added);
    const utterance = this.hooks.nextUtterance();
    // The model hears the audio itself: a reply created now already knows what was said.
    if (typeof utterance === 'string') this.lastTranscript = utterance;
    this.later(this.hooks.transcriptionDelayMs, () => this.transcribe(itemId, utterance));
    if (this.turnDetection.create_response && this.active === null) this.respond(null);
  }

  private transcribe(itemId: string, utterance: ScriptedUtterance | undefined): void {
    for (const event of transcriptionEvents(itemId, utterance)) this.send(event);
  }

  private createItem(event: Json): void {
    const item = (event.item ?? {}) as Json;
    const id = typeof item.id === 'string' ? item.id : this.nextId('item');
    const role = typeof item.role === 'string' ? item.role : 'user';
    const content = Array.isArray(item.content) ? (item.content as Json[]) : [];
    const text = content.map((part) => (typeof part.text === 'string' ? part.text : '')).join('');
    if (role === 'system') this.lastInstruction = text;
    const previous = this.addItem({ id, role, type: typeof item.type === 'string' ? item.type : 'message', text });
    const echoed = { ...item, id, object: 'realtime.item', status: 'completed' };
    this.send({ type: 'conversation.item.added', previous_item_id: previous, item: echoed });
    this.send({ type: 'conversation.item.done', previous_item_id: previous, item: echoed });
  }

  private truncate(event: Json, eventId: string | null): void {
    const itemId = String(event.item_id);
    const audioEndMs = Number(event.audio_end_ms);
    const item = this.items.find((candidate) => candidate.id === itemId);
    const response = this.responses.find((candidate) => candidate.messageItemId === itemId);
    if (item === undefined || item.role !== 'assistant' || response === undefined) {
      return this.error('invalid_request_error', 'item_not_found', `No assistant item ${itemId}`, eventId);
    }
    if (!(audioEndMs >= 0 && audioEndMs <= response.generatedMs) || this.hooks.consumeFault('truncate')) {
      return this.error(
        'invalid_request_error',
        'invalid_value',
        'audio_end_ms is beyond the audio',
        eventId,
        'audio_end_ms',
      );
    }
    this.truncations.push({ itemId, audioEndMs });
    this.send({ type: 'conversation.item.truncated', item_id: itemId, content_index: 0, audio_end_ms: audioEndMs });
  }

  private respond(intent: string | null): void {
    const rule = pickReply(
      this.hooks.scenario.replies,
      this.used,
      { intent, instruction: this.lastInstruction, transcript: this.lastTranscript },
      this.hooks.scenario.defaultReply,
    );
    const stream = new FakeResponseStream(
      {
        send: (event) => this.send(event),
        later: (ms, step) => this.later(ms, step),
        nextId: (prefix) => this.nextId(prefix),
        addItem: (item) => this.addItem(item),
        finished: (done) => {
          if (this.active === done) this.active = null;
        },
      },
      rule,
      intent,
      this.hooks.stream,
    );
    this.active = stream;
    this.responses.push(stream);
    stream.start();
  }

  private addItem(item: ConversationItemRecord): string | null {
    const previous = this.items.length === 0 ? null : this.items[this.items.length - 1].id;
    this.items.push(item);
    return previous;
  }

  private error(
    type: string,
    code: string,
    message: string,
    eventId: string | null,
    param: string | null = null,
  ): void {
    this.send({ type: 'error', error: { type, code, message, param, event_id: eventId } });
  }

  private send(event: Json): void {
    if (!this.open) return;
    const full = { event_id: this.nextId('event'), ...event };
    const closeCode = this.hooks.closeBefore(this, full);
    if (closeCode !== null) return this.close(closeCode, closeCode === 1001 ? 'maximum duration reached' : '');
    this.sent.push(full);
    this.sentAt.push(performance.now());
    this.socket.send(JSON.stringify(full));
  }

  private later(ms: number, step: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (this.open) step();
    }, ms);
    this.timers.add(timer);
  }

  private vadSettings(): VadSettings {
    return {
      thresholdDbfs: this.hooks.vadDbfsOf(this.turnDetection.threshold ?? 0.5),
      prefixPaddingMs: this.turnDetection.prefix_padding_ms ?? 300,
      silenceDurationMs: this.turnDetection.silence_duration_ms ?? 500,
    };
  }

  private nextId(prefix: string): string {
    this.sequence += 1;
    return `${prefix}_${this.index}_${this.sequence}`;
  }

  private dispose(): void {
    this.open = false;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.active?.cancel('client_cancelled');
  }
}
