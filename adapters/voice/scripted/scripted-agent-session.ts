import type { CallTimers, TimerHandle } from '../../../application/ports/call-timers';
import type { Clock } from '../../../application/ports/clock';
import type { MediaStream } from '../../../application/ports/media-stream';
import type {
  AgentEvent,
  AgentSession,
  AgentSessionConfig,
  HeardTurn,
  ResponseKind,
  RuntimeInstruction,
} from '../../../application/ports/voice-agent';
import type { CaptionFeed, PatientCaption } from './caption-feed';
import { lineFor, replyTo, type ScriptedLine } from './scripted-replies';

/** µ-law silence: the stand-in plays silence of the right length instead of synthetic speech. */
const SILENCE = 0xff;
const BYTES_PER_MS = 8;

export interface ScriptedSessionOptions {
  /** How long speaking `text` takes, in ms. */
  readonly speechMs: (text: string) => number;
  /** Pause between the patient's last word and the reply. */
  readonly replyDelayMs: number;
}

interface Speaking {
  readonly itemId: string;
  readonly line: ScriptedLine;
}

/**
 * One scripted agent session (VOICE.md §5.3, minimal stand-in): speaks its lines as audio of the right length
 * into the media stream and reports each as a settled assistant turn once it has played; hears the patient through
 * the caption feed (speech started, stopped, then the settled patient turn) and, once turn-taking is on, replies by
 * its keyword rules. A goodbye line is followed by `endCallRequested`. A caption arriving while it speaks is a
 * barge-in: the media is cleared and the turn truncated to the words heard. Deterministic on the timers port.
 */
export class ScriptedAgentSession implements AgentSession {
  readonly expiresAt: Date | null = null;
  private readonly handlers: Array<(event: AgentEvent) => void> = [];
  private media: MediaStream | null = null;
  private speaking: Speaking | null = null;
  private turnTaking = false;
  private closeNext = false;
  private lastLine: string | null = null;
  /** Check-in topics asked so far (sleep, meals, mood). */
  private topicsAsked = 0;
  private items = 0;
  private closed = false;
  private unsubscribe: (() => void) | null = null;
  private readonly timers: TimerHandle[] = [];

  constructor(
    readonly id: string,
    private readonly config: AgentSessionConfig,
    private readonly callTimers: CallTimers,
    private readonly clock: Clock,
    private readonly captions: CaptionFeed | null,
    private readonly options: ScriptedSessionOptions,
  ) {}

  attach(media: MediaStream): void {
    if (this.closed || this.media !== null) return;
    this.media = media;
    media.onPlaybackFinished((itemId) => this.played(itemId));
    this.unsubscribe = this.captions?.subscribe(this.config.callId, (caption) => this.heard(caption)) ?? null;
  }

  requestResponse(kind: ResponseKind): void {
    if (this.closed) return;
    if (this.speaking !== null) {
      this.emit({ type: 'error', code: 'response_in_progress', message: 'A response is already in progress' });
      return;
    }
    if (kind === 'reply') {
      const line = this.closeNext
        ? this.goodbye()
        : replyTo('', this.config.language, this.name(), this.lastLine, this.topicsAsked);
      if (line.askedTopic === true) this.topicsAsked += 1;
      this.speak(line);
      return;
    }
    this.speak(this.closeNext && kind !== 'goodbye' ? this.goodbye() : this.lineOf(kind));
  }

  /** Wrap-up and goodbye make the next line a closing one; the other kinds need no state here. */
  deliverInstruction(instruction: RuntimeInstruction): void {
    if (instruction.kind === 'wrapUp' || instruction.kind === 'goodbye') this.closeNext = true;
  }

  preempt(): void {
    this.truncate();
  }

  enableTurnTaking(): void {
    this.turnTaking = true;
  }

  replay(_turns: readonly HeardTurn[]): void {
    // A new scripted session has no provider context to rebuild.
  }

  onEvent(handler: (event: AgentEvent) => void): void {
    this.handlers.push(handler);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.unsubscribe?.();
    this.unsubscribe = null;
    for (const timer of this.timers) timer.cancel();
    this.speaking = null;
    this.media = null;
  }

  isClosed(): boolean {
    return this.closed;
  }

  private name(): string {
    return this.config.patientName;
  }

  private lineOf(kind: Exclude<ResponseKind, 'reply'>): ScriptedLine {
    return lineFor(kind, this.config.language, this.name());
  }

  private goodbye(): ScriptedLine {
    return lineFor('goodbye', this.config.language, this.name());
  }

  private speak(line: ScriptedLine): void {
    const media = this.media;
    if (media === null || this.closed) return;
    this.items += 1;
    const itemId = `${this.id}-a${this.items}`;
    this.speaking = { itemId, line };
    this.lastLine = line.text;
    media.write(itemId, new Uint8Array(this.options.speechMs(line.text) * BYTES_PER_MS).fill(SILENCE));
    media.endOfItem(itemId);
  }

  private played(itemId: string): void {
    const speaking = this.speaking;
    if (this.closed || speaking === null || speaking.itemId !== itemId) return;
    this.speaking = null;
    this.emit({ type: 'turnFinal', itemId, role: 'assistant', text: speaking.line.text, at: this.clock.now() });
    this.emit({ type: 'responseDone', itemId, hadAudio: true });
    if (speaking.line.endsCall) this.emit({ type: 'endCallRequested', reason: 'goodbye' });
  }

  private heard(caption: PatientCaption): void {
    if (this.closed) return;
    this.truncate();
    const startedAt = this.clock.now();
    this.emit({ type: 'speechStarted' });
    this.later(caption.durationMs, () => {
      this.emit({ type: 'speechStopped' });
      this.items += 1;
      this.emit({
        type: 'turnFinal',
        itemId: `${this.id}-p${this.items}`,
        role: 'patient',
        text: caption.text,
        at: startedAt,
      });
      if (!this.turnTaking) return;
      const line = this.closeNext
        ? this.goodbye()
        : replyTo(caption.text, this.config.language, this.name(), this.lastLine, this.topicsAsked);
      if (line.askedTopic === true) this.topicsAsked += 1;
      this.later(this.options.replyDelayMs, () => {
        if (this.speaking === null) this.speak(line);
      });
    });
  }

  /** Barge-in: stops the current line where the patient interrupted and keeps only the words heard. */
  private truncate(): void {
    const speaking = this.speaking;
    if (speaking === null || this.media === null) return;
    this.speaking = null;
    const position = this.media.clear();
    const total = this.options.speechMs(speaking.line.text);
    const words = speaking.line.text.split(/\s+/);
    const heardWords = Math.floor((words.length * position.playedMs) / Math.max(1, total));
    this.emit({
      type: 'turnTruncated',
      itemId: speaking.itemId,
      heardText: words.slice(0, heardWords).join(' '),
      playedMs: position.playedMs,
    });
    this.emit({ type: 'responseDone', itemId: speaking.itemId, hadAudio: position.playedMs > 0 });
  }

  private later(ms: number, step: () => void): void {
    const timer = this.callTimers.after(ms, () => {
      const index = this.timers.indexOf(timer);
      if (index >= 0) this.timers.splice(index, 1);
      if (!this.closed) step();
    });
    this.timers.push(timer);
  }

  private emit(event: AgentEvent): void {
    if (this.closed) return;
    for (const handler of [...this.handlers]) handler(event);
  }
}
