/**
 * A rolling window of distinct keys: each key keeps the instant it was last seen, so a record read every two
 * seconds stays one key, and it leaves the window once it has not been seen for the window's length.
 */
export type DistinctWindow = ReadonlyMap<string, number>;

export const EMPTY_WINDOW: DistinctWindow = new Map();

/**
 * Records `keys` as seen at `atMs` and drops keys not seen within `horizonMs` (the longest window asked about).
 * An out-of-order sighting never moves a key back in time.
 */
export const touchWindow = (
  window: DistinctWindow,
  keys: readonly string[],
  atMs: number,
  horizonMs: number,
): DistinctWindow => {
  const next = new Map<string, number>();
  const oldest = atMs - horizonMs;
  for (const [key, seen] of window) if (seen > oldest) next.set(key, seen);
  for (const key of keys) next.set(key, Math.max(next.get(key) ?? atMs, atMs));
  return next;
};

/** Distinct keys seen in the rolling window `(atMs - lengthMs, atMs]`. */
export const distinctIn = (window: DistinctWindow, atMs: number, lengthMs: number): number => {
  let count = 0;
  for (const seen of window.values()) if (seen > atMs - lengthMs && seen <= atMs) count += 1;
  return count;
};
