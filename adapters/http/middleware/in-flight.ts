import type { Middleware } from 'koa';

/** Counts requests in progress so shutdown can wait for them; while draining, connections are not kept alive. */
export class InFlightRequests {
  private count = 0;
  private draining = false;
  private waiters: Array<() => void> = [];

  readonly middleware: Middleware = async (ctx, next) => {
    this.count += 1;
    if (this.draining) ctx.set('Connection', 'close');
    try {
      await next();
    } finally {
      this.count -= 1;
      if (this.draining) ctx.set('Connection', 'close');
      if (this.count === 0) this.release();
    }
  };

  get size(): number {
    return this.count;
  }

  startDraining(): void {
    this.draining = true;
  }

  /** Resolves true when no request is in progress, false if `timeoutMs` passes first. */
  idle(timeoutMs: number): Promise<boolean> {
    if (this.count === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((waiter) => waiter !== done);
        resolve(false);
      }, timeoutMs);
      const done = (): void => {
        clearTimeout(timer);
        resolve(true);
      };
      this.waiters.push(done);
    });
  }

  private release(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) waiter();
  }
}
