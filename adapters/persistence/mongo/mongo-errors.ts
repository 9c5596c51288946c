import { MongoServerError } from 'mongodb';
import type { DomainError } from '../../../domain/shared/errors';
import { staleVersion } from '../persistence-conflicts';

const DUPLICATE_KEY = 11000;

/** One unique index and the domain conflict its violation means. */
export interface UniqueRule {
  /** The index name (as in mongo-indexes.ts). */
  readonly index: string;
  /** The first key field, matched against the error's `keyValue`/`keyPattern` when the server sends them. */
  readonly field: string;
  readonly conflict: () => DomainError;
}

const keyFieldsOf = (error: MongoServerError): string[] => {
  const keys: unknown = error.keyValue ?? (error as { keyPattern?: unknown }).keyPattern;
  return typeof keys === 'object' && keys !== null ? Object.keys(keys) : [];
};

/**
 * Turns a duplicate-key error (E11000) into the domain conflict of the unique index it hit; any other error is
 * returned unchanged. The index name in the message decides when the server sent no key fields.
 */
export const translateDuplicateKey = (error: unknown, rules: readonly UniqueRule[]): unknown => {
  if (!(error instanceof MongoServerError) || error.code !== DUPLICATE_KEY) return error;
  const fields = keyFieldsOf(error);
  const rule = rules.find((r) => error.message.includes(`index: ${r.index} `) || fields[0] === r.field);
  return rule === undefined ? error : rule.conflict();
};

/** Runs a write and rethrows a duplicate-key error as its domain conflict. */
export const writeOrConflict = async <T>(write: () => Promise<T>, rules: readonly UniqueRule[]): Promise<T> => {
  try {
    return await write();
  } catch (error) {
    throw translateDuplicateKey(error, rules);
  }
};

/**
 * After a compare-and-set matched nothing: a missing record is a programming error (as in the memory
 * adapter), a present one was changed since it was read.
 */
export const casFailure = (entity: string, id: string, exists: boolean): Error =>
  exists ? staleVersion(entity) : new Error(`${entity} ${id} does not exist`);
