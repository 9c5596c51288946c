import { randomUUID } from 'node:crypto';
import type { Clock } from '../../../application/ports/clock';
import type { Logger } from '../../../application/ports/logger';
import type { MediaStream } from '../../../application/ports/media-stream';
import type {
  AgentEvent,
  AgentSession,
  AgentSessionConfig,
  HeardTurn,
  ResponseKind,
  RuntimeInstruction,
} from '../../../application/ports/voice-agent';
import { RealtimeOpenError } from './realtime-connection';
import { RealtimeConversation, type ConversationCounters } from './realtime-conversation';
import { attemptWithinBudget, openReadyConnection, type ReadyConnection } from './realtime-handshake';
import type { RealtimeAgentOptions } from './realtime-options';
import { decodeServerEvent } from './realtime-server-events';

export interface RealtimeSessionDeps {
  readonly options: RealtimeAgentOptions;
  readonly clock: Clock;
  readonly logger: Logger;
}

type State = 'opening' | 'ready' | 'reconnecting' | 'lost' | 'closed';

/** The newest turns within both replay limits, oldest first (VOICE.md §4.9). */
export const replayWindow = (turns: readonly HeardTurn[], maxTurns: number, maxChars: number): HeardTurn[] => {
  const kept: HeardTurn[] = [];
  let chars = 0;
  for (let i = turns.length - 1; i >= 0 && kept.length < maxTurns; i -= 1) {
    const turn = turns[i];
    if (chars + turn.text.length > maxChars) break;
    chars += turn.text.length;
    kept.unshift(turn);
  }
  return kept;
};

/**
 * One call's agent session on OpenAI Realtime (VOICE.md §4). It outlives its socket: on a loss (close, no pong,
 * stalled send buffer, `session_expired`) it settles what was heard, parks inbound audio in the stream's pending
 * buffer and reconnects within the budget (attempts at 0, 250, 750 ms), replaying the configuration and the heard
 * transcript, then re-delivers pending instructions and resumes; only when that fails does it report `lost`.
 */
export class RealtimeAgentSession implements AgentSession {
  readonly id: string;
  expiresAt: Date | null = null;
  private state: State = 'opening';
  private ready: ReadyConnection | null = null;
  private readonly handlers: Array<(event: AgentEvent) => void> = [];
  private readonly conversation: RealtimeConversation;
  private readonly replayed: HeardTurn[] = [];
  private reconnects = 0;

  constructor(
    private readonly config: AgentSessionConfig,
    private readonly deps: RealtimeSessionDeps,
  ) {
    this.id = `rt_${randomUUID()}`;
    this.conversation = new RealtimeConversation({
      config,
      options: deps.options,
      clock: deps.clock,
      logger: deps.logger,
      sendText: (text) => this.ready?.connection.send(text) ?? false,
      emit: (event) => this.emit(event),
      lost: (reason) => this.onLost(reason),
    });
  }

  /** Connects and configures within the open budget; rejects with a `RealtimeOpenError`. */
  async start(): Promise<void> {
    const ready = await this.connect(this.deps.options.openBudgetMs);
    if (this.state === 'closed') {
      ready.connection.close();
      throw new RealtimeOpenError('network', 'session closed while opening');
    }
    this.adopt(ready);
  }

  attach(media: MediaStream): void {
    if (this.state === 'closed' || this.state === 'lost') return;
    this.conversation.link.attach(media, this.state === 'ready');
  }

  requestResponse(kind: ResponseKind): void {
    if (this.isUsable()) this.conversation.requestResponse(kind);
  }

  deliverInstruction(instruction: RuntimeInstruction): void {
    if (this.isUsable()) this.conversation.deliverInstruction(instruction);
  }

  preempt(): void {
    if (this.isUsable()) this.conversation.preempt();
  }

  enableTurnTaking(): void {
    if (this.isUsable()) this.conversation.enableTurnTaking();
  }

  /** Context for a fresh session opened by the application; kept, so a later reconnect replays it too. */
  replay(turns: readonly HeardTurn[]): void {
    if (!this.isUsable()) return;
    this.replayed.push(...turns);
    if (this.state === 'ready') this.conversation.replay(turns);
  }

  onEvent(handler: (event: AgentEvent) => void): void {
    this.handlers.push(handler);
  }

  close(): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.ready?.connection.close(1000);
    this.ready = null;
    this.conversation.close();
  }

  isClosed(): boolean {
    return this.state === 'closed';
  }

  stats(): ConversationCounters & { readonly reconnects: number; readonly framesIn: number } {
    return {
      ...this.conversation.counters,
      reconnects: this.reconnects,
      framesIn: this.conversation.link.stats().framesIn,
    };
  }

  private isUsable(): boolean {
    return this.state === 'ready' || this.state === 'reconnecting';
  }

  private connect(budgetMs: number): Promise<ReadyConnection> {
    const { options } = this.deps;
    return attemptWithinBudget(
      budgetMs,
      options.reconnectDelaysMs,
      (remainingMs) =>
        openReadyConnection(options, remainingMs, (eventId) => this.conversation.sessionUpdateText(eventId)),
      () => this.state === 'closed',
    );
  }

  /** Makes `ready` the live connection; false when it was lost while being handed over. */
  private adopt(ready: ReadyConnection): boolean {
    this.ready = ready;
    this.state = 'ready';
    this.expiresAt = new Date(
      ready.expiresAtMs ?? this.deps.clock.now().getTime() + this.deps.options.sessionCapS * 1000,
    );
    ready.takeOver({ onMessage: (text) => this.onMessage(text), onLost: (reason) => this.onLost(reason) });
    return this.ready === ready && this.state === 'ready';
  }

  private onMessage(text: string): void {
    if (this.state === 'closed') return;
    const decoded = decodeServerEvent(text);
    if (decoded.kind === 'event') this.conversation.handle(decoded.event);
    else if (decoded.kind === 'ignored') this.conversation.counters.ignoredEvents += 1;
    else {
      this.conversation.counters.malformedEvents += 1;
      this.deps.logger.warn({ callId: this.config.callId, type: decoded.type }, 'malformed realtime event');
    }
  }

  private onLost(reason: string): void {
    if (this.state !== 'ready') return;
    this.state = 'reconnecting';
    this.ready?.connection.close(1000);
    this.ready = null;
    const wasSpeaking = this.conversation.connectionLost();
    this.deps.logger.warn({ callId: this.config.callId, reason }, 'realtime connection lost; reconnecting');
    void this.reconnect(reason, wasSpeaking);
  }

  private async reconnect(reason: string, wasSpeaking: boolean): Promise<void> {
    const { options } = this.deps;
    let ready: ReadyConnection;
    try {
      ready = await this.connect(options.reconnectBudgetMs);
    } catch (error) {
      if (this.state !== 'reconnecting') return;
      this.state = 'lost';
      this.conversation.close();
      const why = error instanceof Error ? error.message : String(error);
      this.deps.logger.warn({ callId: this.config.callId, reason, error: why }, 'realtime reconnect failed');
      this.emit({ type: 'lost', reason: `${reason}; reconnect failed: ${why}` });
      return;
    }
    if (this.state !== 'reconnecting') {
      ready.connection.close(1000);
      return;
    }
    if (!this.adopt(ready)) return;
    this.reconnects += 1;
    const context = [...this.replayed, ...this.conversation.ledger.history()];
    this.conversation.replay(replayWindow(context, options.replayMaxTurns, options.replayMaxChars));
    this.conversation.connectionRestored(wasSpeaking);
    this.emit({ type: 'ready' });
  }

  private emit(event: AgentEvent): void {
    if (this.state === 'closed') return;
    for (const handler of [...this.handlers]) handler(event);
  }
}
