/**
 * One call's audio, as the telephony adapter (RTP or simulated) exposes it. Opaque to use-cases: frames travel
 * adapter -> port -> adapter (VOICE.md §0.4); the application only holds the handle and calls its commands.
 * Audio is G.711 µ-law, 8 kHz; inbound frames are 20 ms (160 bytes).
 */
export interface MediaFrameConsumer {
  onFrame(frame: Uint8Array): void;
}

export interface MediaStats {
  readonly framesIn: number;
  readonly framesOut: number;
  readonly lost: number;
  readonly concealed: number;
  readonly underruns: number;
  readonly jitterMs: number;
}

export interface PlaybackPosition {
  readonly itemId: string | null;
  readonly playedMs: number;
}

export interface MediaStream {
  /** Starts delivering inbound frames; frames buffered before attachment are delivered first. One consumer. */
  attach(consumer: MediaFrameConsumer): void;
  detach(): void;
  /** Queues agent audio (any length) behind what is already queued for `itemId`. */
  write(itemId: string, bytes: Uint8Array): void;
  /** No more audio for `itemId`; `onPlaybackFinished` fires once its last frame has been sent. */
  endOfItem(itemId: string): void;
  /** Barge-in: drops every queued frame at once and says how much of the current item was played. */
  clear(): PlaybackPosition;
  onPlaybackFinished(handler: (itemId: string, playedMs: number) => void): void;
  stats(): MediaStats;
  /** Idempotent; releases the port, socket and timers. */
  close(): void;
}
