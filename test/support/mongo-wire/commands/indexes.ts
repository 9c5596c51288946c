import type { Document } from 'bson';
import type { Collection } from '../collection';
import { CommandError, ErrorCode, namespaceNotFound } from '../errors';
import { normaliseIndexSpec } from '../indexes';
import { requireDocument } from '../query-engine';
import { targetOf } from './context';
import type { CommandContext, CommandHandler } from './context';

/** createIndexes: all indexes of the command are built, or none (a failed build undoes the earlier ones). */
const createIndexes: CommandHandler = {
  kind: 'write',
  run: (command: Document, context: CommandContext): Document => {
    const { db, collection: name } = targetOf(command, context);
    const raw: unknown = command.indexes;
    if (!Array.isArray(raw) || raw.length === 0) {
      throw new CommandError(ErrorCode.BadValue, 'Must specify at least one index to create');
    }
    const specs: Document[] = (raw as unknown[]).map(normaliseIndexSpec);
    const existed: boolean = context.view.collection(db, name) !== undefined;
    const collection: Collection = context.view.writable(db, name, true) as Collection;
    const numIndexesBefore: number = collection.indexCount;
    const created: string[] = [];
    try {
      for (const spec of specs) if (collection.createIndex(spec)) created.push(String(spec.name));
    } catch (error: unknown) {
      for (const indexName of created) collection.dropIndex(indexName);
      throw error;
    }
    const reply: Document = {
      numIndexesBefore,
      numIndexesAfter: collection.indexCount,
      createdCollectionAutomatically: !existed,
      ok: 1,
    };
    if (created.length === 0) reply.note = 'all indexes already exist';
    return reply;
  },
};

const listIndexes: CommandHandler = {
  kind: 'read',
  run: (command: Document, context: CommandContext): Document => {
    const { db, collection: name } = targetOf(command, context);
    const collection: Collection | undefined = context.view.collection(db, name);
    if (collection === undefined) throw namespaceNotFound(`ns does not exist: ${db}.${name}`);
    const cursor: Document = requireDocument(command.cursor, 'cursor');
    const batchSize: number | undefined = typeof cursor.batchSize === 'number' ? cursor.batchSize : undefined;
    return { ...context.cursors.first(`${db}.$cmd.listIndexes.${name}`, collection.indexSpecs(), batchSize, false) };
  },
};

/** dropIndexes: `"*"` (all but `_id_`), a name, a key pattern, or a list of names. */
const dropIndexes: CommandHandler = {
  kind: 'write',
  run: (command: Document, context: CommandContext): Document => {
    const { db, collection: name } = targetOf(command, context);
    if (context.view.collection(db, name) === undefined) throw namespaceNotFound(`ns not found ${db}.${name}`);
    const collection: Collection = context.view.writable(db, name, false) as Collection;
    const nIndexesWas: number = collection.indexCount;
    const which: unknown = command.index;
    if (which === '*') {
      collection.dropAllIndexes();
    } else if (typeof which === 'string' || (typeof which === 'object' && which !== null && !Array.isArray(which))) {
      if (!collection.dropIndex(which)) {
        const label: string = typeof which === 'string' ? which : JSON.stringify(which);
        throw new CommandError(ErrorCode.IndexNotFound, `index not found with name [${label}]`);
      }
    } else if (Array.isArray(which)) {
      const names: string[] = (which as unknown[]).map(String);
      const known: Set<string> = new Set<string>(
        collection.indexSpecs().map((spec: Document): string => String(spec.name)),
      );
      const missing: string | undefined = names.find((indexName: string): boolean => !known.has(indexName));
      if (missing !== undefined)
        throw new CommandError(ErrorCode.IndexNotFound, `index not found with name [${missing}]`);
      for (const indexName of names) collection.dropIndex(indexName);
    } else {
      throw new CommandError(ErrorCode.TypeMismatch, "BSON field 'dropIndexes.index' is the wrong type");
    }
    return { nIndexesWas, ok: 1 };
  },
};

export const indexCommands: ReadonlyMap<string, CommandHandler> = new Map<string, CommandHandler>([
  ['createIndexes', createIndexes],
  ['listIndexes', listIndexes],
  ['dropIndexes', dropIndexes],
  ['deleteIndexes', dropIndexes],
]);
