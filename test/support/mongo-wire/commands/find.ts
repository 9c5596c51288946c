import type { Document, Long } from 'bson';
import type { Collection } from '../collection';
import { cursorIdOf } from '../cursors';
import { CommandError, ErrorCode } from '../errors';
import { requireDocument, runFind } from '../query-engine';
import type { Target } from '../write-ops';
import { nsOf, optionalCount, optionalDocument, targetOf } from './context';
import type { CommandContext, CommandHandler } from './context';

const find: CommandHandler = {
  kind: 'read',
  run: (command: Document, context: CommandContext): Document => {
    const target: Target = targetOf(command, context);
    const filter: Document = requireDocument(command.filter, 'find.filter');
    const collection: Collection | undefined = context.view.collection(target.db, target.collection);
    const docs: Document[] =
      collection === undefined
        ? []
        : runFind(
            collection.candidates(filter),
            {
              filter,
              sort: optionalDocument(command, 'sort'),
              skip: optionalCount(command, 'skip'),
              limit: optionalCount(command, 'limit'),
              projection: optionalDocument(command, 'projection'),
            },
            { variables: optionalDocument(command, 'let') },
          );
    const singleBatch: boolean = command.singleBatch === true;
    return { ...context.cursors.first(nsOf(target), docs, optionalCount(command, 'batchSize'), singleBatch) };
  },
};

const getMore: CommandHandler = {
  kind: 'read',
  run: (command: Document, context: CommandContext): Document => {
    const id: Long = cursorIdOf(command.getMore);
    const collection: unknown = command.collection;
    if (typeof collection !== 'string') {
      throw new CommandError(
        ErrorCode.TypeMismatch,
        "BSON field 'getMore.collection' is the wrong type, expected type 'string'",
      );
    }
    return { ...context.cursors.next(id, `${context.db}.${collection}`, optionalCount(command, 'batchSize')) };
  },
};

const killCursors: CommandHandler = {
  kind: 'read',
  run: (command: Document, context: CommandContext): Document => {
    const raw: unknown = command.cursors;
    if (!Array.isArray(raw))
      throw new CommandError(
        ErrorCode.FailedToParse,
        "BSON field 'killCursors.cursors' is missing but a required field",
      );
    const { killed, notFound } = context.cursors.kill((raw as unknown[]).map(cursorIdOf));
    return { cursorsKilled: killed, cursorsNotFound: notFound, cursorsAlive: [], cursorsUnknown: [], ok: 1 };
  },
};

export const findCommands: ReadonlyMap<string, CommandHandler> = new Map<string, CommandHandler>([
  ['find', find],
  ['getMore', getMore],
  ['killCursors', killCursors],
]);
