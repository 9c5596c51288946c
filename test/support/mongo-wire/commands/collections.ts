import type { Document } from 'bson';
import type { Collection } from '../collection';
import { ID_INDEX_NAME } from '../collection';
import { CommandError, ErrorCode, namespaceNotFound } from '../errors';
import { compileFilter, requireDocument } from '../query-engine';
import { targetOf } from './context';
import type { CommandContext, CommandHandler } from './context';

const create: CommandHandler = {
  kind: 'write',
  run: (command: Document, context: CommandContext): Document => {
    const { db, collection } = targetOf(command, context);
    context.view.create(db, collection);
    return { ok: 1 };
  },
};

const drop: CommandHandler = {
  kind: 'write',
  run: (command: Document, context: CommandContext): Document => {
    const { db, collection: name } = targetOf(command, context);
    const collection: Collection | undefined = context.view.collection(db, name);
    if (collection === undefined || !context.view.drop(db, name)) throw namespaceNotFound('ns not found');
    return { nIndexesWas: collection.indexCount, ns: collection.ns, ok: 1 };
  },
};

const dropDatabase: CommandHandler = {
  kind: 'write',
  run: (_command: Document, context: CommandContext): Document => {
    context.view.dropDatabase(context.db);
    return { dropped: context.db, ok: 1 };
  },
};

/** `{ renameCollection: "db.from", to: "db.to", dropTarget }`, an admin command. */
const renameCollection: CommandHandler = {
  kind: 'write',
  run: (command: Document, context: CommandContext): Document => {
    const from: unknown = command.renameCollection;
    const to: unknown = command.to;
    if (typeof from !== 'string' || typeof to !== 'string') {
      throw new CommandError(ErrorCode.TypeMismatch, 'renameCollection and to must be namespace strings');
    }
    const split = (ns: string): [string, string] => {
      const dot: number = ns.indexOf('.');
      if (dot <= 0) throw new CommandError(ErrorCode.InvalidNamespace, `Invalid namespace specified '${ns}'`);
      return [ns.slice(0, dot), ns.slice(dot + 1)];
    };
    const [fromDb, fromName] = split(from);
    const [toDb, toName] = split(to);
    context.view.rename(fromDb, fromName, toDb, toName, command.dropTarget === true);
    return { ok: 1 };
  },
};

function collectionInfo(collection: Collection): Document {
  return {
    name: collection.name,
    type: 'collection',
    options: {},
    info: { readOnly: false, uuid: collection.uuid },
    idIndex: { v: 2, key: { _id: 1 }, name: ID_INDEX_NAME },
  };
}

const listCollections: CommandHandler = {
  kind: 'read',
  run: (command: Document, context: CommandContext): Document => {
    const matches: (doc: Document) => boolean = compileFilter(requireDocument(command.filter, 'filter'));
    const nameOnly: boolean = command.nameOnly === true;
    const infos: Document[] = context.view
      .collectionNames(context.db)
      .map((name: string): Collection | undefined => context.view.collection(context.db, name))
      .filter((collection: Collection | undefined): collection is Collection => collection !== undefined)
      .map(collectionInfo)
      .filter(matches)
      .map((info: Document): Document => (nameOnly ? { name: info.name as unknown, type: 'collection' } : info));
    const cursor: Document = requireDocument(command.cursor, 'cursor');
    const batchSize: number | undefined = typeof cursor.batchSize === 'number' ? cursor.batchSize : undefined;
    return { ...context.cursors.first(`${context.db}.$cmd.listCollections`, infos, batchSize, false) };
  },
};

const listDatabases: CommandHandler = {
  kind: 'read',
  run: (command: Document, context: CommandContext): Document => {
    const matches: (doc: Document) => boolean = compileFilter(requireDocument(command.filter, 'filter'));
    const databases: Document[] = context.view
      .databaseNames()
      .map((name: string): Document => {
        const collections: number = context.view.collectionNames(name).length;
        return { name, sizeOnDisk: 8192 * Math.max(1, collections), empty: collections === 0 };
      })
      .filter(matches);
    if (command.nameOnly === true) {
      return { databases: databases.map((db: Document): Document => ({ name: db.name as unknown })), ok: 1 };
    }
    const totalSize: number = databases.reduce((sum: number, db: Document): number => sum + Number(db.sizeOnDisk), 0);
    return { databases, totalSize, totalSizeMb: Math.ceil(totalSize / (1024 * 1024)), ok: 1 };
  },
};

const dbStats: CommandHandler = {
  kind: 'read',
  run: (_command: Document, context: CommandContext): Document => {
    const names: string[] = context.view.collectionNames(context.db);
    const objects: number = names.reduce(
      (sum: number, name: string): number => sum + (context.view.collection(context.db, name)?.size ?? 0),
      0,
    );
    return { db: context.db, collections: names.length, views: 0, objects, ok: 1 };
  },
};

export const collectionCommands: ReadonlyMap<string, CommandHandler> = new Map<string, CommandHandler>([
  ['create', create],
  ['drop', drop],
  ['dropDatabase', dropDatabase],
  ['renameCollection', renameCollection],
  ['listCollections', listCollections],
  ['listDatabases', listDatabases],
  ['dbStats', dbStats],
]);
