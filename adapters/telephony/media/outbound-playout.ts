import { BYTES_PER_MS, FRAME_BYTES, MU_LAW_SILENCE } from '../../audio/mu-law';
import type { PlaybackPosition } from '../../../application/ports/media-stream';
import { FrameRing } from './frame-ring';

/**
 * The outbound playout of VOICE.md §3.4, shared by the RTP stream and the simulated line: it cuts agent audio
 * into 160-byte frames per item, queues them, and hands out one frame per pacer slot (agent audio or filler).
 * No I/O and no timers: the caller passes the monotonic time, so virtual clocks drive it in tests.
 */
export interface OutboundPlayoutOptions {
  /** Queue bound (120 s); bytes beyond it are dropped and counted. */
  readonly maxQueueMs: number;
  /** An item starts playing once this much of it is queued ... */
  readonly prebufferMs: number;
  /** ... or this long after its first byte arrived, whichever comes first. */
  readonly prebufferWaitMs: number;
}

export const defaultPlayoutOptions: OutboundPlayoutOptions = {
  maxQueueMs: 120_000,
  prebufferMs: 60,
  prebufferWaitMs: 40,
};

export interface PlayoutFrame {
  /** 160 bytes; read-only. */
  readonly bytes: Uint8Array;
  readonly agent: boolean;
  /** First agent frame after one or more filler frames: a talk-spurt start. */
  readonly marker: boolean;
  readonly itemId: string | null;
}

/** `talkSpurtStart`: the first agent frame after filler (the RTP marker bit). */
export type FrameKind = 'filler' | 'audio' | 'talkSpurtStart';

export interface PlayoutStats {
  readonly agentFrames: number;
  readonly fillerFrames: number;
  /** Filler sent while an item was playing and not yet complete ("underruns mid-utterance"). */
  readonly underrunFrames: number;
  readonly overflowBytes: number;
  /** Bytes written for items that had been cleared. */
  readonly discardedBytes: number;
  readonly clears: number;
  readonly queuedFrames: number;
}

interface Item {
  readonly id: string;
  readonly firstByteAt: number;
  received: number;
  played: number;
  /** Complete frames queued for the item so far (the padded tail included once it ended). */
  frames: number;
  framesOut: number;
  /** Audio bytes in the item's last frame (the rest is padding); known once it ended. */
  tailAudio: number;
  ended: boolean;
  started: boolean;
}

const FILLER = new Uint8Array(FRAME_BYTES).fill(MU_LAW_SILENCE);
const FILLER_FRAME: PlayoutFrame = Object.freeze({ bytes: FILLER, agent: false, marker: false, itemId: null });

export class OutboundPlayout {
  private readonly items = new Map<string, Item>();
  private readonly cleared = new Set<string>();
  private readonly finished = new Set<string>();
  /** Items with frames still to play, oldest first: the queue's frames belong to them in this order. */
  private order: Item[] = [];
  private readonly ring: FrameRing;
  private framing: Item | null = null;
  private playing: Item | null = null;
  private previousWasFiller = true;
  private lastItemId: string | null = null;
  private readonly handlers: ((itemId: string, playedMs: number) => void)[] = [];
  private counters = {
    agentFrames: 0,
    fillerFrames: 0,
    underrunFrames: 0,
    overflowBytes: 0,
    discardedBytes: 0,
    clears: 0,
  };

  constructor(
    private readonly now: () => number,
    private readonly options: OutboundPlayoutOptions = defaultPlayoutOptions,
  ) {
    this.ring = new FrameRing(Math.floor((options.maxQueueMs * BYTES_PER_MS) / FRAME_BYTES));
  }

  write(itemId: string, bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    let item = this.items.get(itemId);
    if (this.cleared.has(itemId) || this.finished.has(itemId) || item?.ended === true) {
      this.counters.discardedBytes += bytes.length;
      return;
    }
    if (item === undefined) {
      // Items play in order: a new item's audio means the previous one is complete.
      if (this.framing !== null) this.endOfItem(this.framing.id);
      item = {
        id: itemId,
        firstByteAt: this.now(),
        received: 0,
        played: 0,
        frames: 0,
        framesOut: 0,
        tailAudio: FRAME_BYTES,
        ended: false,
        started: false,
      };
      this.items.set(itemId, item);
      this.order.push(item);
      this.framing = item;
    }
    const accepted = Math.max(0, Math.min(bytes.length, this.ring.room()));
    this.counters.overflowBytes += bytes.length - accepted;
    item.received += accepted;
    if (accepted > 0) item.frames += this.ring.append(bytes, accepted);
  }

  /** The item's tail is padded with filler and queued, so it never waits for the next response. */
  endOfItem(itemId: string): void {
    if (this.cleared.has(itemId) || this.finished.has(itemId)) return;
    const item = this.items.get(itemId);
    if (item === undefined) {
      this.finish(itemId, 0);
      return;
    }
    if (item.ended) return;
    item.ended = true;
    if (this.framing === item) {
      const tail = this.ring.sealPartial();
      if (tail > 0) {
        item.frames += 1;
        item.tailAudio = tail;
      }
      this.framing = null;
    }
    if (item.framesOut === item.frames) this.complete(item);
  }

  /** Drops every queued frame; the next slot is filler. Says how much of the playing item was heard. */
  clear(): PlaybackPosition {
    const current = this.playing ?? this.order[0] ?? null;
    const position: PlaybackPosition =
      current === null ? { itemId: null, playedMs: 0 } : { itemId: current.id, playedMs: msOf(current.played) };
    for (const id of this.items.keys()) this.cleared.add(id);
    this.items.clear();
    this.order = [];
    this.ring.clear();
    this.framing = null;
    this.playing = null;
    this.counters.clears += 1;
    return position;
  }

  /** Whether the next slot would carry agent audio (the pacer never skips such a slot). */
  hasAudioDue(nowMs: number): boolean {
    const head = this.order[0];
    return this.ring.frames() > 0 && head !== undefined && this.readyToPlay(head, nowMs);
  }

  /** The next slot's frame as a new object (the simulated line, tests). */
  nextFrame(nowMs: number): PlayoutFrame {
    const bytes = new Uint8Array(FRAME_BYTES);
    const kind = this.nextFrameInto(bytes, 0, nowMs);
    if (kind === 'filler') return FILLER_FRAME;
    return { bytes, agent: true, marker: kind === 'talkSpurtStart', itemId: this.lastItemId };
  }

  /** The next slot's frame copied straight into `target` at `offset` (the RTP packet buffer): no allocation. */
  nextFrameInto(target: Uint8Array, offset: number, nowMs: number): FrameKind {
    const item = this.order[0];
    if (item === undefined || this.ring.frames() === 0 || !this.readyToPlay(item, nowMs)) {
      if (this.playing !== null && !this.playing.ended && this.ring.frames() === 0) this.counters.underrunFrames += 1;
      this.counters.fillerFrames += 1;
      this.previousWasFiller = true;
      target.set(FILLER, offset);
      return 'filler';
    }
    this.ring.shiftInto(target, offset);
    item.framesOut += 1;
    const last = item.ended && item.framesOut === item.frames;
    item.played += last ? item.tailAudio : FRAME_BYTES;
    this.playing = item;
    this.lastItemId = item.id;
    const kind: FrameKind = this.previousWasFiller ? 'talkSpurtStart' : 'audio';
    this.previousWasFiller = false;
    this.counters.agentFrames += 1;
    if (last) this.complete(item);
    return kind;
  }

  onPlaybackFinished(handler: (itemId: string, playedMs: number) => void): void {
    this.handlers.push(handler);
  }

  queuedFrames(): number {
    return this.ring.frames();
  }

  stats(): PlayoutStats {
    return { ...this.counters, queuedFrames: this.queuedFrames() };
  }

  private readyToPlay(item: Item, nowMs: number): boolean {
    if (!item.started) {
      const buffered = item.received - item.played;
      item.started =
        item.ended ||
        buffered >= this.options.prebufferMs * BYTES_PER_MS ||
        nowMs - item.firstByteAt >= this.options.prebufferWaitMs;
    }
    return item.started;
  }

  private complete(item: Item): void {
    this.items.delete(item.id);
    if (this.order[0] === item) this.order.shift();
    if (this.playing === item) this.playing = null;
    this.finish(item.id, msOf(item.played));
  }

  private finish(itemId: string, playedMs: number): void {
    this.finished.add(itemId);
    for (const handler of this.handlers) {
      try {
        handler(itemId, playedMs);
      } catch {
        // A failing listener must not stop the media clock; the listener owns its errors.
      }
    }
  }
}

const msOf = (bytes: number): number => Math.floor(bytes / BYTES_PER_MS);
