import { deserialize, EJSON, ObjectId, serialize } from 'bson';
import type { Binary, Document, Long } from 'bson';

/** A value's BSON type tag, present on every bson class instance (ObjectId, Binary, Long, ...). */
function bsonTypeOf(value: object): string | undefined {
  const tag: unknown = (value as { _bsontype?: unknown })._bsontype;
  return typeof tag === 'string' ? tag : undefined;
}

/** True for an embedded document: not an array, Date, RegExp, buffer or bson class instance. */
export function isPlainDocument(value: unknown): value is Document {
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value) || value instanceof Date || value instanceof RegExp) return false;
  if (ArrayBuffer.isView(value)) return false;
  return bsonTypeOf(value) === undefined;
}

/** True when the object's first key is an operator (`{ $gt: 1 }`), which is not an embedded document. */
export function isOperatorObject(value: unknown): boolean {
  if (!isPlainDocument(value)) return false;
  const first: string | undefined = Object.keys(value)[0];
  return first !== undefined && first.startsWith('$');
}

function numberKey(value: number): string {
  if (Number.isNaN(value)) return 'n:NaN';
  return `n:${Object.is(value, -0) ? 0 : value}`;
}

/**
 * A string that is equal for two values exactly when MongoDB treats them as equal for index keys and
 * equality matches (1, 1.0 and Long(1) are one key; field order in embedded documents matters).
 */
export function valueKey(value: unknown): string {
  if (value === null || value === undefined) return 'z';
  switch (typeof value) {
    case 'number':
      return numberKey(value);
    case 'string':
      return `s:${value}`;
    case 'boolean':
      return value ? 'b:1' : 'b:0';
    case 'bigint':
      return Number.isSafeInteger(Number(value)) ? numberKey(Number(value)) : `l:${value.toString()}`;
    default:
      break;
  }
  if (Array.isArray(value)) return `a[${value.map(valueKey).join(',')}]`;
  if (value instanceof Date) return `d:${value.getTime()}`;
  if (value instanceof RegExp) return `r:/${value.source}/${value.flags}`;
  if (typeof value !== 'object') return `?:${typeof value}`;
  switch (bsonTypeOf(value)) {
    case undefined:
      break;
    case 'ObjectId':
      return `o:${(value as ObjectId).toHexString()}`;
    case 'Long': {
      const long: Long = value as Long;
      const asNumber: number = long.toNumber();
      return Number.isSafeInteger(asNumber) ? numberKey(asNumber) : `l:${long.toString()}`;
    }
    case 'Int32':
    case 'Double':
      return numberKey((value as { valueOf(): number }).valueOf());
    case 'Binary': {
      const binary: Binary = value as Binary;
      return `x${binary.sub_type}:${binary.toString('hex')}`;
    }
    case 'MinKey':
      return 'min';
    case 'MaxKey':
      return 'max';
    default:
      return `${bsonTypeOf(value) ?? ''}:${EJSON.stringify(value, { relaxed: false })}`;
  }
  if (ArrayBuffer.isView(value))
    return `x0:${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex')}`;
  const entries: string[] = Object.entries(value as Document).map(([k, v]: [string, unknown]) => `${k}:${valueKey(v)}`);
  return `{${entries.join(',')}}`;
}

/** A deep copy made by a BSON round trip: stored documents never share objects with the caller. */
export function cloneDocument(doc: Document): Document {
  return deserialize(serialize(doc));
}

/** Returns the document with `_id` as its first field, as MongoDB stores and returns it. */
export function withIdFirst(doc: Document): Document {
  if (!('_id' in doc)) return doc;
  if (Object.keys(doc)[0] === '_id') return doc;
  const { _id: id, ...rest } = doc;
  return { _id: id as unknown, ...rest };
}

/** Adds a fresh ObjectId `_id` when the document has none. */
export function ensureId(doc: Document): Document {
  if (doc._id !== undefined) return withIdFirst(doc);
  return { _id: new ObjectId(), ...doc };
}

/**
 * Every value a dotted path reaches, walking through arrays the way MongoDB does.
 * A missing field yields `undefined`; when `expandLeafArrays` is set a terminal array yields its elements.
 */
export function valuesAtPath(root: unknown, path: string, expandLeafArrays: boolean): unknown[] {
  const out: unknown[] = [];
  collect(root, path.split('.'), 0, expandLeafArrays, out);
  return out;
}

function collect(value: unknown, segments: readonly string[], depth: number, expand: boolean, out: unknown[]): void {
  if (depth === segments.length) {
    if (expand && Array.isArray(value)) {
      if (value.length === 0) out.push(undefined);
      else out.push(...(value as unknown[]));
    } else {
      out.push(value);
    }
    return;
  }
  const segment: string = segments[depth] ?? '';
  if (Array.isArray(value)) {
    const list: unknown[] = value as unknown[];
    if (/^\d+$/.test(segment)) {
      collect(list[Number(segment)], segments, depth + 1, expand, out);
      return;
    }
    let reached: boolean = false;
    for (const element of list) {
      if (isPlainDocument(element)) {
        collect(element[segment], segments, depth + 1, expand, out);
        reached = true;
      }
    }
    if (!reached) out.push(undefined);
    return;
  }
  if (isPlainDocument(value)) {
    collect(value[segment], segments, depth + 1, expand, out);
    return;
  }
  out.push(undefined);
}

/** Writes `value` at a dotted path, creating embedded documents on the way (used to seed upserts). */
export function setAtPath(doc: Document, path: string, value: unknown): void {
  const segments: string[] = path.split('.');
  let target: Document = doc;
  for (const segment of segments.slice(0, -1)) {
    const next: unknown = target[segment];
    if (!isPlainDocument(next)) target[segment] = {};
    target = target[segment] as Document;
  }
  target[segments[segments.length - 1] ?? path] = value;
}

/** Formats a value the way a real server prints it inside an E11000 message (`{ email: "a@b.c" }`). */
export function formatForMessage(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (Array.isArray(value)) return `[ ${value.map(formatForMessage).join(', ')} ]`;
  if (value instanceof Date) return `new Date(${value.getTime()})`;
  if (value instanceof RegExp) return `/${value.source}/${value.flags}`;
  if (typeof value !== 'object') return typeof value;
  const tag: string | undefined = bsonTypeOf(value);
  if (tag === 'ObjectId') return `ObjectId('${(value as ObjectId).toHexString()}')`;
  if (tag !== undefined) return EJSON.stringify(value);
  const fields: string[] = Object.entries(value as Document).map(
    ([k, v]: [string, unknown]) => `${k}: ${formatForMessage(v)}`,
  );
  return fields.length === 0 ? '{}' : `{ ${fields.join(', ')} }`;
}
