import type { Document } from 'bson';
import type { $type as mingoType } from 'mingo/operators/query';
import { isPlainDocument, valuesAtPath } from './bson-values';
import { CommandError, ErrorCode } from './errors';

const INT32_MIN: number = -2147483648;
const INT32_MAX: number = 2147483647;

/** The BSON type alias of a stored value (numbers were promoted on decode, so int/long/double are inferred). */
export function bsonTypeAlias(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) return 'double';
    return value >= INT32_MIN && value <= INT32_MAX ? 'int' : 'long';
  }
  if (typeof value === 'bigint') return 'long';
  if (Array.isArray(value)) return 'array';
  if (value instanceof Date) return 'date';
  if (value instanceof RegExp) return 'regex';
  if (isPlainDocument(value)) return 'object';
  const tag: unknown = (value as { _bsontype?: unknown })._bsontype;
  switch (tag) {
    case 'ObjectId':
      return 'objectId';
    case 'Binary':
    case 'UUID':
      return 'binData';
    case 'Long':
      return 'long';
    case 'Int32':
      return 'int';
    case 'Double':
      return 'double';
    case 'Decimal128':
      return 'decimal';
    case 'Timestamp':
      return 'timestamp';
    case 'BSONRegExp':
      return 'regex';
    case 'Code':
      return 'javascript';
    case 'MinKey':
      return 'minKey';
    case 'MaxKey':
      return 'maxKey';
    case 'BSONSymbol':
      return 'symbol';
    default:
      return ArrayBuffer.isView(value) ? 'binData' : 'object';
  }
}

const NUMBER_ALIASES: ReadonlySet<string> = new Set<string>(['double', 'int', 'long', 'decimal']);

const ALIAS_BY_NUMBER: ReadonlyMap<number, string> = new Map<number, string>([
  [1, 'double'],
  [2, 'string'],
  [3, 'object'],
  [4, 'array'],
  [5, 'binData'],
  [6, 'undefined'],
  [7, 'objectId'],
  [8, 'bool'],
  [9, 'date'],
  [10, 'null'],
  [11, 'regex'],
  [13, 'javascript'],
  [14, 'symbol'],
  [16, 'int'],
  [17, 'timestamp'],
  [18, 'long'],
  [19, 'decimal'],
  [-1, 'minKey'],
  [127, 'maxKey'],
]);

function aliasOf(wanted: unknown): string {
  if (typeof wanted === 'number') {
    const alias: string | undefined = ALIAS_BY_NUMBER.get(wanted);
    if (alias !== undefined) return alias;
  }
  if (typeof wanted === 'string' && (wanted === 'number' || [...ALIAS_BY_NUMBER.values()].includes(wanted)))
    return wanted;
  throw new CommandError(ErrorCode.BadValue, `Unknown type name alias: ${String(wanted)}`);
}

function matchesAlias(value: unknown, alias: string): boolean {
  const actual: string = bsonTypeAlias(value);
  if (alias === 'number') return NUMBER_ALIASES.has(actual);
  return actual === alias;
}

/**
 * A `$type` query operator that knows BSON types (mingo's own does not match `objectId`, `binData`,
 * `timestamp`, ...). As in MongoDB an array field matches when the array or one of its elements does.
 */
export const bsonTypeQuery: typeof mingoType = (selector: string, value: unknown): ((obj: Document) => boolean) => {
  const aliases: string[] = (Array.isArray(value) ? (value as unknown[]) : [value]).map(aliasOf);
  return (obj: Document): boolean =>
    valuesAtPath(obj, selector, false).some((found: unknown): boolean => {
      if (found === undefined) return false;
      if (aliases.some((alias: string): boolean => matchesAlias(found, alias))) return true;
      return (
        Array.isArray(found) &&
        (found as unknown[]).some((el: unknown) => aliases.some((alias: string) => matchesAlias(el, alias)))
      );
    });
};
