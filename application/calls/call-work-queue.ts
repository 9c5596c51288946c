/**
 * Per-call serial queues (VOICE.md §0.4): every write about one call (telephony events, agent turns, deadlines,
 * caregiver commands) runs after the previous one for that call has settled, in arrival order, so a slow write
 * never reorders what happened. Different calls run concurrently. A task must never wait for another task of the
 * same call (it would wait for itself); it enqueues instead.
 */
export class CallWorkQueue {
  private readonly tails = new Map<string, Promise<void>>();
  private running = 0;
  private waiters: Array<() => void> = [];

  run<T>(callId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(callId) ?? Promise.resolve();
    this.running += 1;
    const result = previous.then(work);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(callId, tail);
    void tail.then(() => {
      if (this.tails.get(callId) === tail) this.tails.delete(callId);
      this.running -= 1;
      if (this.running === 0) this.flushWaiters();
    });
    return result;
  }

  /** Resolves once no task of any call is queued or running (tests and shutdown). */
  whenIdle(): Promise<void> {
    if (this.running === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Calls with queued or running work. */
  busyCalls(): number {
    return this.tails.size;
  }

  private flushWaiters(): void {
    const waiting = this.waiters;
    this.waiters = [];
    for (const resolve of waiting) resolve();
  }
}
