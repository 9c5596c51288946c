import type {
  MediaFrameConsumer,
  MediaStats,
  MediaStream,
  PlaybackPosition,
} from '../../../../application/ports/media-stream';

const FRAME_BYTES = 160;
const BYTES_PER_MS = 8;
const PENDING_FRAMES = 100;

export interface RecordedWrite {
  readonly itemId: string;
  readonly bytes: number;
  readonly at: number;
  /** The item had been cleared: the stream discarded the bytes. */
  readonly discarded: boolean;
}

export interface PlayedFrame {
  readonly itemId: string;
  readonly at: number;
}

export interface RecordedClear {
  readonly at: number;
  readonly position: PlaybackPosition;
  readonly framesQueuedBefore: number;
  readonly framesQueuedAfter: number;
}

interface QueuedItem {
  readonly itemId: string;
  bytes: Buffer;
  ended: boolean;
  played: number;
}

export interface RecordingMediaStreamOptions {
  /** Wall time per played 20 ms frame (default 20: real time; smaller plays faster). */
  readonly frameIntervalMs?: number;
  /** Play frames on a timer (default true); otherwise call `tick()`. */
  readonly autoPlay?: boolean;
  readonly now?: () => number;
}

/**
 * An in-memory `MediaStream` for the agent adapters' tests: inbound frames are injected by the test (held in a
 * 2 s pending buffer while nothing is attached); agent audio is recorded per write and played out one 20 ms frame
 * per tick, item after item, with `onPlaybackFinished` at each item's end; `clear()` drops the queue at once and
 * reports the played offset. Every write, played frame and clear carries a timestamp of the double's clock.
 */
export class RecordingMediaStream implements MediaStream {
  readonly writes: RecordedWrite[] = [];
  readonly played: PlayedFrame[] = [];
  readonly clears: RecordedClear[] = [];
  readonly finished: Array<{ readonly itemId: string; readonly playedMs: number; readonly at: number }> = [];
  attaches = 0;
  detaches = 0;
  private consumer: MediaFrameConsumer | null = null;
  private pending: Uint8Array[] = [];
  private queue: QueuedItem[] = [];
  private readonly cleared = new Set<string>();
  private readonly handlers: Array<(itemId: string, playedMs: number) => void> = [];
  private readonly now: () => number;
  private timer: NodeJS.Timeout | null = null;
  private framesIn = 0;
  private closed = false;

  constructor(options: RecordingMediaStreamOptions = {}) {
    this.now = options.now ?? (() => performance.now());
    if (options.autoPlay ?? true) {
      this.timer = setInterval(() => this.tick(), options.frameIntervalMs ?? 20);
      this.timer.unref();
    }
  }

  attach(consumer: MediaFrameConsumer): void {
    this.attaches += 1;
    this.consumer = consumer;
    for (const frame of this.pending.splice(0)) consumer.onFrame(frame);
  }

  detach(): void {
    this.detaches += 1;
    this.consumer = null;
  }

  get isAttached(): boolean {
    return this.consumer !== null;
  }

  /** An inbound frame from the patient's side. */
  inject(frame: Uint8Array): void {
    this.framesIn += 1;
    if (this.consumer !== null) return this.consumer.onFrame(frame);
    this.pending.push(frame);
    if (this.pending.length > PENDING_FRAMES) this.pending.shift();
  }

  injectAudio(audio: Uint8Array): void {
    for (let offset = 0; offset + FRAME_BYTES <= audio.length; offset += FRAME_BYTES) {
      this.inject(audio.slice(offset, offset + FRAME_BYTES));
    }
  }

  write(itemId: string, bytes: Uint8Array): void {
    const discarded = this.closed || this.cleared.has(itemId);
    this.writes.push({ itemId, bytes: bytes.length, at: this.now(), discarded });
    if (discarded) return;
    const item = this.queue.find((candidate) => candidate.itemId === itemId);
    if (item === undefined) this.queue.push({ itemId, bytes: Buffer.from(bytes), ended: false, played: 0 });
    else item.bytes = Buffer.concat([item.bytes, bytes]);
  }

  endOfItem(itemId: string): void {
    const item = this.queue.find((candidate) => candidate.itemId === itemId);
    if (item !== undefined) item.ended = true;
  }

  clear(): PlaybackPosition {
    const before = this.queuedFrames();
    const head = this.queue[0];
    const position: PlaybackPosition =
      head === undefined
        ? { itemId: null, playedMs: 0 }
        : { itemId: head.itemId, playedMs: Math.floor(head.played / BYTES_PER_MS) };
    for (const item of this.queue) this.cleared.add(item.itemId);
    this.queue = [];
    this.clears.push({ at: this.now(), position, framesQueuedBefore: before, framesQueuedAfter: this.queuedFrames() });
    return position;
  }

  onPlaybackFinished(handler: (itemId: string, playedMs: number) => void): void {
    this.handlers.push(handler);
  }

  /** Plays one 20 ms slot: the next agent frame, if any. */
  tick(): void {
    const head = this.queue[0];
    if (head === undefined) return;
    const available = head.bytes.length - head.played;
    if (available >= FRAME_BYTES || (head.ended && available > 0)) {
      head.played += Math.min(FRAME_BYTES, available);
      this.played.push({ itemId: head.itemId, at: this.now() });
    }
    if (head.ended && head.played >= head.bytes.length) {
      this.queue.shift();
      const playedMs = Math.floor(head.played / BYTES_PER_MS);
      this.finished.push({ itemId: head.itemId, playedMs, at: this.now() });
      for (const handler of [...this.handlers]) handler(head.itemId, playedMs);
    }
  }

  queuedFrames(): number {
    return this.queue.reduce((sum, item) => sum + Math.ceil((item.bytes.length - item.played) / FRAME_BYTES), 0);
  }

  playedFramesOf(itemId: string): number {
    return this.played.filter((frame) => frame.itemId === itemId).length;
  }

  stats(): MediaStats {
    return { framesIn: this.framesIn, framesOut: this.played.length, lost: 0, concealed: 0, underruns: 0, jitterMs: 0 };
  }

  close(): void {
    this.closed = true;
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    this.consumer = null;
  }
}
