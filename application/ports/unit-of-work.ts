/**
 * Runs `work` as one transaction. Repositories and the outbox used inside `work` join it implicitly (the
 * adapter tracks the transaction through the async call chain), so a use-case reads top to bottom with the
 * ports it was given. If `work` throws, every change made inside it is undone and the error is rethrown.
 * Throw, never return a failure: a returned failure would commit the writes made before it.
 */
export interface UnitOfWork {
  run<T>(work: () => Promise<T>): Promise<T>;
  /** Called after each successful commit (the outbox relay uses it to dispatch at once). */
  onCommitted(listener: () => void): void;
}
