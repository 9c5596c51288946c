/** The app's pagination envelope and sort specification (API-CONTRACT.md §3.3). */
export interface Page<T> {
  readonly results: readonly T[];
  readonly page: number;
  readonly limit: number;
  readonly totalPages: number;
  readonly totalResults: number;
}

export interface SortKey<F extends string> {
  readonly field: F;
  readonly direction: 'asc' | 'desc';
}

export interface PageRequest<F extends string> {
  readonly page: number;
  readonly limit: number;
  readonly sort: readonly SortKey<F>[];
}

export const pageOf = <T>(all: readonly T[], page: number, limit: number): Page<T> => ({
  results: all.slice((page - 1) * limit, page * limit),
  page,
  limit,
  totalPages: Math.ceil(all.length / limit),
  totalResults: all.length,
});

export const mapPage = <T, U>(source: Page<T>, map: (item: T) => U): Page<U> => ({
  ...source,
  results: source.results.map(map),
});

type Comparable = string | number | Date | null | undefined;

const compareValues = (a: Comparable, b: Comparable): number => {
  if (a === b) return 0;
  if (a === null || a === undefined) return -1;
  if (b === null || b === undefined) return 1;
  const x = a instanceof Date ? a.getTime() : a;
  const y = b instanceof Date ? b.getTime() : b;
  if (typeof x === 'string' && typeof y === 'string') return x.localeCompare(y);
  return x < y ? -1 : x > y ? 1 : 0;
};

/** Sorts by the keys in order, ties broken by id ascending. */
export const sortBy = <T extends { id: string }, F extends string>(
  items: readonly T[],
  keys: readonly SortKey<F>[],
  valueOf: (item: T, field: F) => Comparable,
): T[] =>
  [...items].sort((a, b) => {
    for (const key of keys) {
      const order = compareValues(valueOf(a, key.field), valueOf(b, key.field));
      if (order !== 0) return key.direction === 'asc' ? order : -order;
    }
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
