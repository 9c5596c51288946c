import type { Clock } from '../../../application/ports/clock';
import type { Logger } from '../../../application/ports/logger';
import type {
  AgentEvent,
  AgentSessionConfig,
  HeardTurn,
  ResponseKind,
  RuntimeInstruction,
} from '../../../application/ports/voice-agent';
import { AgentMediaLink } from '../link/agent-media-link';
import { AssistantItems } from './assistant-items';
import { PatientTurns } from './patient-turns';
import {
  appendMessage,
  replayItem,
  responseCancel,
  responseCreate,
  sessionUpdate,
  systemItem,
  truncateItem,
  type ClientEvent,
} from './realtime-client-events';
import type { RealtimeAgentOptions } from './realtime-options';
import { endCallReason, messagesOf, type ServerEvent, type ServerEventOf } from './realtime-server-events';
import { ResponseTracker } from './response-tracker';
import { TurnLedger } from './turn-ledger';

export interface ConversationDeps {
  readonly config: AgentSessionConfig;
  readonly options: RealtimeAgentOptions;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Sends on the current connection; false when there is none. */
  sendText(text: string): boolean;
  emit(event: AgentEvent): void;
  /** The provider said the session is over (`session_expired`). */
  lost(reason: string): void;
}

export interface ConversationCounters {
  bargeIns: number;
  benignErrors: number;
  orderMismatches: number;
  ignoredEvents: number;
  malformedEvents: number;
}

/**
 * The call's side of the Realtime protocol (VOICE.md §4.3-§4.14), surviving reconnections: handles server events
 * in arrival order, pumps audio through `AgentMediaLink`, performs barge-in, settles turns in item order, tracks
 * the response in progress and the pending runtime instructions, and says what to do after a reconnect.
 */
export class RealtimeConversation {
  readonly link: AgentMediaLink;
  readonly ledger: TurnLedger;
  readonly counters: ConversationCounters = {
    bargeIns: 0,
    benignErrors: 0,
    orderMismatches: 0,
    ignoredEvents: 0,
    malformedEvents: 0,
  };
  private readonly assistant: AssistantItems;
  private readonly responses = new ResponseTracker();
  private readonly patient: PatientTurns;
  private turnTaking = false;
  private readonly pendingInstructions = new Map<string, string>();
  private readonly truncates = new Map<string, { itemId: string; receivedMs: number }>();
  private readonly endCalls = new Set<string>();
  private lastItemId: string | null = null;
  private sequence = 0;

  constructor(private readonly deps: ConversationDeps) {
    this.ledger = new TurnLedger((turn) => deps.emit(turn));
    this.patient = new PatientTurns(this.ledger, deps.clock, deps.options.transcriptWaitMs);
    this.assistant = new AssistantItems(
      { settle: (turn) => this.ledger.settle(turn), drop: (itemId) => this.ledger.drop(itemId) },
      deps.options.assistantSettleMs,
    );
    this.link = new AgentMediaLink(
      {
        sendFrame: (frame) => this.sendFrame(frame),
        truncate: (item) => this.sendTruncate(item.itemId, item.audioEndMs, item.receivedMs),
        cancelResponse: () => this.send(responseCancel(this.nextId('evt'))),
      },
      { playoutLatencyMs: deps.options.playoutLatencyMs },
    );
    this.link.onPlayed((itemId) => this.assistant.played(itemId));
  }

  sessionUpdateText(eventId: string): string {
    return JSON.stringify(sessionUpdate(eventId, this.deps.config, this.deps.options, this.turnTaking));
  }

  requestResponse(kind: ResponseKind): void {
    if (this.responses.inProgress()) this.responses.defer(kind);
    else this.sendResponse(kind);
  }

  deliverInstruction(instruction: RuntimeInstruction): void {
    const itemId = this.nextId('instr');
    this.pendingInstructions.set(itemId, instruction.text);
    this.send(systemItem(this.nextId('evt'), itemId, instruction.text));
  }

  /** Emergency pre-emption (§4.13): cancel the response in progress, clear what is queued, truncate what played. */
  preempt(): void {
    const active = this.responses.current;
    this.bargeIn(active !== null, active?.items ?? []);
  }

  enableTurnTaking(): void {
    if (this.turnTaking) return;
    this.turnTaking = true;
    this.deps.sendText(this.sessionUpdateText(this.nextId('evt')));
  }

  replay(turns: readonly HeardTurn[]): void {
    for (const turn of turns) this.send(replayItem(this.nextId('evt'), this.nextId('replay'), turn));
  }

  handle(event: ServerEvent): void {
    switch (event.type) {
      case 'input_audio_buffer.speech_started':
        return this.speechStarted(event);
      case 'input_audio_buffer.speech_stopped':
        this.patient.stopped(event.item_id);
        return this.deps.emit({ type: 'speechStopped' });
      case 'input_audio_buffer.committed':
        this.checkOrder(event.previous_item_id);
        return this.patient.committed(event.item_id);
      case 'conversation.item.added':
        return this.itemAdded(event);
      case 'conversation.item.input_audio_transcription.completed':
        return this.patient.transcribed(event.item_id, event.transcript);
      case 'conversation.item.input_audio_transcription.failed':
        return this.patient.transcribed(event.item_id, '');
      case 'conversation.item.truncated':
        for (const [eventId, truncate] of this.truncates)
          if (truncate.itemId === event.item_id) this.truncates.delete(eventId);
        return;
      case 'response.created':
        return this.responses.created(event.response.id ?? null, event.response.metadata?.intent ?? null);
      case 'response.output_item.added':
        return this.outputItemAdded(event);
      case 'response.output_audio.delta':
        return this.audioDelta(event.item_id, event.delta);
      case 'response.output_audio.done':
        this.link.endOfItem(event.item_id);
        return this.assistant.audioDone(event.item_id);
      case 'response.output_audio_transcript.delta':
        return this.assistant.transcriptDelta(event.item_id, event.delta);
      case 'response.output_audio_transcript.done':
        return this.assistant.transcriptDone(event.item_id, event.transcript);
      case 'response.function_call_arguments.done':
        return this.functionCall(event.item_id, event.name, event.arguments);
      case 'response.output_item.done':
        if (event.item.type === 'function_call' && event.item.id !== undefined) {
          this.functionCall(event.item.id, event.item.name ?? '', event.item.arguments ?? '{}');
        }
        return;
      case 'response.done':
        return this.responseDone(event);
      case 'error':
        return this.error(event.error);
      default:
        return;
    }
  }

  /** The connection dropped: settle what can be settled, stop the pump. Says whether the agent was speaking. */
  connectionLost(): boolean {
    const wasSpeaking = this.link.isPlaying() || this.responses.inProgress();
    for (const item of this.link.clearPlayout(this.responses.current?.items ?? [])) {
      this.assistant.cleared(item.itemId, item.playedMs);
    }
    this.assistant.settleAll();
    this.ledger.dropOpen();
    this.patient.connectionLost();
    this.link.detach();
    this.responses.reset();
    this.truncates.clear();
    this.lastItemId = null;
    return wasSpeaking;
  }

  /** A new connection is configured and the context replayed (§4.9): re-deliver, resume the pump, then speak if due. */
  connectionRestored(wasSpeaking: boolean): void {
    for (const [itemId, text] of this.pendingInstructions) this.send(systemItem(this.nextId('evt'), itemId, text));
    this.link.resume();
    const waiting = this.responses.takeWaiting();
    const heard = this.ledger.history();
    if (waiting !== null) this.sendResponse(waiting);
    else if (wasSpeaking) {
      this.deliverInstruction({ kind: 'custom', text: this.deps.options.resumeInstruction });
      this.sendResponse('resume');
    } else if (heard.length > 0 && heard[heard.length - 1].role === 'patient') this.sendResponse('reply');
  }

  close(): void {
    this.patient.close();
    this.assistant.close();
    this.link.close();
  }

  private speechStarted(event: ServerEventOf<'input_audio_buffer.speech_started'>): void {
    this.responses.patientStartedSpeaking();
    // The greeting is protected: until turn-taking is on, the patient does not interrupt it (§4.5).
    if (this.turnTaking && (this.link.isPlaying() || this.responses.inProgress())) {
      // With interrupt_response on, the server has cancelled the response itself: no response.cancel (§4.8).
      this.bargeIn(false, this.responses.current?.items ?? []);
      this.counters.bargeIns += 1;
    }
    this.deps.emit({ type: 'speechStarted' });
    this.patient.started(event.item_id, event.audio_start_ms);
  }

  private bargeIn(cancelResponse: boolean, inProgressItems: readonly string[]): void {
    for (const item of this.link.bargeIn({ cancelResponse, alsoClear: inProgressItems })) {
      this.assistant.cleared(item.itemId, item.playedMs);
    }
  }

  private itemAdded(event: ServerEventOf<'conversation.item.added'>): void {
    const itemId = event.item.id;
    if (itemId === undefined) return;
    if (event.item.type === 'message' && event.item.role !== 'user') this.checkOrder(event.previous_item_id);
    this.lastItemId = itemId;
    this.pendingInstructions.delete(itemId);
  }

  /** A metric only: server VAD keeps items in the order we report them; disagreement is logged and counted. */
  private checkOrder(previous: string | null | undefined): void {
    if (previous === undefined || this.lastItemId === null || previous === this.lastItemId) return;
    this.counters.orderMismatches += 1;
    this.deps.logger.warn({ expected: this.lastItemId, previous }, 'turn_order_mismatch');
  }

  private outputItemAdded(event: ServerEventOf<'response.output_item.added'>): void {
    const itemId = event.item.id;
    if (itemId === undefined || event.item.type !== 'message') return;
    this.responses.addItem(itemId);
    this.assistant.open(itemId, event.response_id, this.deps.clock.now());
    this.ledger.open(itemId, 'assistant');
  }

  private audioDelta(itemId: string, delta: string): void {
    const bytes = Buffer.from(delta, 'base64');
    this.assistant.audio(itemId, bytes.length);
    if (bytes.length > 0) this.responses.audio();
    this.link.write(itemId, bytes);
  }

  /** `end_call` is reported once per item, whichever of its two done events comes first (§4.7). */
  private functionCall(itemId: string, name: string, args: string): void {
    if (name !== 'end_call' || this.endCalls.has(itemId)) return;
    this.endCalls.add(itemId);
    this.deps.emit({ type: 'endCallRequested', reason: endCallReason(args) });
  }

  private responseDone(event: ServerEventOf<'response.done'>): void {
    const { response } = event;
    const { firstMessage, transcripts } = messagesOf(response.output ?? []);
    const ended = this.responses.done(response.id ?? null);
    if (response.id !== undefined) this.assistant.responseDone(response.id, transcripts);
    const itemId = firstMessage ?? ended?.items[0] ?? null;
    this.deps.emit({ type: 'responseDone', itemId, hadAudio: ended?.hadAudio ?? false });
    const waiting = this.patient.isSpeaking ? null : this.responses.takeWaiting();
    if (waiting !== null) this.sendResponse(waiting);
  }

  private error(error: ServerEventOf<'error'>['error']): void {
    const code = error.code ?? error.type;
    if (code === 'conversation_already_has_active_response' || code === 'response_cancel_not_active') {
      this.counters.benignErrors += 1;
      return;
    }
    const truncate = error.event_id == null ? undefined : this.truncates.get(error.event_id);
    if (truncate !== undefined) {
      // Retry once at the item's received audio, then let it be (§4.14).
      this.truncates.delete(error.event_id!);
      this.send(truncateItem(this.nextId('evt'), truncate.itemId, truncate.receivedMs));
      return;
    }
    if (code === 'session_expired') return this.deps.lost('session_expired');
    if (error.event_id != null) this.responses.refused(error.event_id);
    this.deps.logger.warn({ code, type: error.type, param: error.param ?? null }, 'realtime error event');
    this.deps.emit({ type: 'error', code, message: error.message });
  }

  private sendResponse(kind: ResponseKind): void {
    const eventId = this.nextId('evt');
    if (this.send(responseCreate(eventId, kind))) this.responses.requested(kind, eventId);
    else this.responses.defer(kind);
  }

  private sendTruncate(itemId: string, audioEndMs: number, receivedMs: number): void {
    const eventId = this.nextId('evt');
    this.truncates.set(eventId, { itemId, receivedMs });
    this.send(truncateItem(eventId, itemId, audioEndMs));
  }

  private sendFrame(frame: Uint8Array): void {
    if (this.deps.sendText(appendMessage(frame))) this.patient.audioSent();
  }

  private send(event: ClientEvent): boolean {
    return this.deps.sendText(JSON.stringify(event));
  }

  private nextId(prefix: string): string {
    this.sequence += 1;
    return `${prefix}_${this.sequence}`;
  }
}
