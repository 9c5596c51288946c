import { Query } from 'mingo';
import type { Document } from 'bson';
import { valueKey, valuesAtPath } from './bson-values';
import { CommandError, ErrorCode, formatDuplicateKeyMessage } from './errors';

/** One key a document contributes to an index, with the `keyValue` a duplicate-key error reports. */
export interface IndexKeyEntry {
  readonly key: string;
  readonly value: Document;
}

/** Above this many combinations a multikey compound document is refused, as a real server does. */
const MAX_KEYS_PER_DOCUMENT: number = 1000;

function isAscendingOrDescending(direction: unknown): boolean {
  return direction === 1 || direction === -1;
}

/**
 * A secondary index maintained incrementally: a hash map from the document's key to the ids of the
 * documents holding it. Only ascending/descending keys are maintained; other kinds (text, 2dsphere,
 * hashed) are kept as metadata so `listIndexes` shows them.
 */
export class Index {
  readonly spec: Readonly<Document>;
  readonly name: string;
  readonly keyPattern: Readonly<Document>;
  readonly fields: readonly string[];
  readonly unique: boolean;
  readonly sparse: boolean;
  readonly maintained: boolean;
  readonly expireAfterSeconds: number | undefined;
  private readonly partial: Query | undefined;
  private readonly entries: Map<string, Set<string>>;

  constructor(spec: Document, entries?: Map<string, Set<string>>) {
    this.spec = spec;
    this.name = String(spec.name);
    this.keyPattern = spec.key as Document;
    this.fields = Object.keys(this.keyPattern);
    this.unique = spec.unique === true;
    this.sparse = spec.sparse === true;
    this.maintained = Object.values(this.keyPattern).every(isAscendingOrDescending);
    this.expireAfterSeconds = typeof spec.expireAfterSeconds === 'number' ? spec.expireAfterSeconds : undefined;
    const partial: unknown = spec.partialFilterExpression;
    this.partial = partial === undefined ? undefined : new Query(partial as Document, {});
    this.entries = entries ?? new Map<string, Set<string>>();
  }

  /** True when an equality on every key field can be answered from the map alone. */
  get usableForEquality(): boolean {
    return this.maintained && !this.sparse && this.partial === undefined && this.spec.collation === undefined;
  }

  clone(): Index {
    const copy: Map<string, Set<string>> = new Map<string, Set<string>>();
    for (const [key, ids] of this.entries) copy.set(key, new Set<string>(ids));
    return new Index(this.spec, copy);
  }

  /** The keys a document contributes; empty when a sparse or partial index leaves the document out. */
  keysFor(doc: Document): IndexKeyEntry[] {
    if (!this.maintained) return [];
    if (this.partial !== undefined && !this.partial.test(doc)) return [];
    const perField: unknown[][] = this.fields.map((field: string): unknown[] =>
      distinctValues(valuesAtPath(doc, field, true)),
    );
    if (
      this.sparse &&
      perField.every((values: unknown[]): boolean => values.every((v: unknown): boolean => v === undefined))
    ) {
      return [];
    }
    let combos: unknown[][] = [[]];
    for (const values of perField) {
      combos = combos.flatMap((combo: unknown[]): unknown[][] => values.map((v: unknown): unknown[] => [...combo, v]));
      if (combos.length > MAX_KEYS_PER_DOCUMENT) {
        throw new CommandError(ErrorCode.BadValue, `cannot index parallel arrays in index ${this.name}`);
      }
    }
    return combos.map((combo: unknown[]): IndexKeyEntry => this.entryFor(combo));
  }

  /** The key for one combination of field values (missing fields index as null). */
  entryFor(values: readonly unknown[]): IndexKeyEntry {
    const value: Document = {};
    this.fields.forEach((field: string, i: number): void => {
      value[field] = values[i] === undefined ? null : values[i];
    });
    return { key: values.map(valueKey).join('|'), value };
  }

  /** The first key that another document already holds in this unique index. */
  findConflict(keys: readonly IndexKeyEntry[], ownId: string): IndexKeyEntry | undefined {
    if (!this.unique) return undefined;
    return keys.find((entry: IndexKeyEntry): boolean => {
      const holders: Set<string> | undefined = this.entries.get(entry.key);
      if (holders === undefined) return false;
      for (const id of holders) if (id !== ownId) return true;
      return false;
    });
  }

  duplicateKeyError(ns: string, entry: IndexKeyEntry): CommandError {
    return new CommandError(ErrorCode.DuplicateKey, formatDuplicateKeyMessage(ns, this.name, entry.value), {
      extra: { keyPattern: { ...this.keyPattern }, keyValue: entry.value },
    });
  }

  add(keys: readonly IndexKeyEntry[], id: string): void {
    for (const entry of keys) {
      const holders: Set<string> | undefined = this.entries.get(entry.key);
      if (holders === undefined) this.entries.set(entry.key, new Set<string>([id]));
      else holders.add(id);
    }
  }

  remove(keys: readonly IndexKeyEntry[], id: string): void {
    for (const entry of keys) {
      const holders: Set<string> | undefined = this.entries.get(entry.key);
      if (holders === undefined) continue;
      holders.delete(id);
      if (holders.size === 0) this.entries.delete(entry.key);
    }
  }

  /** Ids of the documents holding exactly this key. */
  lookup(key: string): ReadonlySet<string> | undefined {
    return this.entries.get(key);
  }
}

function distinctValues(values: unknown[]): unknown[] {
  const seen: Map<string, unknown> = new Map<string, unknown>();
  for (const value of values) {
    const key: string = valueKey(value);
    if (!seen.has(key)) seen.set(key, value);
  }
  return [...seen.values()];
}

/** Checks an index specification from `createIndexes` and returns it normalised (`v: 2` first). */
export function normaliseIndexSpec(raw: unknown): Document {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new CommandError(ErrorCode.TypeMismatch, 'each index specification must be an object');
  }
  const spec: Document = raw;
  const key: unknown = spec.key;
  if (typeof key !== 'object' || key === null || Array.isArray(key) || Object.keys(key).length === 0) {
    throw new CommandError(ErrorCode.BadValue, 'Index keys cannot be empty.');
  }
  const name: unknown = spec.name;
  if (typeof name !== 'string' || name.length === 0) {
    throw new CommandError(
      ErrorCode.BadValue,
      "Error in specification { key: ... } :: caused by :: The 'name' field is a required property of an index specification",
    );
  }
  if (spec.unique === true && !Object.values(key as Document).every(isAscendingOrDescending)) {
    throw new CommandError(ErrorCode.BadValue, `Index type not allowed with unique: ${name}`);
  }
  const { v: _version, ...rest } = spec;
  return { v: 2, ...rest };
}

/** Two specifications describe the same index when everything but the name and version agrees. */
export function sameIndexOptions(a: Document, b: Document): boolean {
  const strip = (spec: Document): string => {
    const { v: _v, name: _n, ns: _ns, background: _b, key, ...options } = spec;
    const sorted: string[] = Object.keys(options)
      .sort()
      .map((option: string): string => `${option}=${valueKey(options[option])}`);
    return `${valueKey(key)};${sorted.join(';')}`;
  };
  return strip(a) === strip(b);
}
