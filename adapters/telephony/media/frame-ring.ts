import { FRAME_BYTES, MU_LAW_SILENCE } from '../../audio/mu-law';

/**
 * A FIFO of 160-byte frames in one growable ring of bytes, plus the partial frame being filled at its tail. Writes
 * copy straight into the ring and reads copy straight out of it, so queuing agent audio allocates nothing per
 * frame or per delta (typed-array allocations are what made the playout slow, see bench/voice/p3-frame-cost.ts).
 */
export class FrameRing {
  private data: Uint8Array;
  private capacity: number;
  private head = 0;
  private complete = 0;
  private partial = 0;

  constructor(
    /** Frames the ring may ever hold (the queue bound); it starts small and doubles up to this. */
    private readonly maxFrames: number,
    initialFrames = 32,
  ) {
    this.capacity = Math.max(2, Math.min(initialFrames, maxFrames + 1));
    this.data = new Uint8Array(this.capacity * FRAME_BYTES);
  }

  /** Complete frames queued. */
  frames(): number {
    return this.complete;
  }

  partialBytes(): number {
    return this.partial;
  }

  /** Bytes that still fit under the bound. */
  room(): number {
    return (this.maxFrames - this.complete) * FRAME_BYTES - this.partial;
  }

  /** Appends `bytes[0, count)`; returns how many frames it completed. The caller checks `room()` first. */
  append(bytes: Uint8Array, count: number): number {
    this.ensureCapacity(this.complete + Math.ceil((this.partial + count) / FRAME_BYTES) + 1);
    const ringBytes = this.capacity * FRAME_BYTES;
    let offset = 0;
    let completed = 0;
    while (offset < count) {
      const slot = (this.head + this.complete) % this.capacity;
      const position = slot * FRAME_BYTES + this.partial;
      // One copy per contiguous region: at most two per write (before and after the wrap).
      const take = Math.min(count - offset, ringBytes - position);
      this.data.set(offset === 0 && take === bytes.length ? bytes : bytes.subarray(offset, offset + take), position);
      offset += take;
      const filled = this.partial + take;
      const frames = Math.floor(filled / FRAME_BYTES);
      this.complete += frames;
      completed += frames;
      this.partial = filled % FRAME_BYTES;
    }
    return completed;
  }

  /** Pads the partial frame with filler and queues it; returns the audio bytes it held (0 when there was none). */
  sealPartial(): number {
    const audio = this.partial;
    if (audio === 0) return 0;
    const slot = (this.head + this.complete) % this.capacity;
    this.data.fill(MU_LAW_SILENCE, slot * FRAME_BYTES + audio, (slot + 1) * FRAME_BYTES);
    this.complete += 1;
    this.partial = 0;
    return audio;
  }

  /** Copies the oldest frame into `target` at `offset` and drops it. The caller checks `frames() > 0`. */
  shiftInto(target: Uint8Array, offset: number): void {
    const start = this.head * FRAME_BYTES;
    target.set(this.data.subarray(start, start + FRAME_BYTES), offset);
    this.head = (this.head + 1) % this.capacity;
    this.complete -= 1;
  }

  clear(): void {
    this.head = 0;
    this.complete = 0;
    this.partial = 0;
  }

  private ensureCapacity(frames: number): void {
    if (frames <= this.capacity) return;
    let capacity = this.capacity * 2;
    while (capacity < frames) capacity *= 2;
    const data = new Uint8Array(capacity * FRAME_BYTES);
    // Re-lay the queued frames (and the partial one) from slot 0, oldest first.
    const used = this.complete + (this.partial > 0 ? 1 : 0);
    for (let i = 0; i < used; i += 1) {
      const from = ((this.head + i) % this.capacity) * FRAME_BYTES;
      data.set(this.data.subarray(from, from + FRAME_BYTES), i * FRAME_BYTES);
    }
    this.data = data;
    this.capacity = capacity;
    this.head = 0;
  }
}
