import { ProcessingMode } from 'mingo';
import { Aggregator } from 'mingo/aggregator';
import { Query } from 'mingo/query';
import type { Options } from 'mingo/types';
import { MingoError } from 'mingo/util';
import type { Document } from 'bson';
import { isPlainDocument, withIdFirst } from './bson-values';
import type { Candidates } from './collection';
import { CommandError, ErrorCode } from './errors';
import { SERVER_CONTEXT } from './mingo-context';

/** Resolves a collection name of the current database to its documents (for `$lookup`). */
export type CollectionResolver = (name: string) => Document[];

export interface QueryEnvironment {
  readonly resolver?: CollectionResolver;
  readonly variables?: Document;
}

/** Options for every mingo call: BSON-aware `$type`, `$lookup` resolution, and inputs never mutated. */
export function mingoOptions(env: QueryEnvironment = {}): Partial<Options> {
  return {
    context: SERVER_CONTEXT,
    processingMode: ProcessingMode.CLONE_INPUT,
    collectionResolver: env.resolver,
    variables: env.variables,
  };
}

/** Maps mingo's errors to the codes a real server uses; other errors pass through. */
export function translateMingoError(error: unknown): unknown {
  if (!(error instanceof MingoError)) return error;
  const message: string = error.message;
  if (message.includes('would create a conflict'))
    return new CommandError(ErrorCode.ConflictingUpdateOperators, message);
  if (message.includes('immutable field')) return new CommandError(ErrorCode.ImmutableField, message);
  if (message.startsWith('Cannot increment') || message.includes('non-numeric'))
    return new CommandError(ErrorCode.TypeMismatch, message);
  if (message.startsWith('Unknown update operator')) {
    const operator: string = /'([^']*)'/.exec(message)?.[1] ?? '?';
    return new CommandError(
      ErrorCode.FailedToParse,
      `Unknown modifier: ${operator}. Expected a valid update modifier or pipeline-style update specified as an array`,
    );
  }
  if (message.startsWith('unregistered pipeline operator')) {
    const stage: string = /(\$\w+)/.exec(message)?.[1] ?? '?';
    return new CommandError(ErrorCode.Location40324, `Unrecognized pipeline stage name: '${stage}'`);
  }
  if (message.startsWith('unknown query operator')) {
    return new CommandError(ErrorCode.BadValue, message.replace('unknown query operator', 'unknown operator:'));
  }
  return new CommandError(ErrorCode.BadValue, message);
}

/** Runs `fn`, turning mingo's errors into CommandErrors. */
export function withMingo<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error: unknown) {
    throw translateMingoError(error);
  }
}

export function requireDocument(value: unknown, field: string): Document {
  if (value === undefined || value === null) return {};
  if (!isPlainDocument(value)) {
    throw new CommandError(ErrorCode.TypeMismatch, `BSON field '${field}' is the wrong type, expected type 'object'`);
  }
  return value;
}

/** A compiled filter; an empty filter matches everything without asking mingo. */
export function compileFilter(filter: Document, env: QueryEnvironment = {}): (doc: Document) => boolean {
  if (Object.keys(filter).length === 0) return (): boolean => true;
  const query: Query = withMingo((): Query => new Query(filter, mingoOptions(env)));
  return (doc: Document): boolean => withMingo((): boolean => query.test(doc));
}

export interface FindSpec {
  readonly filter: Document;
  readonly sort?: Document;
  readonly skip?: number;
  readonly limit?: number;
  readonly projection?: Document;
}

/** Splits `$natural` out of a sort (natural order is the stored order; -1 reverses it). */
function naturalOrder(sort: Document | undefined): { sort: Document | undefined; reverse: boolean } {
  if (sort === undefined || !('$natural' in sort)) return { sort, reverse: false };
  const { $natural: natural, ...rest } = sort;
  return { sort: rest, reverse: natural === -1 };
}

/** filter, then sort, skip, limit and projection, over candidate documents in natural order. */
export function runFind(candidates: Candidates, spec: FindSpec, env: QueryEnvironment = {}): Document[] {
  const { sort, reverse } = naturalOrder(spec.sort);
  let docs: Document[] = candidates.exact
    ? [...candidates.docs]
    : candidates.docs.filter(compileFilter(spec.filter, env));
  if (reverse) docs.reverse();
  if (sort !== undefined && Object.keys(sort).length > 0) docs = sortDocuments(docs, sort);
  const skip: number = spec.skip ?? 0;
  const limit: number = spec.limit ?? 0;
  if (skip > 0 || limit > 0) docs = docs.slice(skip, limit > 0 ? skip + limit : undefined);
  return spec.projection === undefined ? docs : projectDocuments(docs, spec.projection, spec.filter);
}

export function sortDocuments(docs: Document[], sort: Document): Document[] {
  if (Object.keys(sort).length === 0) return docs;
  return withMingo((): Document[] =>
    new Aggregator([{ $sort: sort }], { ...mingoOptions(), processingMode: ProcessingMode.CLONE_OFF }).run(docs),
  );
}

/** A find-style projection (`$slice`, `$elemMatch`, positional `.$`), with `_id` first as MongoDB returns it. */
export function projectDocuments(docs: Document[], projection: Document, filter: Document = {}): Document[] {
  if (Object.keys(projection).length === 0) return docs;
  return withMingo((): Document[] =>
    new Query(filter, mingoOptions()).find<Document>(docs, projection).all().map(withIdFirst),
  );
}

/** Runs an aggregation pipeline over the given input (never mutating it). */
export function runPipeline(input: Document[], pipeline: Document[], env: QueryEnvironment = {}): Document[] {
  if (pipeline.length === 0) return input;
  return withMingo((): Document[] => new Aggregator(pipeline, mingoOptions(env)).run(input));
}
