import type { Document } from 'bson';
import { ensureId } from './bson-values';
import type { Collection } from './collection';
import { runFind } from './query-engine';
import type { StorageView } from './storage';
import { applyUpdate, upsertDocument } from './update-engine';

export interface Target {
  readonly db: string;
  readonly collection: string;
}

/**
 * Inserts one document (creating the collection implicitly); throws E11000 on a duplicate. The document
 * was decoded from this command's own message, so it is stored as is, without a copy.
 */
export function insertDocument(view: StorageView, target: Target, doc: Document): Document {
  const stored: Document = ensureId(doc);
  const collection: Collection = view.writable(target.db, target.collection, true) as Collection;
  collection.insert(stored);
  return stored;
}

export interface UpdateStatement {
  readonly filter: Document;
  readonly update: unknown;
  readonly multi: boolean;
  readonly upsert: boolean;
  readonly arrayFilters?: Document[];
  readonly sort?: Document;
  readonly variables?: Document;
}

export interface UpdateOutcome {
  readonly matched: number;
  readonly modified: number;
  /** The document an upsert inserted. */
  readonly upserted?: Document;
  /** The first matched document before and after the update (for findAndModify). */
  readonly before?: Document;
  readonly after?: Document;
}

function matching(view: StorageView, target: Target, filter: Document, limit: number, sort?: Document): Document[] {
  const collection: Collection | undefined = view.collection(target.db, target.collection);
  if (collection === undefined) return [];
  return runFind(collection.candidates(filter), { filter, sort, limit });
}

/**
 * Runs one update statement. Each document is updated atomically; on E11000 the error is thrown and
 * documents already updated by a multi-update stay updated, as on a real server.
 */
export function updateDocuments(view: StorageView, target: Target, statement: UpdateStatement): UpdateOutcome {
  const matches: Document[] = matching(view, target, statement.filter, statement.multi ? 0 : 1, statement.sort);
  if (matches.length === 0) {
    if (!statement.upsert) return { matched: 0, modified: 0 };
    const doc: Document = upsertDocument(statement.filter, statement.update, {
      arrayFilters: statement.arrayFilters,
      variables: statement.variables,
    });
    (view.writable(target.db, target.collection, true) as Collection).insert(doc);
    return { matched: 0, modified: 0, upserted: doc, after: doc };
  }
  const collection: Collection = view.writable(target.db, target.collection, false) as Collection;
  let modified: number = 0;
  let after: Document | undefined;
  for (const current of matches) {
    const { doc: next, changed } = applyUpdate(current, statement.update, {
      filter: statement.filter,
      arrayFilters: statement.arrayFilters,
      variables: statement.variables,
      inserting: false,
    });
    if (changed) {
      collection.replace(current, next);
      modified += 1;
    }
    after ??= changed ? next : current;
  }
  return { matched: matches.length, modified, before: matches[0], after };
}

/** Deletes the matching documents (`limit` 1: only the first, in `sort` order when given). */
export function deleteDocuments(
  view: StorageView,
  target: Target,
  filter: Document,
  limit: number,
  sort?: Document,
): Document[] {
  const matches: Document[] = matching(view, target, filter, limit, sort);
  if (matches.length === 0) return [];
  const collection: Collection = view.writable(target.db, target.collection, false) as Collection;
  for (const doc of matches) collection.remove(doc);
  return matches;
}
