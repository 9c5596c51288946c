/**
 * Rolling counters of distinct PHI records per caregiver (DOMAIN.md §2.4.9, `PhiAccessCounter` of §12). Memory
 * in embedded mode; shared across instances (Redis: a sorted set per subject scored by last sighting) when
 * configured, so a caregiver spreading reads over several instances is still counted once.
 */
export type PhiCounterStream = 'open' | 'glance';

export interface PhiAccessCounter {
  /**
   * Records `keys` as seen by `subject` at `at` and resolves the number of distinct keys seen in each of the
   * rolling windows `windowsMs` ending at `at` (same order). Keys older than the longest window are forgotten.
   */
  record(
    stream: PhiCounterStream,
    subject: string,
    keys: readonly string[],
    at: Date,
    windowsMs: readonly number[],
  ): Promise<number[]>;
  /** Forgets what `subject` was seen reading (after a lock, so an unlocked account starts afresh). */
  reset(subject: string): Promise<void>;
  /** True for the first claim of `marker` until `ttlMs` after `at`; false while that claim lasts. */
  claimOnce(marker: string, at: Date, ttlMs: number): Promise<boolean>;
}
