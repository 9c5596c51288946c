import type { Document } from 'bson';
import { isOperatorObject, isPlainDocument } from './bson-values';

/** More combinations than this and a compound lookup is not worth it; the collection is scanned instead. */
const MAX_LOOKUP_KEYS: number = 1000;

const HASHABLE_BSON_TYPES: ReadonlySet<string> = new Set<string>([
  'ObjectId',
  'Long',
  'Binary',
  'UUID',
  'Timestamp',
  'Int32',
  'Double',
]);

/**
 * A value whose equality match is exactly "same index key": scalars, dates and ids. Null (which also
 * matches missing fields), arrays, regular expressions and embedded documents are left to a scan.
 */
function isHashable(value: unknown): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return !Number.isNaN(value);
    case 'object':
      if (value === null || Array.isArray(value) || value instanceof RegExp) return false;
      if (value instanceof Date) return true;
      if (isPlainDocument(value)) return false;
      return HASHABLE_BSON_TYPES.has(String((value as { _bsontype?: unknown })._bsontype));
    default:
      return false;
  }
}

/** The values a filter condition on one field accepts, when it is an equality or `$in` on hashable values. */
function acceptedValues(condition: unknown): unknown[] | undefined {
  if (!isOperatorObject(condition)) return isHashable(condition) ? [condition] : undefined;
  const operators: Document = condition as Document;
  const names: string[] = Object.keys(operators);
  if (names.length !== 1) return undefined;
  if (names[0] === '$eq') return isHashable(operators.$eq) ? [operators.$eq] : undefined;
  if (names[0] === '$in' && Array.isArray(operators.$in)) {
    const list: unknown[] = operators.$in as unknown[];
    return list.every(isHashable) ? list : undefined;
  }
  return undefined;
}

/**
 * For each top-level field (also inside a top-level `$and`) constrained to a finite set of hashable
 * values, those values. Every document the filter matches has one of them at that path.
 */
export function equalityConstraints(filter: Document): Map<string, unknown[]> {
  const constraints: Map<string, unknown[]> = new Map<string, unknown[]>();
  const visit = (clause: Document): void => {
    for (const [field, condition] of Object.entries(clause)) {
      if (field === '$and' && Array.isArray(condition)) {
        for (const part of condition as unknown[]) if (isPlainDocument(part)) visit(part);
        continue;
      }
      if (field.startsWith('$')) continue;
      const values: unknown[] | undefined = acceptedValues(condition);
      if (values !== undefined && !constraints.has(field)) constraints.set(field, values);
    }
  };
  visit(filter);
  return constraints;
}

/** The value combinations to look up in an index over `fields`, or undefined when some field is unconstrained. */
export function lookupCombinations(
  fields: readonly string[],
  constraints: ReadonlyMap<string, unknown[]>,
): unknown[][] | undefined {
  let combos: unknown[][] = [[]];
  for (const field of fields) {
    const values: unknown[] | undefined = constraints.get(field);
    if (values === undefined) return undefined;
    combos = combos.flatMap((combo: unknown[]): unknown[][] => values.map((v: unknown): unknown[] => [...combo, v]));
    if (combos.length > MAX_LOOKUP_KEYS) return undefined;
  }
  return combos;
}
