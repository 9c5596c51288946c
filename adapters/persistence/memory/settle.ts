/**
 * Runs `work` now and returns its outcome as a promise: a throw becomes a rejection (the promise executor
 * catches it), as from a real store, so callers that chain `.catch` or use `Promise.all` see every refusal.
 */
export const settle = <T>(work: () => T): Promise<T> => new Promise<T>((resolve) => resolve(work()));
