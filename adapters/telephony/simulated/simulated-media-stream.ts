import type { CallTimers, TimerHandle } from '../../../application/ports/call-timers';
import type { Clock } from '../../../application/ports/clock';
import type {
  MediaFrameConsumer,
  MediaStats,
  MediaStream,
  PlaybackPosition,
} from '../../../application/ports/media-stream';

/** µ-law at 8 kHz: 8 bytes per millisecond. */
const BYTES_PER_MS = 8;
const FRAME_BYTES = 160;

/** What the simulated patient "heard": each agent item, how much of it played, whether it played to the end. */
export interface HeardItem {
  readonly itemId: string;
  readonly playedMs: number;
  readonly completed: boolean;
}

interface PendingItem {
  readonly itemId: string;
  bytes: number;
  ended: boolean;
}

/**
 * The simulated line's `MediaStream` (VOICE.md §5.2) at text level: the patient's words travel on the caption
 * channel, so no inbound frames are produced. Agent audio is played out in real (or virtual) time on the timers
 * port: items play one after another once complete, each for its length at 8 kHz, then `onPlaybackFinished`
 * fires. `clear()` stops the current item at the played offset (barge-in) and drops what is queued.
 */
export class SimulatedMediaStream implements MediaStream {
  private consumer: MediaFrameConsumer | null = null;
  private readonly finishedHandlers: Array<(itemId: string, playedMs: number) => void> = [];
  private readonly items = new Map<string, PendingItem>();
  private readonly order: string[] = [];
  private playing: { itemId: string; startedAt: number; durationMs: number; timer: TimerHandle } | null = null;
  private readonly heardItems: HeardItem[] = [];
  private framesOut = 0;
  private closed = false;

  constructor(
    private readonly timers: CallTimers,
    private readonly clock: Clock,
  ) {}

  attach(consumer: MediaFrameConsumer): void {
    this.consumer = consumer;
  }

  detach(): void {
    this.consumer = null;
  }

  write(itemId: string, bytes: Uint8Array): void {
    if (this.closed) return;
    const item = this.items.get(itemId) ?? { itemId, bytes: 0, ended: false };
    item.bytes += bytes.length;
    this.items.set(itemId, item);
  }

  endOfItem(itemId: string): void {
    if (this.closed) return;
    const item = this.items.get(itemId) ?? { itemId, bytes: 0, ended: false };
    item.ended = true;
    this.items.set(itemId, item);
    this.order.push(itemId);
    this.playNext();
  }

  clear(): PlaybackPosition {
    const current = this.playing;
    this.order.length = 0;
    this.items.clear();
    if (current === null) return { itemId: null, playedMs: 0 };
    current.timer.cancel();
    this.playing = null;
    const playedMs = Math.min(current.durationMs, this.clock.now().getTime() - current.startedAt);
    this.heardItems.push({ itemId: current.itemId, playedMs, completed: false });
    return { itemId: current.itemId, playedMs };
  }

  onPlaybackFinished(handler: (itemId: string, playedMs: number) => void): void {
    this.finishedHandlers.push(handler);
  }

  stats(): MediaStats {
    return { framesIn: 0, framesOut: this.framesOut, lost: 0, concealed: 0, underruns: 0, jitterMs: 0 };
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.playing?.timer.cancel();
    this.playing = null;
    this.order.length = 0;
    this.items.clear();
    this.consumer = null;
  }

  isClosed(): boolean {
    return this.closed;
  }

  /** Whether a consumer (the agent) is attached. */
  isAttached(): boolean {
    return this.consumer !== null;
  }

  /** Agent items as the patient heard them, in order. */
  heard(): readonly HeardItem[] {
    return [...this.heardItems];
  }

  private playNext(): void {
    if (this.playing !== null || this.closed) return;
    const itemId = this.order.shift();
    if (itemId === undefined) return;
    const item = this.items.get(itemId);
    this.items.delete(itemId);
    const durationMs = Math.ceil((item?.bytes ?? 0) / BYTES_PER_MS);
    const startedAt = this.clock.now().getTime();
    const timer = this.timers.after(durationMs, () => this.finish(itemId, durationMs));
    this.playing = { itemId, startedAt, durationMs, timer };
  }

  private finish(itemId: string, durationMs: number): void {
    this.playing = null;
    this.framesOut += Math.ceil((durationMs * BYTES_PER_MS) / FRAME_BYTES);
    this.heardItems.push({ itemId, playedMs: durationMs, completed: true });
    for (const handler of [...this.finishedHandlers]) handler(itemId, durationMs);
    this.playNext();
  }
}
