import type { CallTimers, TimerHandle } from '../../../application/ports/call-timers';
import type { Clock } from '../../../application/ports/clock';

/** Node's longest timer; call deadlines are minutes, so a later instant is simply re-armed when this fires. */
const MAX_DELAY_MS = 2 ** 31 - 1;

/**
 * Real-time `CallTimers` on `setTimeout`, with instants measured on the injected `Clock`. Timers are unref'd: a
 * pending call deadline never keeps a stopping process alive (shutdown ends calls itself). Shared by the call
 * use-cases, the simulated line and the scripted agent; it belongs in adapters/shared once the lead moves it.
 */
export class SystemCallTimers implements CallTimers {
  private readonly armed = new Set<NodeJS.Timeout>();

  constructor(private readonly clock: Clock) {}

  at(when: Date, fire: () => void): TimerHandle {
    return this.after(when.getTime() - this.clock.now().getTime(), fire);
  }

  after(delayMs: number, fire: () => void): TimerHandle {
    let timer: NodeJS.Timeout | null = null;
    let remaining = Math.max(0, delayMs);
    const arm = (): void => {
      const step = Math.min(remaining, MAX_DELAY_MS);
      remaining -= step;
      timer = setTimeout(() => {
        if (timer !== null) this.armed.delete(timer);
        if (remaining > 0) arm();
        else fire();
      }, step);
      timer.unref();
      this.armed.add(timer);
    };
    arm();
    return {
      cancel: () => {
        if (timer === null) return;
        clearTimeout(timer);
        this.armed.delete(timer);
        timer = null;
        remaining = 0;
      },
    };
  }

  pending(): number {
    return this.armed.size;
  }
}
