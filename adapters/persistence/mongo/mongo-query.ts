import type { ClientSession, CollationOptions, Collection, Document, Filter, Sort, WithId } from 'mongodb';
import type { Page, PageRequest, SortKey } from '../../../domain/shared/page';

/** Every regex metacharacter escaped: user text is matched literally, never run as a pattern. */
export const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Case-insensitive "contains" on user text, as the memory adapter's `toLowerCase().includes(...)`. */
export const containsIgnoringCase = (text: string): { $regex: string; $options: string } => ({
  $regex: escapeRegex(text),
  $options: 'i',
});

/**
 * Strings sort by the `en` collation, close to the memory adapter's `localeCompare` (`apple` before `Banana`).
 * The wire test server ignores collations and sorts by code point.
 */
export const LIST_COLLATION: CollationOptions = { locale: 'en' };

/** The requested keys in order, then `_id` ascending to break ties (as `sortBy` breaks them by id). */
export const sortOf = <F extends string>(keys: readonly SortKey<F>[]): Sort => {
  const sort: Record<string, 1 | -1> = {};
  for (const key of keys) if (!(key.field in sort)) sort[key.field] = key.direction === 'asc' ? 1 : -1;
  sort._id = 1;
  return sort;
};

export interface PageQuery<D extends Document, F extends string> {
  readonly collection: Collection<D>;
  readonly filter: Filter<D>;
  readonly request: PageRequest<F>;
  readonly session: { session?: ClientSession };
}

/** The app's pagination envelope: `countDocuments` for the totals, `sort/skip/limit` for the page. */
export const findPage = async <D extends Document, F extends string, T>(
  query: PageQuery<D, F>,
  map: (doc: WithId<D>) => T,
): Promise<Page<T>> => {
  const { collection, filter, request, session } = query;
  const totalResults = await collection.countDocuments(filter, session);
  const docs =
    request.limit < 1
      ? []
      : await collection
          .find(filter, { ...session, collation: LIST_COLLATION })
          .sort(sortOf(request.sort))
          .skip(Math.max(0, (request.page - 1) * request.limit))
          .limit(request.limit)
          .toArray();
  return {
    results: docs.map(map),
    page: request.page,
    limit: request.limit,
    totalPages: Math.ceil(totalResults / request.limit),
    totalResults,
  };
};
