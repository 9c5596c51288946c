import { FRAME_BYTES, MU_LAW_SILENCE, MuLaw } from '../../audio/mu-law';

/**
 * The inbound jitter/reorder buffer of VOICE.md §3.3 step 5. In-order packets leave at once; on a gap, later
 * packets wait up to `waitMs` for the missing one, then the gap is concealed (the previous frame once at -6 dB,
 * then silence) so the agent's timeline stays aligned with real time. Clock-driven: the caller passes the
 * monotonic time to `push` and calls `poll` periodically (the pacer's slot does), so there are no timers here.
 */
export interface ReorderBufferOptions {
  readonly waitMs: number;
  readonly maxHeld: number;
  /** A forward sequence jump beyond this resynchronises instead of concealing. */
  readonly maxSeqJump: number;
  /** A gap longer than this (in samples, 1 s) is not concealed. */
  readonly maxGapSamples: number;
  /** A timestamp jump beyond this (in samples, 2 s) resynchronises. */
  readonly maxTsJumpSamples: number;
}

export const defaultReorderOptions: ReorderBufferOptions = {
  waitMs: 40,
  maxHeld: 8,
  maxSeqJump: 100,
  maxGapSamples: 8000,
  maxTsJumpSamples: 16000,
};

export interface ReorderStats {
  /** Distinct packets accepted (released or held). */
  readonly received: number;
  readonly released: number;
  readonly duplicates: number;
  readonly late: number;
  /** Sequence numbers never released (concealed or skipped by a resync). */
  readonly lost: number;
  readonly concealedFrames: number;
  readonly resyncs: number;
  /** RFC 3550 interarrival jitter. */
  readonly jitterMs: number;
}

/** Receives every released payload in order; `concealed` marks synthetic filler. Payloads are read-only. */
export type ReleaseSink = (payload: Uint8Array, concealed: boolean) => void;

interface Held {
  readonly ext: number;
  readonly timestamp: number;
  readonly payload: Uint8Array;
  readonly arrivedMs: number;
}

const SAMPLES_PER_MS = 8;
const RING = 128;
/** Signed difference of two 32-bit timestamps. */
const tsDelta = (a: number, b: number): number => (a - b) | 0;

export class ReorderBuffer {
  private started = false;
  private nextExt = 0;
  private expectedTs = 0;
  private lastPayload: Uint8Array | null = null;
  private held: Held[] = [];
  private gapSince: number | null = null;
  private readonly releasedRing = new Float64Array(RING).fill(-1);
  /** RFC 3550 A.1 probation: a far backward jump is believed only when the next packet continues it. */
  private probationSeq = -1;
  private lastTransit: number | null = null;
  private jitter = 0;
  private counters = { received: 0, released: 0, duplicates: 0, late: 0, lost: 0, concealedFrames: 0, resyncs: 0 };

  constructor(
    private readonly sink: ReleaseSink,
    private readonly options: ReorderBufferOptions = defaultReorderOptions,
  ) {}

  push(sequenceNumber: number, timestamp: number, payload: Uint8Array, nowMs: number): void {
    if (!this.started) {
      this.start(sequenceNumber, timestamp, payload, nowMs);
      return;
    }
    const delta = ((sequenceNumber - (this.nextExt & 0xffff) + 0x8000) & 0xffff) - 0x8000;
    const ext = this.nextExt + delta;
    if (delta < 0) {
      this.onOlder(ext, sequenceNumber, timestamp, payload, nowMs);
      return;
    }
    this.probationSeq = -1;
    if (delta > this.options.maxSeqJump) {
      this.resync(sequenceNumber, timestamp, payload, nowMs);
      return;
    }
    if (delta === 0) {
      if (Math.abs(tsDelta(timestamp, this.expectedTs)) > this.options.maxTsJumpSamples) {
        this.resync(sequenceNumber, timestamp, payload, nowMs);
        return;
      }
      this.counters.received += 1;
      this.updateJitter(timestamp, nowMs);
      this.release(ext, timestamp, payload);
      this.drain();
    } else if (!this.hold(ext, timestamp, payload, nowMs)) {
      return;
    }
    this.flushExpired(nowMs);
  }

  /** Conceals a gap whose wait has expired even when no packet arrives to trigger it. */
  poll(nowMs: number): void {
    this.flushExpired(nowMs);
  }

  /** Forgets the timeline (an SSRC change): the next packet starts afresh. Held packets are released first. */
  reset(): void {
    for (const item of this.held) this.release(item.ext, item.timestamp, item.payload);
    this.held = [];
    this.releasedRing.fill(-1);
    this.gapSince = null;
    this.started = false;
    this.lastTransit = null;
    this.probationSeq = -1;
  }

  heldCount(): number {
    return this.held.length;
  }

  stats(): ReorderStats {
    return { ...this.counters, jitterMs: this.jitter / SAMPLES_PER_MS };
  }

  private start(sequenceNumber: number, timestamp: number, payload: Uint8Array, nowMs: number): void {
    this.started = true;
    this.counters.received += 1;
    this.lastTransit = null;
    this.updateJitter(timestamp, nowMs);
    // Offset by one cycle so packets from just before the first one still get a positive extended number.
    this.release(sequenceNumber + 0x10000, timestamp, payload);
  }

  private onOlder(ext: number, sequenceNumber: number, timestamp: number, payload: Uint8Array, nowMs: number): void {
    if (this.nextExt - ext > this.options.maxSeqJump) {
      if (this.probationSeq === sequenceNumber) {
        this.resync(sequenceNumber, timestamp, payload, nowMs);
        return;
      }
      this.probationSeq = (sequenceNumber + 1) & 0xffff;
    }
    if (this.releasedRing[ext % RING] === ext) this.counters.duplicates += 1;
    else this.counters.late += 1;
  }

  private hold(ext: number, timestamp: number, payload: Uint8Array, nowMs: number): boolean {
    let at = this.held.length;
    while (at > 0 && this.held[at - 1].ext > ext) at -= 1;
    if (at > 0 && this.held[at - 1].ext === ext) {
      this.counters.duplicates += 1;
      return false;
    }
    this.counters.received += 1;
    this.updateJitter(timestamp, nowMs);
    this.held.splice(at, 0, { ext, timestamp, payload, arrivedMs: nowMs });
    this.gapSince ??= nowMs;
    while (this.held.length > this.options.maxHeld) this.flushGap();
    return true;
  }

  private flushExpired(nowMs: number): void {
    while (this.gapSince !== null && nowMs - this.gapSince >= this.options.waitMs) this.flushGap();
  }

  private flushGap(): void {
    const first = this.held[0];
    if (first === undefined) {
      this.gapSince = null;
      return;
    }
    const missingPackets = first.ext - this.nextExt;
    const missingSamples = tsDelta(first.timestamp, this.expectedTs);
    this.counters.lost += missingPackets;
    if (missingSamples > this.options.maxGapSamples) {
      this.counters.resyncs += 1;
    } else {
      const fallback = missingPackets * (this.lastPayload?.length ?? FRAME_BYTES);
      this.conceal(missingSamples > 0 ? missingSamples : fallback);
    }
    this.nextExt = first.ext;
    this.expectedTs = first.timestamp;
    this.drain();
  }

  private conceal(samples: number): void {
    let remaining = samples;
    let firstFrame = true;
    while (remaining > 0) {
      const size = Math.min(FRAME_BYTES, remaining);
      const frame = new Uint8Array(size).fill(MU_LAW_SILENCE);
      if (firstFrame && this.lastPayload !== null) {
        MuLaw.attenuate6dB(this.lastPayload.subarray(0, size), frame);
      }
      firstFrame = false;
      remaining -= size;
      this.counters.concealedFrames += 1;
      this.sink(frame, true);
    }
  }

  private drain(): void {
    while (this.held.length > 0 && this.held[0].ext <= this.nextExt) {
      const item = this.held.shift()!;
      if (item.ext === this.nextExt) this.release(item.ext, item.timestamp, item.payload);
    }
    this.gapSince = this.held.length > 0 ? this.held[0].arrivedMs : null;
  }

  private release(ext: number, timestamp: number, payload: Uint8Array): void {
    this.releasedRing[ext % RING] = ext;
    this.nextExt = ext + 1;
    this.expectedTs = (timestamp + payload.length) >>> 0;
    this.lastPayload = payload;
    this.counters.released += 1;
    this.sink(payload, false);
  }

  private resync(sequenceNumber: number, timestamp: number, payload: Uint8Array, nowMs: number): void {
    this.counters.resyncs += 1;
    this.reset();
    this.start(sequenceNumber, timestamp, payload, nowMs);
  }

  private updateJitter(timestamp: number, nowMs: number): void {
    const transit = nowMs * SAMPLES_PER_MS - timestamp;
    if (this.lastTransit !== null) {
      const d = Math.abs(transit - this.lastTransit);
      // A 32-bit timestamp wrap shows as a huge transit step; it is not jitter.
      if (d < 0x80000000) this.jitter += (d - this.jitter) / 16;
    }
    this.lastTransit = transit;
  }
}
