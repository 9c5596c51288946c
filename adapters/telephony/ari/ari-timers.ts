/**
 * Every timer the ARI adapter arms goes through this seam, so tests can count the live ones (the zero-leak audit
 * of VOICE.md §7.8) and `close()` can prove it left none behind. `after` returns the function that cancels it.
 */
export type CancelTimer = () => void;

export interface AriTimers {
  after(ms: number, callback: () => void): CancelTimer;
}

export const systemTimers: AriTimers = {
  after(ms, callback) {
    const timer = setTimeout(callback, ms);
    return () => clearTimeout(timer);
  },
};

/** A promise that settles after `ms`, or at once when `cancelled` is aborted (it never rejects). */
export const pause = (timers: AriTimers, ms: number, cancelled?: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (cancelled?.aborted === true) return resolve();
    const onAbort = (): void => {
      cancel();
      resolve();
    };
    const cancel = timers.after(ms, () => {
      cancelled?.removeEventListener('abort', onAbort);
      resolve();
    });
    cancelled?.addEventListener('abort', onAbort, { once: true });
  });
