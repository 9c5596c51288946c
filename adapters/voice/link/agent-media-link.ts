import type { MediaFrameConsumer, MediaStream } from '../../../application/ports/media-stream';

/** What the link needs from the provider side: where inbound frames go, and the two barge-in commands. */
export interface AgentSide {
  /** One inbound 20 ms µ-law frame, in arrival order. */
  sendFrame(frame: Uint8Array): void;
  /** Tell the provider the patient heard only `item.audioEndMs` of the item. */
  truncate(item: ClearedItem): void;
  cancelResponse(): void;
}

export interface AgentMediaLinkOptions {
  /** Subtracted from played ms for the truncate offset (VOICE_PLAYOUT_LATENCY_MS). */
  readonly playoutLatencyMs: number;
}

/** An agent item whose playback was cleared, with what the patient heard of it. */
export interface ClearedItem {
  readonly itemId: string;
  readonly playedMs: number;
  /** Agent audio received for the item when it was cleared. */
  readonly receivedMs: number;
  /** `clamp(playedMs − latency, 0, receivedMs)`: the truncate offset. */
  readonly audioEndMs: number;
}

export interface BargeInRequest {
  /** Also send `response.cancel` (emergency pre-emption, or interrupt_response off). */
  readonly cancelResponse: boolean;
  /** Items of the response in progress whose audio has not arrived yet: their later deltas are dropped too. */
  readonly alsoClear?: readonly string[];
}

interface OutboundItem {
  receivedBytes: number;
}

const BYTES_PER_MS = 8;

/**
 * The frame pump between a `MediaStream` and an agent, both ways (VOICE.md §0.4, §4.8), shared by the agent
 * adapters: inbound frames go to the agent one by one as they are released; agent audio is written to the stream
 * per item and ended per item; items cleared by a barge-in never play again (late deltas are dropped); played
 * offsets come from the stream (`clear()` and `onPlaybackFinished`), so truncation matches what the patient heard.
 */
export class AgentMediaLink {
  private media: MediaStream | null = null;
  private attached = false;
  private readonly subscribed = new WeakSet<MediaStream>();
  /** Written and neither finished playing nor cleared, in the order their audio started. */
  private readonly playing = new Map<string, OutboundItem>();
  private readonly cleared = new Set<string>();
  private readonly playedHandlers: Array<(itemId: string, playedMs: number) => void> = [];
  private framesIn = 0;
  private droppedDeltas = 0;
  private readonly consumer: MediaFrameConsumer = {
    onFrame: (frame) => {
      this.framesIn += 1;
      this.agent.sendFrame(frame);
    },
  };

  constructor(
    private readonly agent: AgentSide,
    private readonly options: AgentMediaLinkOptions,
  ) {}

  /**
   * Takes the stream and starts the pump (the stream's pending inbound frames are delivered first). With
   * `pump: false` the stream is only remembered, its inbound frames wait in its pending buffer until `resume()`.
   */
  attach(media: MediaStream, pump = true): void {
    if (this.media !== null && this.media !== media) this.detach();
    this.media = media;
    if (!this.subscribed.has(media)) {
      this.subscribed.add(media);
      media.onPlaybackFinished((itemId, playedMs) => this.finished(media, itemId, playedMs));
    }
    if (pump && !this.attached) {
      this.attached = true;
      media.attach(this.consumer);
    }
  }

  /** Inbound frames go to the stream's pending buffer until `resume()` (a reconnecting agent). */
  detach(): void {
    if (this.media === null || !this.attached) return;
    this.attached = false;
    this.media.detach();
  }

  resume(): void {
    if (this.media !== null) this.attach(this.media);
  }

  get isAttached(): boolean {
    return this.attached;
  }

  /** Queues agent audio for `itemId`; false (and dropped) when the item was cleared or no stream is attached. */
  write(itemId: string, bytes: Uint8Array): boolean {
    if (this.media === null || this.cleared.has(itemId)) {
      this.droppedDeltas += 1;
      return false;
    }
    const item = this.playing.get(itemId) ?? { receivedBytes: 0 };
    item.receivedBytes += bytes.length;
    this.playing.set(itemId, item);
    this.media.write(itemId, bytes);
    return true;
  }

  endOfItem(itemId: string): void {
    if (this.media === null || this.cleared.has(itemId) || !this.playing.has(itemId)) return;
    this.media.endOfItem(itemId);
  }

  /** Agent audio queued or playing. */
  isPlaying(): boolean {
    return this.playing.size > 0;
  }

  isCleared(itemId: string): boolean {
    return this.cleared.has(itemId);
  }

  onPlayed(handler: (itemId: string, playedMs: number) => void): void {
    this.playedHandlers.push(handler);
  }

  /** Drops every queued frame at once (the next slot carries filler) and reports what each item had played. */
  clearPlayout(alsoClear: readonly string[] = []): ClearedItem[] {
    for (const itemId of alsoClear) this.cleared.add(itemId);
    if (this.media === null) return [];
    const position = this.media.clear();
    const result: ClearedItem[] = [];
    for (const [itemId, item] of this.playing) {
      this.cleared.add(itemId);
      const receivedMs = Math.floor(item.receivedBytes / BYTES_PER_MS);
      const playedMs = position.itemId === itemId ? Math.min(position.playedMs, receivedMs) : 0;
      const audioEndMs = Math.max(0, Math.min(playedMs - this.options.playoutLatencyMs, receivedMs));
      result.push({ itemId, playedMs, receivedMs, audioEndMs });
    }
    this.playing.clear();
    return result;
  }

  /** Barge-in in one synchronous step: clear, then truncate each cleared item that had audio (§4.8). */
  bargeIn(request: BargeInRequest): ClearedItem[] {
    const cleared = this.clearPlayout(request.alsoClear);
    for (const item of cleared) if (item.receivedMs > 0) this.agent.truncate(item);
    if (request.cancelResponse) this.agent.cancelResponse();
    return cleared;
  }

  stats(): { readonly framesIn: number; readonly droppedDeltas: number } {
    return { framesIn: this.framesIn, droppedDeltas: this.droppedDeltas };
  }

  /** Detaches and forgets the stream; the stream itself belongs to the telephony side and stays open. */
  close(): void {
    this.detach();
    this.media = null;
    this.playing.clear();
  }

  private finished(media: MediaStream, itemId: string, playedMs: number): void {
    if (media !== this.media || !this.playing.delete(itemId)) return;
    for (const handler of [...this.playedHandlers]) handler(itemId, playedMs);
  }
}
