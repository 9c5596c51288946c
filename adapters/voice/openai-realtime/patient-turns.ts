import type { Clock } from '../../../application/ports/clock';
import type { TurnLedger } from './turn-ledger';

/**
 * The patient's side of the turns (VOICE.md §4.12): a turn takes its place at `speech_started` (dated from the
 * session's audio origin + `audio_start_ms`), is final at its transcript, and is dropped when transcription fails
 * or is empty, when the utterance is never committed (noise), or when no transcript came within `transcriptWaitMs`
 * of the commit (a later one is still reported, out of place rather than lost).
 */
export class PatientTurns {
  private speaking = false;
  private uncommitted: string | null = null;
  private audioOriginMs: number | null = null;
  private readonly starts = new Map<string, Date>();
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly ledger: TurnLedger,
    private readonly clock: Clock,
    private readonly transcriptWaitMs: number,
  ) {}

  get isSpeaking(): boolean {
    return this.speaking;
  }

  /** An append went out: the first one of a connection is the origin of its audio timeline. */
  audioSent(): void {
    if (this.audioOriginMs === null) this.audioOriginMs = this.clock.now().getTime();
  }

  started(itemId: string, audioStartMs: number): void {
    this.speaking = true;
    if (this.uncommitted !== null && this.uncommitted !== itemId) this.ledger.drop(this.uncommitted);
    this.uncommitted = itemId;
    const origin = this.audioOriginMs;
    this.starts.set(itemId, origin === null ? this.clock.now() : new Date(origin + audioStartMs));
    this.ledger.open(itemId, 'patient');
  }

  /** An utterance that is never committed after it stopped is noise: it stops holding later turns back. */
  stopped(itemId: string): void {
    this.speaking = false;
    this.giveUpLater(itemId);
  }

  committed(itemId: string): void {
    if (this.uncommitted === itemId) this.uncommitted = null;
    this.ledger.open(itemId, 'patient');
    this.giveUpLater(itemId);
  }

  transcribed(itemId: string, text: string): void {
    const timer = this.timers.get(itemId);
    if (timer !== undefined) clearTimeout(timer);
    this.timers.delete(itemId);
    const at = this.starts.get(itemId) ?? this.clock.now();
    this.starts.delete(itemId);
    const trimmed = text.trim();
    if (trimmed === '') this.ledger.drop(itemId);
    else this.ledger.settle({ type: 'turnFinal', itemId, role: 'patient', text: trimmed, at });
  }

  /** A new connection has a new audio timeline; nothing open on the old one can still be transcribed. */
  connectionLost(): void {
    this.close();
    this.speaking = false;
    this.uncommitted = null;
    this.audioOriginMs = null;
    this.starts.clear();
  }

  private giveUpLater(itemId: string): void {
    const previous = this.timers.get(itemId);
    if (previous !== undefined) clearTimeout(previous);
    const timer = setTimeout(() => {
      this.timers.delete(itemId);
      this.ledger.drop(itemId);
    }, this.transcriptWaitMs);
    timer.unref();
    this.timers.set(itemId, timer);
  }

  close(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
