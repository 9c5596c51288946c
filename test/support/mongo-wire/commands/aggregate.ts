import { compare } from 'mingo/util';
import type { Document } from 'bson';
import { isPlainDocument, valueKey, valuesAtPath } from '../bson-values';
import type { Collection } from '../collection';
import { CommandError, ErrorCode } from '../errors';
import { requireDocument, runFind, runPipeline } from '../query-engine';
import type { QueryEnvironment } from '../query-engine';
import { optionalCount, optionalDocument, targetOf } from './context';
import type { CommandContext, CommandHandler } from './context';

/** Stages a test double cannot honour: change streams need an oplog, `$out`/`$merge` would write from a read. */
const UNSUPPORTED_STAGES: ReadonlyMap<string, string> = new Map<string, string>([
  ['$changeStream', 'The $changeStream stage is not supported by the wire test server (it has no oplog)'],
  ['$out', 'The $out stage is not supported by the wire test server'],
  ['$merge', 'The $merge stage is not supported by the wire test server'],
]);

function pipelineOf(command: Document): Document[] {
  const pipeline: unknown = command.pipeline;
  if (!Array.isArray(pipeline) || !(pipeline as unknown[]).every(isPlainDocument)) {
    throw new CommandError(ErrorCode.TypeMismatch, "'pipeline' option must be specified as an array of objects");
  }
  for (const stage of pipeline as Document[]) {
    const name: string = Object.keys(stage)[0] ?? '';
    const unsupported: string | undefined = UNSUPPORTED_STAGES.get(name);
    if (unsupported !== undefined) {
      throw new CommandError(
        name === '$changeStream' ? ErrorCode.Location40573 : ErrorCode.CommandNotSupported,
        unsupported,
      );
    }
  }
  return pipeline as Document[];
}

function environmentOf(command: Document, context: CommandContext): QueryEnvironment {
  return {
    resolver: (name: string): Document[] => context.view.collection(context.db, name)?.documents() ?? [],
    variables: optionalDocument(command, 'let'),
  };
}

/** The input of a pipeline: a leading `$match` may be answered from an index. */
function pipelineInput(collection: Collection | undefined, pipeline: readonly Document[]): Document[] {
  if (collection === undefined) return [];
  const first: Document | undefined = pipeline[0];
  if (first !== undefined && isPlainDocument(first.$match)) return collection.candidates(first.$match).docs;
  return collection.documents();
}

const aggregate: CommandHandler = {
  kind: 'read',
  run: (command: Document, context: CommandContext): Document => {
    if (command.explain === true)
      throw new CommandError(ErrorCode.CommandNotSupported, 'explain is not supported by the wire test server');
    const pipeline: Document[] = pipelineOf(command);
    const cursor: Document | undefined = optionalDocument(command, 'cursor');
    if (cursor === undefined) {
      throw new CommandError(
        ErrorCode.FailedToParse,
        "The 'cursor' option is required, except for aggregate with the explain argument",
      );
    }
    const onCollection: boolean = typeof command.aggregate === 'string';
    const collection: Collection | undefined = onCollection
      ? context.view.collection(context.db, targetOf(command, context).collection)
      : undefined;
    const ns: string = onCollection ? `${context.db}.${String(command.aggregate)}` : `${context.db}.$cmd.aggregate`;
    const docs: Document[] = runPipeline(
      pipelineInput(collection, pipeline),
      pipeline,
      environmentOf(command, context),
    );
    return { ...context.cursors.first(ns, docs, optionalCount(cursor, 'batchSize'), false) };
  },
};

/** count (estimatedDocumentCount and the legacy count helper). */
const count: CommandHandler = {
  kind: 'read',
  run: (command: Document, context: CommandContext): Document => {
    const { db, collection: name } = targetOf(command, context);
    const collection: Collection | undefined = context.view.collection(db, name);
    if (collection === undefined) return { n: 0, ok: 1 };
    const query: Document = requireDocument(command.query, 'query');
    const skip: number = optionalCount(command, 'skip') ?? 0;
    const limit: number = Math.abs(Number(command.limit ?? 0));
    let n: number =
      Object.keys(query).length === 0
        ? collection.size
        : runFind(collection.candidates(query), { filter: query }).length;
    n = Math.max(0, n - skip);
    return { n: limit > 0 ? Math.min(n, limit) : n, ok: 1 };
  },
};

/** distinct: the distinct values of a path over the matching documents, arrays flattened, in BSON order. */
const distinct: CommandHandler = {
  kind: 'read',
  run: (command: Document, context: CommandContext): Document => {
    const { db, collection: name } = targetOf(command, context);
    const key: unknown = command.key;
    if (typeof key !== 'string' || key.length === 0) {
      throw new CommandError(
        ErrorCode.TypeMismatch,
        "BSON field 'distinct.key' is the wrong type, expected type 'string'",
      );
    }
    const collection: Collection | undefined = context.view.collection(db, name);
    if (collection === undefined) return { values: [], ok: 1 };
    const query: Document = requireDocument(command.query, 'query');
    const values: Map<string, unknown> = new Map<string, unknown>();
    for (const doc of runFind(collection.candidates(query), { filter: query })) {
      for (const value of valuesAtPath(doc, key, true)) {
        if (value !== undefined && !values.has(valueKey(value))) values.set(valueKey(value), value);
      }
    }
    return { values: [...values.values()].sort(compare), ok: 1 };
  },
};

export const aggregateCommands: ReadonlyMap<string, CommandHandler> = new Map<string, CommandHandler>([
  ['aggregate', aggregate],
  ['count', count],
  ['distinct', distinct],
]);
