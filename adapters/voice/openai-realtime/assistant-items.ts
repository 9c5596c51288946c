import type { SettledTurn } from './turn-ledger';

interface AssistantItem {
  readonly itemId: string;
  readonly responseId: string;
  readonly openedAt: Date;
  transcript: string;
  textDone: boolean;
  generatedBytes: number;
  audioDone: boolean;
  played: boolean;
  truncatedAtMs: number | null;
  timer: NodeJS.Timeout | null;
}

export interface AssistantItemSink {
  settle(turn: SettledTurn): void;
  /** Nobody heard anything of the item (VOICE.md §4.12: failed). */
  drop(itemId: string): void;
}

const BYTES_PER_MS = 8;

/** The heard part of a transcript (DOMAIN.md §6.3): the first `floor(words × played / generated)` words. */
export const heardText = (transcript: string, playedMs: number, generatedMs: number): string => {
  const words = transcript
    .trim()
    .split(/\s+/)
    .filter((word) => word !== '');
  if (generatedMs <= 0 || playedMs <= 0) return '';
  const count = Math.min(words.length, Math.floor((words.length * playedMs) / generatedMs));
  return words.slice(0, count).join(' ');
};

/**
 * Settles Bianca's items (VOICE.md §4.12): final once the transcript is complete **and** the audio has played
 * (bounded: at most `settleMs` after the audio could have finished playing), truncated to the heard words once its
 * playback was cleared (waiting up to `settleMs` for the full transcript, so the word ratio is right), dropped when
 * nothing of it was heard.
 */
export class AssistantItems {
  private readonly items = new Map<string, AssistantItem>();

  constructor(
    private readonly sink: AssistantItemSink,
    private readonly settleMs: number,
  ) {}

  open(itemId: string, responseId: string, at: Date): void {
    if (this.items.has(itemId)) return;
    this.items.set(itemId, {
      itemId,
      responseId,
      openedAt: at,
      transcript: '',
      textDone: false,
      generatedBytes: 0,
      audioDone: false,
      played: false,
      truncatedAtMs: null,
      timer: null,
    });
  }

  has(itemId: string): boolean {
    return this.items.has(itemId);
  }

  audio(itemId: string, bytes: number): void {
    const item = this.items.get(itemId);
    if (item !== undefined) item.generatedBytes += bytes;
  }

  audioDone(itemId: string): void {
    this.update(itemId, (item) => (item.audioDone = true));
  }

  transcriptDelta(itemId: string, delta: string): void {
    const item = this.items.get(itemId);
    if (item !== undefined && !item.textDone) item.transcript += delta;
  }

  transcriptDone(itemId: string, transcript: string): void {
    this.update(itemId, (item) => {
      item.transcript = transcript;
      item.textDone = true;
    });
  }

  /** `response.done`: text and audio of its items are complete; `transcripts` fills in any missing text. */
  responseDone(responseId: string, transcripts: ReadonlyMap<string, string>): void {
    for (const item of [...this.items.values()]) {
      if (item.responseId !== responseId) continue;
      const fallback = transcripts.get(item.itemId);
      if (!item.textDone && fallback !== undefined) item.transcript = fallback;
      item.textDone = true;
      item.audioDone = true;
      this.check(item);
    }
  }

  played(itemId: string): void {
    this.update(itemId, (item) => (item.played = true));
  }

  cleared(itemId: string, playedMs: number): void {
    this.update(itemId, (item) => (item.truncatedAtMs = playedMs));
  }

  /** The connection is gone: nothing more will arrive, so every item settles now with what it has. */
  settleAll(): void {
    for (const item of [...this.items.values()]) {
      item.textDone = true;
      item.audioDone = true;
      if (item.truncatedAtMs === null && !item.played) item.truncatedAtMs = 0;
      this.check(item);
    }
  }

  close(): void {
    for (const item of this.items.values()) if (item.timer !== null) clearTimeout(item.timer);
    this.items.clear();
  }

  private update(itemId: string, change: (item: AssistantItem) => void): void {
    const item = this.items.get(itemId);
    if (item === undefined) return;
    change(item);
    this.check(item);
  }

  private check(item: AssistantItem): void {
    if (item.truncatedAtMs !== null) {
      if (item.truncatedAtMs <= 0) this.finish(item, null);
      else if (item.textDone) this.finish(item, this.truncatedTurn(item, item.truncatedAtMs));
      else this.arm(item, this.settleMs, () => this.finish(item, this.truncatedTurn(item, item.truncatedAtMs ?? 0)));
      return;
    }
    if (!item.textDone) return;
    if (item.played) {
      this.finish(item, this.finalTurn(item));
      return;
    }
    if (item.audioDone && item.generatedBytes === 0) {
      this.finish(item, null);
      return;
    }
    if (item.audioDone) {
      const bound = Math.ceil(item.generatedBytes / BYTES_PER_MS) + this.settleMs;
      this.arm(item, bound, () => this.finish(item, this.finalTurn(item)));
    }
  }

  private finalTurn(item: AssistantItem): SettledTurn {
    return { type: 'turnFinal', itemId: item.itemId, role: 'assistant', text: item.transcript, at: item.openedAt };
  }

  private truncatedTurn(item: AssistantItem, playedMs: number): SettledTurn {
    const generatedMs = Math.floor(item.generatedBytes / BYTES_PER_MS);
    return {
      type: 'turnTruncated',
      itemId: item.itemId,
      heardText: heardText(item.transcript, playedMs, generatedMs),
      playedMs,
    };
  }

  private arm(item: AssistantItem, delayMs: number, fire: () => void): void {
    if (item.timer !== null) return;
    item.timer = setTimeout(fire, delayMs);
    item.timer.unref();
  }

  private finish(item: AssistantItem, turn: SettledTurn | null): void {
    if (!this.items.delete(item.itemId)) return;
    if (item.timer !== null) clearTimeout(item.timer);
    if (turn === null) this.sink.drop(item.itemId);
    else this.sink.settle(turn);
  }
}
