/**
 * The process-wide 20 ms pacer of VOICE.md §3.5. Every stream has its own timeline `deadline(n) = t0 + n × 20 ms`
 * on the monotonic clock; one `setTimeout` is armed for the earliest deadline of all streams (never a fixed
 * interval, which drifts), and each wake-up sends every slot that is due. After a stall a stream catches up at
 * most `maxCatchUp` frames; beyond that, overdue filler slots are skipped and overdue agent audio slips the
 * timeline by whole frames (it is sent later, never dropped).
 */
export interface MonotonicClock {
  nowMs(): number;
}

const origin = process.hrtime.bigint();

/** `process.hrtime.bigint()` in milliseconds since load (small numbers keep full double precision). */
export const hrtimeClock: MonotonicClock = {
  nowMs: () => Number(process.hrtime.bigint() - origin) / 1e6,
};

export interface TimerScheduler {
  set(callback: () => void, delayMs: number): unknown;
  clear(handle: unknown): void;
}

export const nodeTimers: TimerScheduler = {
  set: (callback, delayMs) => setTimeout(callback, delayMs),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface PacedStream {
  /** Produces and sends the frame of the current slot. */
  sendSlot(nowMs: number): void;
  /** Consumes the slot without sending when it would carry filler; false when agent audio is due. */
  skipFillerSlot(nowMs: number): boolean;
}

export interface StreamPacingStats {
  readonly slotsSent: number;
  readonly slotsSkipped: number;
  /** Wake-ups that found the stream more than `maxCatchUp` slots behind. */
  readonly slips: number;
  /** How far the timeline moved forward because agent audio was deferred. */
  readonly slipMs: number;
}

export interface PacerRegistration {
  remove(): void;
  stats(): StreamPacingStats;
}

export interface PacerOptions {
  readonly clock?: MonotonicClock;
  readonly timers?: TimerScheduler;
  readonly frameMs?: number;
  readonly maxCatchUp?: number;
}

interface Entry {
  readonly stream: PacedStream;
  t0: number;
  slots: number;
  removed: boolean;
  sent: number;
  skipped: number;
  slips: number;
  slipMs: number;
}

export class Pacer {
  private readonly clock: MonotonicClock;
  private readonly timers: TimerScheduler;
  private readonly frameMs: number;
  private readonly maxCatchUp: number;
  private entries: Entry[] = [];
  private timer: unknown = null;
  private armedFor = Infinity;
  private waking = false;
  private wakeUps = 0;

  constructor(options: PacerOptions = {}) {
    this.clock = options.clock ?? hrtimeClock;
    this.timers = options.timers ?? nodeTimers;
    this.frameMs = options.frameMs ?? 20;
    this.maxCatchUp = options.maxCatchUp ?? 3;
  }

  /** The stream's first slot is due now; it is served on the next wake-up. */
  add(stream: PacedStream): PacerRegistration {
    const now = this.clock.nowMs();
    const entry: Entry = { stream, t0: now, slots: 0, removed: false, sent: 0, skipped: 0, slips: 0, slipMs: 0 };
    this.entries.push(entry);
    if (!this.waking) this.arm(now, now);
    return {
      remove: () => this.remove(entry),
      stats: () => ({ slotsSent: entry.sent, slotsSkipped: entry.skipped, slips: entry.slips, slipMs: entry.slipMs }),
    };
  }

  streamCount(): number {
    return this.entries.filter((entry) => !entry.removed).length;
  }

  /** True while a wake-up timer is pending (there is one exactly when a stream is registered). */
  isArmed(): boolean {
    return this.timer !== null;
  }

  wakeUpCount(): number {
    return this.wakeUps;
  }

  close(): void {
    for (const entry of this.entries) entry.removed = true;
    this.entries = [];
    this.disarm();
  }

  private remove(entry: Entry): void {
    if (entry.removed) return;
    entry.removed = true;
    if (this.waking) return;
    this.entries = this.entries.filter((candidate) => !candidate.removed);
    if (this.entries.length === 0) this.disarm();
  }

  private readonly wake = (): void => {
    this.timer = null;
    this.armedFor = Infinity;
    this.wakeUps += 1;
    const now = this.clock.nowMs();
    let next = Infinity;
    this.waking = true;
    try {
      // Streams added by a stream's own callback are served in this pass too (index loop, live length).
      for (let i = 0; i < this.entries.length; i += 1) {
        const entry = this.entries[i];
        if (entry.removed) continue;
        this.serve(entry, now);
        if (!entry.removed) next = Math.min(next, entry.t0 + entry.slots * this.frameMs);
      }
    } finally {
      this.waking = false;
      if (this.entries.some((entry) => entry.removed)) {
        this.entries = this.entries.filter((entry) => !entry.removed);
      }
    }
    if (next !== Infinity) this.arm(next, now);
  };

  private serve(entry: Entry, now: number): void {
    const overdue = now - (entry.t0 + entry.slots * this.frameMs);
    if (overdue < 0) return;
    let due = Math.floor(overdue / this.frameMs) + 1;
    if (due > this.maxCatchUp) {
      entry.slips += 1;
      while (due > 1 && !entry.removed && entry.stream.skipFillerSlot(now)) {
        entry.slots += 1;
        entry.skipped += 1;
        due -= 1;
      }
    }
    const sends = Math.min(due, this.maxCatchUp);
    for (let k = 0; k < sends && !entry.removed; k += 1) {
      this.sendOne(entry, now);
    }
    const deferred = due - sends;
    if (deferred > 0) {
      // Whole frames keep the stream's phase; the next deadline lands within one frame after now.
      entry.t0 += deferred * this.frameMs;
      entry.slipMs += deferred * this.frameMs;
    }
  }

  private sendOne(entry: Entry, now: number): void {
    entry.slots += 1;
    entry.sent += 1;
    try {
      entry.stream.sendSlot(now);
    } catch {
      // One stream's failure must not silence every other call; the stream counts its own errors.
    }
  }

  private arm(deadline: number, now: number): void {
    if (this.timer !== null && this.armedFor <= deadline) return;
    this.disarm();
    this.armedFor = deadline;
    this.timer = this.timers.set(this.wake, Math.max(0, Math.ceil(deadline - now)));
  }

  private disarm(): void {
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = null;
    this.armedFor = Infinity;
  }
}
