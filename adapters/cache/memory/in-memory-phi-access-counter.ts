import type { PhiAccessCounter, PhiCounterStream } from '../../../application/ports/phi-access-counter';
import { distinctIn, touchWindow, type DistinctWindow } from '../../../domain/compliance/distinct-window';

/** Above this many markers, expired ones are swept on the next claim (keeps a long-running process bounded). */
const SWEEP_AT = 1000;

/** The embedded profile's PHI access counters: one process, so plain maps suffice. */
export class InMemoryPhiAccessCounter implements PhiAccessCounter {
  private readonly windows = new Map<string, DistinctWindow>();
  private readonly markers = new Map<string, number>();

  record(
    stream: PhiCounterStream,
    subject: string,
    keys: readonly string[],
    at: Date,
    windowsMs: readonly number[],
  ): Promise<number[]> {
    const id = `${stream}:${subject}`;
    const atMs = at.getTime();
    const horizon = Math.max(0, ...windowsMs);
    const next = touchWindow(this.windows.get(id) ?? new Map(), keys, atMs, horizon);
    if (next.size === 0) this.windows.delete(id);
    else this.windows.set(id, next);
    return Promise.resolve(windowsMs.map((length) => distinctIn(next, atMs, length)));
  }

  reset(subject: string): Promise<void> {
    this.windows.delete(`open:${subject}`);
    this.windows.delete(`glance:${subject}`);
    return Promise.resolve();
  }

  claimOnce(marker: string, at: Date, ttlMs: number): Promise<boolean> {
    const now = at.getTime();
    if (this.markers.size > SWEEP_AT) {
      for (const [key, expires] of this.markers) if (expires <= now) this.markers.delete(key);
    }
    const expires = this.markers.get(marker);
    if (expires !== undefined && expires > now) return Promise.resolve(false);
    this.markers.set(marker, now + ttlMs);
    return Promise.resolve(true);
  }
}
