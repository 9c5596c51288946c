import { AriRequestError } from './ari-errors';
import type { AriTimers, CancelTimer } from './ari-timers';

/**
 * Deadlines for the library calls that have none (`connect`, `start`), all ended at once by `abortAll()` so that
 * closing leaves no timer behind. A value that arrives after its deadline goes to `onLate` (a late client must
 * still be retired).
 */
export class Deadlines {
  private readonly aborts = new Set<() => void>();

  constructor(private readonly timers: AriTimers) {}

  within<T>(promise: PromiseLike<T>, ms: number, what: string, onLate?: (value: T) => void): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      const expire = this.timers.after(ms, () => {
        this.aborts.delete(abort);
        settled = true;
        reject(new AriRequestError('Timeout', what, `no answer within ${ms} ms`));
      });
      const cancel = (): void => {
        this.aborts.delete(abort);
        expire();
      };
      const abort = (): void => {
        cancel();
        if (settled) return;
        settled = true;
        reject(new AriRequestError('Unavailable', what, 'closed'));
      };
      this.aborts.add(abort);
      Promise.resolve(promise).then(
        (value) => {
          if (settled) return onLate?.(value);
          settled = true;
          cancel();
          resolve(value);
        },
        (error: unknown) => {
          if (settled) return;
          settled = true;
          cancel();
          reject(error instanceof Error ? error : new AriRequestError('AriError', what, String(error)));
        },
      );
    });
  }

  abortAll(): void {
    for (const abort of [...this.aborts]) abort();
  }

  /** Waits for `promise` to settle, at most `ms`; never rejects. */
  async settle(promise: Promise<unknown>, ms: number): Promise<void> {
    let cancel: CancelTimer = () => undefined;
    const settled = promise.then(
      () => undefined,
      () => undefined,
    );
    await Promise.race([settled, new Promise<void>((resolve) => (cancel = this.timers.after(ms, resolve)))]);
    cancel();
  }
}
