import { updateOne } from 'mingo/updater';
import { ObjectId } from 'bson';
import type { Document } from 'bson';
import { cloneDocument, isOperatorObject, isPlainDocument, setAtPath, valueKey, withIdFirst } from './bson-values';
import { CommandError, ErrorCode } from './errors';
import { mingoOptions, withMingo } from './query-engine';

type UpdateKind = 'operators' | 'replacement' | 'pipeline';

/** An update statement's `u`: operators (`{ $set: … }`), a replacement document, or a pipeline. */
export function updateKind(update: unknown): UpdateKind {
  if (Array.isArray(update)) return 'pipeline';
  if (!isPlainDocument(update))
    throw new CommandError(ErrorCode.FailedToParse, 'Update argument must be either an object or an array');
  const keys: string[] = Object.keys(update);
  if (keys.length > 0 && keys.every((key: string): boolean => key.startsWith('$'))) return 'operators';
  if (keys.some((key: string): boolean => key.startsWith('$'))) {
    const bad: string = keys.find((key: string): boolean => !key.startsWith('$')) ?? '?';
    throw new CommandError(
      ErrorCode.FailedToParse,
      `Unknown modifier: ${bad}. Expected a valid update modifier or pipeline-style update specified as an array`,
    );
  }
  return 'replacement';
}

export interface UpdateOptions {
  readonly filter: Document;
  readonly arrayFilters?: Document[];
  readonly variables?: Document;
  /** True when the document is being created by an upsert: `$setOnInsert` applies. */
  readonly inserting: boolean;
}

export interface UpdateResult {
  readonly doc: Document;
  readonly changed: boolean;
}

function immutableIdError(): CommandError {
  return new CommandError(
    ErrorCode.ImmutableField,
    "Performing an update on the path '_id' would modify the immutable field '_id'",
  );
}

/** Operators without `$setOnInsert` (merged into `$set` when inserting), and with a no-op `$set: { _id }` removed. */
function effectiveModifier(modifier: Document, current: Document, inserting: boolean): Document {
  const { $setOnInsert: onInsert, ...rest } = modifier;
  const result: Document = { ...rest };
  if (inserting && isPlainDocument(onInsert) && Object.keys(onInsert).length > 0) {
    const set: Document = isPlainDocument(result.$set) ? { ...result.$set } : {};
    for (const [path, value] of Object.entries(onInsert)) {
      if (path in set) {
        throw new CommandError(
          ErrorCode.ConflictingUpdateOperators,
          `Updating the path '${path}' would create a conflict at '${path}'`,
        );
      }
      set[path] = value;
    }
    result.$set = set;
  }
  if (isPlainDocument(result.$set) && '_id' in result.$set) {
    const { _id: newId, ...others } = result.$set;
    if (current._id === undefined) current._id = newId;
    else if (valueKey(newId) !== valueKey(current._id)) throw immutableIdError();
    result.$set = others;
  }
  return result;
}

function usesPositional(modifier: Document): boolean {
  return Object.values(modifier).some(
    (fields: unknown): boolean =>
      isPlainDocument(fields) && Object.keys(fields).some((path: string): boolean => /(^|\.)\$(\.|$)/.test(path)),
  );
}

/** Applies one update to a copy of `doc`; the stored document itself is never touched. */
export function applyUpdate(doc: Document, update: unknown, options: UpdateOptions): UpdateResult {
  const kind: UpdateKind = updateKind(update);
  if (kind === 'replacement') return replaceDocument(doc, update as Document);
  const copy: Document = cloneDocument(doc);
  if (kind === 'pipeline') {
    const docs: Document[] = [copy];
    const result = withMingo(() =>
      updateOne(docs, {}, update as never, {}, mingoOptions({ variables: options.variables })),
    );
    const next: Document = withIdFirst(docs[0]);
    if (valueKey(next._id) !== valueKey(doc._id) && doc._id !== undefined) throw immutableIdError();
    return { doc: next, changed: result.modifiedCount > 0 };
  }
  for (const [op, fields] of Object.entries(update as Document)) {
    if (!isPlainDocument(fields)) {
      throw new CommandError(
        ErrorCode.FailedToParse,
        `Modifiers operate on fields but we found another type instead. For example: {$mod: {<field>: ...}} not {${op}: ...}`,
      );
    }
  }
  const modifier: Document = effectiveModifier(update as Document, copy, options.inserting);
  if (Object.values(modifier).every((fields: unknown): boolean => Object.keys(fields as Document).length === 0)) {
    return { doc: withIdFirst(copy), changed: options.inserting };
  }
  const condition: Document = usesPositional(modifier) ? options.filter : {};
  const result = withMingo(() =>
    updateOne(
      [copy],
      condition,
      modifier as never,
      { arrayFilters: options.arrayFilters, cloneMode: 'deep' },
      mingoOptions({ variables: options.variables }),
    ),
  );
  return { doc: withIdFirst(copy), changed: result.modifiedCount > 0 || options.inserting };
}

function replaceDocument(doc: Document, replacement: Document): UpdateResult {
  if (replacement._id !== undefined && doc._id !== undefined && valueKey(replacement._id) !== valueKey(doc._id)) {
    throw new CommandError(
      ErrorCode.ImmutableField,
      "After applying the update, the (immutable) field '_id' was found to have been altered",
    );
  }
  const { _id: _ignored, ...fields } = cloneDocument(replacement);
  const next: Document = doc._id === undefined ? { ...fields } : { _id: doc._id as unknown, ...fields };
  return { doc: next, changed: valueKey(next) !== valueKey(doc) };
}

/** The equality fields of a filter (also inside `$and` and `$eq`) that seed an upserted document. */
export function upsertSeed(filter: Document): Document {
  const seed: Document = {};
  const visit = (clause: Document): void => {
    for (const [field, condition] of Object.entries(clause)) {
      if (field === '$and' && Array.isArray(condition)) {
        for (const part of condition as unknown[]) if (isPlainDocument(part)) visit(part);
        continue;
      }
      if (field.startsWith('$')) continue;
      if (!isOperatorObject(condition)) setAtPath(seed, field, condition);
      else if (Object.keys(condition as Document).length === 1 && '$eq' in (condition as Document)) {
        setAtPath(seed, field, (condition as Document).$eq);
      }
    }
  };
  visit(filter);
  return seed;
}

/** The document an upsert inserts when nothing matched. */
export function upsertDocument(
  filter: Document,
  update: unknown,
  options: Omit<UpdateOptions, 'inserting' | 'filter'>,
): Document {
  const seed: Document = cloneDocument(upsertSeed(filter));
  let doc: Document;
  if (updateKind(update) === 'replacement') {
    const replacement: Document = cloneDocument(update as Document);
    doc = { ...replacement, _id: replacement._id ?? seed._id };
    if (doc._id === undefined) delete doc._id;
  } else {
    doc = applyUpdate(seed, update, { ...options, filter, inserting: true }).doc;
  }
  if (doc._id === undefined) return { _id: new ObjectId(), ...doc };
  return withIdFirst(doc);
}
