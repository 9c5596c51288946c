import { writeConflict } from './errors';
import type { CommandError } from './errors';

interface Waiter {
  readonly owner: string | null;
  readonly claim: boolean;
  readonly start: () => void;
  readonly fail: (error: CommandError) => void;
  timer: NodeJS.Timeout | undefined;
}

/**
 * The one global transaction lock. A transaction holds it from `startTransaction` to commit or abort;
 * any write from another session waits for it, then runs.
 *
 * There is no await between "the lock is free" and "the command runs": a task that may run is executed
 * synchronously, either at once or from inside `release()`, so two transactions can never both take it
 * (the check-then-act race of the feasibility prototype).
 */
export class TransactionLock {
  private holder: string | null = null;
  private readonly queue: Waiter[] = [];
  private readonly timeoutMs: number;

  constructor(timeoutMs: number) {
    this.timeoutMs = timeoutMs;
  }

  get owner(): string | null {
    return this.holder;
  }

  get waiting(): number {
    return this.queue.length;
  }

  /**
   * Runs `task` synchronously as soon as the lock is free or held by `owner`. With `claim`, the task
   * takes the lock first. After `timeoutMs` of waiting the promise rejects with WriteConflict (112).
   */
  run<T>(owner: string | null, claim: boolean, task: () => T): Promise<T> {
    // While the lock is free the queue is empty (release drains it), so this is FIFO-fair.
    if (this.mayRun(owner)) return this.execute(owner, claim, task);
    return new Promise<T>((resolve: (value: T) => void, reject: (error: unknown) => void): void => {
      const waiter: Waiter = {
        owner,
        claim,
        start: (): void => {
          this.execute(owner, claim, task).then(resolve, reject);
        },
        fail: reject,
        timer: undefined,
      };
      waiter.timer = setTimeout((): void => {
        const at: number = this.queue.indexOf(waiter);
        if (at >= 0) this.queue.splice(at, 1);
        reject(writeConflict());
      }, this.timeoutMs);
      this.queue.push(waiter);
    });
  }

  /** Frees the lock held by `owner` and runs, in arrival order, every waiter that may now run. */
  release(owner: string): void {
    if (this.holder !== owner) return;
    this.holder = null;
    this.drain();
  }

  /** Rejects every waiter (the server is stopping). */
  dispose(error: CommandError): void {
    for (const waiter of this.queue.splice(0)) {
      if (waiter.timer !== undefined) clearTimeout(waiter.timer);
      waiter.fail(error);
    }
    this.holder = null;
  }

  private mayRun(owner: string | null): boolean {
    return this.holder === null || (owner !== null && this.holder === owner);
  }

  private drain(): void {
    for (;;) {
      // With the lock free the oldest waiter always may run; once a transaction has claimed it, only
      // that session's waiters may follow and everybody else keeps their place in the queue.
      const at: number = this.queue.findIndex((waiter: Waiter): boolean => this.mayRun(waiter.owner));
      if (at < 0) return;
      const [waiter] = this.queue.splice(at, 1);
      if (waiter === undefined) return;
      if (waiter.timer !== undefined) clearTimeout(waiter.timer);
      waiter.start();
    }
  }

  private execute<T>(owner: string | null, claim: boolean, task: () => T): Promise<T> {
    if (claim && owner !== null) this.holder = owner;
    try {
      return Promise.resolve(task());
    } catch (error: unknown) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }
}
