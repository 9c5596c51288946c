import type { TimerScheduler } from '../../../../adapters/telephony/rtp/pacer';

/** A virtual monotonic clock with one-shot timers that fire when time is advanced past them (plus lateness). */
export class VirtualTime implements TimerScheduler {
  now = 1000;
  private timers = new Map<number, { due: number; callback: () => void }>();
  private nextId = 1;
  sets = 0;

  readonly clock = { nowMs: () => this.now };

  set(callback: () => void, delayMs: number): unknown {
    const id = this.nextId++;
    this.sets += 1;
    // Like Node: a delay below 1 ms becomes 1 ms.
    this.timers.set(id, { due: this.now + Math.max(1, delayMs), callback });
    return id;
  }

  clear(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  pending(): number {
    return this.timers.size;
  }

  /** Runs time forward to `until`; each timer fires `lateness()` ms after its due time (an event loop is never early). */
  runUntil(until: number, lateness: () => number = () => 0): void {
    for (;;) {
      const next = [...this.timers.entries()].sort((a, b) => a[1].due - b[1].due)[0];
      if (next === undefined) break;
      const fireAt = Math.max(this.now, next[1].due + lateness());
      if (fireAt > until) break;
      this.timers.delete(next[0]);
      this.now = fireAt;
      next[1].callback();
    }
    this.now = Math.max(this.now, until);
  }

  /** An event-loop stall: nothing runs for `ms`. */
  stall(ms: number): void {
    this.now += ms;
  }
}
