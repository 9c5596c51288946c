import type { CallTimers, TimerHandle } from '../../../application/ports/call-timers';
import type { TestClock } from '../../support/test-clock';

interface Armed {
  readonly due: number;
  readonly seq: number;
  readonly fire: () => void;
  cancelled: boolean;
}

/**
 * `CallTimers` on a hand-moved `TestClock`: nothing fires until a test steps it. Each step moves the clock to the
 * next due timer, fires it and lets the work it started settle (`settle`, e.g. the call use-cases' `whenIdle`),
 * so a 30-minute call runs in milliseconds and every intermediate state can be observed.
 */
export class VirtualCallTimers implements CallTimers {
  private armed: Armed[] = [];
  private seq = 0;

  constructor(
    private readonly clock: TestClock,
    private settle: () => Promise<void> = flush,
  ) {}

  /** What a step waits for after firing a timer. */
  settleWith(settle: () => Promise<void>): void {
    this.settle = async () => {
      await flush();
      await settle();
      await flush();
    };
  }

  at(when: Date, fire: () => void): TimerHandle {
    const timer: Armed = { due: when.getTime(), seq: (this.seq += 1), fire, cancelled: false };
    this.armed.push(timer);
    return {
      cancel: () => {
        timer.cancelled = true;
        this.armed = this.armed.filter((t) => t !== timer);
      },
    };
  }

  after(delayMs: number, fire: () => void): TimerHandle {
    return this.at(new Date(this.clock.now().getTime() + Math.max(0, delayMs)), fire);
  }

  pending(): number {
    return this.armed.length;
  }

  /** When the next timer is due, or null. */
  nextDue(): Date | null {
    const next = this.sorted()[0];
    return next === undefined ? null : new Date(next.due);
  }

  /** Fires the next timer (moving the clock to it, never backwards); false when none is armed. */
  async step(): Promise<boolean> {
    const next = this.sorted()[0];
    if (next === undefined) return false;
    this.armed = this.armed.filter((t) => t !== next);
    if (next.due > this.clock.now().getTime()) this.clock.current = new Date(next.due);
    next.fire();
    await this.settle();
    return true;
  }

  /** Fires every timer due within `ms` from now, in order, then moves the clock to the end of that span. */
  async advance(ms: number): Promise<void> {
    const until = this.clock.now().getTime() + ms;
    for (let next = this.sorted()[0]; next !== undefined && next.due <= until; next = this.sorted()[0]) {
      await this.step();
    }
    if (this.clock.now().getTime() < until) this.clock.current = new Date(until);
    await this.settle();
  }

  /** Steps until `done()` holds (checked after each step); throws after `maxSteps` or when nothing is armed. */
  async runUntil(done: () => boolean | Promise<boolean>, maxSteps = 500): Promise<void> {
    for (let steps = 0; steps < maxSteps; steps += 1) {
      if (await done()) return;
      if (!(await this.step())) {
        if (await done()) return;
        throw new Error('no timer left to fire and the condition does not hold');
      }
    }
    throw new Error(`condition not reached after ${maxSteps} timer steps`);
  }

  private sorted(): Armed[] {
    return [...this.armed].sort((a, b) => a.due - b.due || a.seq - b.seq);
  }
}

/** Lets promise chains and I/O callbacks started by a fired timer run. */
export const flush = async (): Promise<void> => {
  for (let i = 0; i < 5; i += 1) await new Promise<void>((resolve) => setImmediate(resolve));
};
