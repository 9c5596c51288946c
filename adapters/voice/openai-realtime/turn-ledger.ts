import type { AgentEvent, HeardTurn } from '../../../application/ports/voice-agent';

export type SettledTurn = Extract<AgentEvent, { type: 'turnFinal' } | { type: 'turnTruncated' }>;

interface Entry {
  readonly itemId: string;
  readonly role: 'assistant' | 'patient';
  state: 'open' | 'settled' | 'dropped';
  event: SettledTurn | null;
}

/**
 * Releases settled turns in conversation-item order (VOICE.md §4.12): a turn takes its place when it is opened
 * (patient at `speech_started`, assistant at `response.output_item.added`) and is reported only once every turn
 * opened before it is settled or dropped. The application records turns in the order it receives them, so this is
 * what keeps a late patient transcript ahead of the reply that followed it.
 *
 * Also the call's heard transcript (final and truncated turns, as reported) for context replay after a reconnect.
 */
export class TurnLedger {
  private readonly queue: Entry[] = [];
  private readonly entries = new Map<string, Entry>();
  private readonly reported = new Set<string>();
  private readonly heard: HeardTurn[] = [];

  constructor(private readonly report: (turn: SettledTurn) => void) {}

  open(itemId: string, role: 'assistant' | 'patient'): void {
    if (this.entries.has(itemId) || this.reported.has(itemId)) return;
    const entry: Entry = { itemId, role, state: 'open', event: null };
    this.entries.set(itemId, entry);
    this.queue.push(entry);
  }

  isOpen(itemId: string): boolean {
    return this.entries.get(itemId)?.state === 'open';
  }

  /** A turn never opened, or whose place was given up (late transcript), is reported at once: it is never lost. */
  settle(turn: SettledTurn): void {
    if (this.reported.has(turn.itemId)) return;
    const entry = this.entries.get(turn.itemId);
    if (entry === undefined || entry.state !== 'open') {
      this.entries.delete(turn.itemId);
      this.emit(turn);
      this.flush();
      return;
    }
    entry.state = 'settled';
    entry.event = turn;
    this.flush();
  }

  /** Nothing to report for this item (failed transcription, noise, audio nobody heard). */
  drop(itemId: string): void {
    const entry = this.entries.get(itemId);
    if (entry === undefined || entry.state !== 'open') return;
    entry.state = 'dropped';
    this.flush();
  }

  /** Open turns of `role` (all when omitted) that can no longer settle, e.g. patient turns when the socket dropped. */
  dropOpen(role?: 'assistant' | 'patient'): void {
    for (const entry of this.queue)
      if (entry.state === 'open' && (role === undefined || entry.role === role)) entry.state = 'dropped';
    this.flush();
  }

  /** Final and truncated turns as the patient heard them, oldest first. */
  history(): readonly HeardTurn[] {
    return this.heard;
  }

  /** Turns still holding their place. */
  openCount(): number {
    return this.queue.filter((entry) => entry.state === 'open').length;
  }

  private flush(): void {
    while (this.queue.length > 0 && this.queue[0].state !== 'open') {
      const entry = this.queue.shift()!;
      this.entries.delete(entry.itemId);
      if (entry.event !== null) this.emit(entry.event);
    }
  }

  private emit(turn: SettledTurn): void {
    this.reported.add(turn.itemId);
    const text = turn.type === 'turnFinal' ? turn.text : turn.heardText;
    if (text.trim() !== '') this.heard.push({ role: turn.type === 'turnFinal' ? turn.role : 'assistant', text });
    this.report(turn);
  }
}
