import { UUID } from 'bson';
import type { Document } from 'bson';
import { valueKey } from './bson-values';
import { CommandError, ErrorCode, formatDuplicateKeyMessage } from './errors';
import { Index, sameIndexOptions } from './indexes';
import type { IndexKeyEntry } from './indexes';
import { equalityConstraints, lookupCombinations } from './query-planner';

export const ID_INDEX_NAME: string = '_id_';

/** Documents that may match a filter, and whether they are exactly the matches. */
export interface Candidates {
  readonly docs: Document[];
  readonly exact: boolean;
}
const ID_INDEX_SPEC: Readonly<Document> = { v: 2, key: { _id: 1 }, name: ID_INDEX_NAME };

/**
 * One collection: documents in natural (insertion) order keyed by their `_id`, plus incrementally
 * maintained secondary indexes. Stored documents are never mutated; a write replaces the object, so a
 * clone for a transaction only has to copy the maps.
 */
export class Collection {
  readonly db: string;
  readonly name: string;
  readonly uuid: UUID;
  private readonly docs: Map<string, Document>;
  private readonly indexes: Map<string, Index>;

  constructor(db: string, name: string, uuid?: UUID, docs?: Map<string, Document>, indexes?: Map<string, Index>) {
    this.db = db;
    this.name = name;
    this.uuid = uuid ?? new UUID();
    this.docs = docs ?? new Map<string, Document>();
    this.indexes = indexes ?? new Map<string, Index>();
  }

  get ns(): string {
    return `${this.db}.${this.name}`;
  }

  get size(): number {
    return this.docs.size;
  }

  clone(): Collection {
    const indexes: Map<string, Index> = new Map<string, Index>();
    for (const [name, index] of this.indexes) indexes.set(name, index.clone());
    return new Collection(this.db, this.name, this.uuid, new Map<string, Document>(this.docs), indexes);
  }

  /** The same data under another name (renameCollection). */
  renamed(db: string, name: string): Collection {
    const copy: Collection = this.clone();
    return new Collection(db, name, copy.uuid, copy.docs, copy.indexes);
  }

  documents(): Document[] {
    return [...this.docs.values()];
  }

  /**
   * The documents that may match `filter`: the `_id` map or an index when the filter pins every key
   * field of it to equality or `$in` values, otherwise every document. `exact` is set when the filter
   * says nothing beyond what the lookup answered, so the caller need not apply it again.
   */
  candidates(filter: Document): Candidates {
    const constraints: Map<string, unknown[]> = equalityConstraints(filter);
    if (constraints.size === 0) return { docs: this.documents(), exact: Object.keys(filter).length === 0 };
    const onlyFields = (fields: readonly string[]): boolean =>
      Object.keys(filter).every((key: string): boolean => fields.includes(key) && constraints.has(key));
    const ids: unknown[] | undefined = constraints.get('_id');
    if (ids !== undefined) {
      return { docs: this.byKeys(ids.map(valueKey), (key: string) => [key]), exact: onlyFields(['_id']) };
    }
    for (const index of this.orderedForLookup()) {
      const combos: unknown[][] | undefined = lookupCombinations(index.fields, constraints);
      if (combos === undefined) continue;
      const keys: string[] = combos.map((combo: unknown[]): string => index.entryFor(combo).key);
      return { docs: this.byKeys(keys, (key: string) => index.lookup(key) ?? []), exact: onlyFields(index.fields) };
    }
    return { docs: this.documents(), exact: false };
  }

  private orderedForLookup(): Index[] {
    const usable: Index[] = [...this.indexes.values()].filter((index: Index): boolean => index.usableForEquality);
    return usable.sort(
      (a: Index, b: Index): number => Number(b.unique) - Number(a.unique) || b.fields.length - a.fields.length,
    );
  }

  private byKeys(keys: readonly string[], idsFor: (key: string) => Iterable<string>): Document[] {
    const seen: Set<string> = new Set<string>();
    const found: Document[] = [];
    for (const key of keys) {
      for (const id of idsFor(key)) {
        if (seen.has(id)) continue;
        seen.add(id);
        const doc: Document | undefined = this.docs.get(id);
        if (doc !== undefined) found.push(doc);
      }
    }
    return found;
  }

  /** Adds a document that already has its `_id`; throws E11000 and changes nothing on a duplicate. */
  insert(doc: Document): void {
    const id: unknown = doc._id;
    if (Array.isArray(id)) throw new CommandError(ErrorCode.InvalidIdField, "The '_id' value cannot be of type array");
    const idKey: string = valueKey(id);
    if (this.docs.has(idKey)) throw this.duplicateIdError(id);
    const keys: Map<Index, IndexKeyEntry[]> = this.checkedKeys(doc, idKey);
    for (const [index, entries] of keys) index.add(entries, idKey);
    this.docs.set(idKey, doc);
  }

  /** Swaps a stored document for its new version (same `_id`); throws E11000 and changes nothing on a duplicate. */
  replace(previous: Document, next: Document): void {
    const idKey: string = valueKey(previous._id);
    const keys: Map<Index, IndexKeyEntry[]> = this.checkedKeys(next, idKey);
    for (const [index, entries] of keys) {
      index.remove(index.keysFor(previous), idKey);
      index.add(entries, idKey);
    }
    this.docs.set(idKey, next);
  }

  remove(doc: Document): void {
    const idKey: string = valueKey(doc._id);
    if (!this.docs.has(idKey)) return;
    for (const index of this.indexes.values()) index.remove(index.keysFor(doc), idKey);
    this.docs.delete(idKey);
  }

  clear(): void {
    for (const doc of this.documents()) this.remove(doc);
  }

  private checkedKeys(doc: Document, idKey: string): Map<Index, IndexKeyEntry[]> {
    const keys: Map<Index, IndexKeyEntry[]> = new Map<Index, IndexKeyEntry[]>();
    for (const index of this.indexes.values()) {
      const entries: IndexKeyEntry[] = index.keysFor(doc);
      const conflict: IndexKeyEntry | undefined = index.findConflict(entries, idKey);
      if (conflict !== undefined) throw index.duplicateKeyError(this.ns, conflict);
      keys.set(index, entries);
    }
    return keys;
  }

  private duplicateIdError(id: unknown): CommandError {
    const keyValue: Document = { _id: id };
    return new CommandError(ErrorCode.DuplicateKey, formatDuplicateKeyMessage(this.ns, ID_INDEX_NAME, keyValue), {
      extra: { keyPattern: { _id: 1 }, keyValue },
    });
  }

  indexSpecs(): Document[] {
    return [{ ...ID_INDEX_SPEC }, ...[...this.indexes.values()].map((index: Index): Document => ({ ...index.spec }))];
  }

  get indexCount(): number {
    return this.indexes.size + 1;
  }

  secondaryIndexes(): Index[] {
    return [...this.indexes.values()];
  }

  /** Builds an index over the current documents. Returns false when an identical index already exists. */
  createIndex(spec: Document): boolean {
    const name: string = String(spec.name);
    const existing: Document | undefined = this.indexSpecs().find((s: Document): boolean => s.name === name);
    if (existing !== undefined) {
      if (sameIndexOptions(existing, spec)) return false;
      throw new CommandError(
        ErrorCode.IndexKeySpecsConflict,
        `An existing index has the same name as the requested index. Requested index: ${JSON.stringify(spec)}, ` +
          `existing index: ${JSON.stringify(existing)}`,
      );
    }
    const sameKeys: Document | undefined = this.indexSpecs().find(
      (s: Document): boolean => valueKey(s.key) === valueKey(spec.key),
    );
    if (sameKeys !== undefined && sameIndexOptions(sameKeys, spec)) {
      throw new CommandError(
        ErrorCode.IndexOptionsConflict,
        `Index already exists with a different name: ${String(sameKeys.name)}`,
      );
    }
    const index: Index = new Index(spec);
    for (const [idKey, doc] of this.docs) {
      const entries: IndexKeyEntry[] = index.keysFor(doc);
      const conflict: IndexKeyEntry | undefined = index.findConflict(entries, idKey);
      if (conflict !== undefined) throw index.duplicateKeyError(this.ns, conflict);
      index.add(entries, idKey);
    }
    this.indexes.set(name, index);
    return true;
  }

  /** Drops one secondary index by name or key pattern; returns false when there is none. */
  dropIndex(nameOrKey: string | Document): boolean {
    if (typeof nameOrKey === 'string') {
      if (nameOrKey === ID_INDEX_NAME) throw new CommandError(ErrorCode.InvalidOptions, 'cannot drop _id index');
      return this.indexes.delete(nameOrKey);
    }
    const wanted: string = valueKey(nameOrKey);
    if (wanted === valueKey({ _id: 1 })) throw new CommandError(ErrorCode.InvalidOptions, 'cannot drop _id index');
    const match: Index | undefined = [...this.indexes.values()].find(
      (index: Index): boolean => valueKey(index.keyPattern) === wanted,
    );
    return match === undefined ? false : this.indexes.delete(match.name);
  }

  dropAllIndexes(): void {
    this.indexes.clear();
  }
}
