import type { Document } from 'bson';
import { isPlainDocument } from '../bson-values';
import { asCommandError, CommandError, ErrorCode } from '../errors';
import { requireDocument } from '../query-engine';
import { updateKind } from '../update-engine';
import { deleteDocuments, insertDocument, updateDocuments } from '../write-ops';
import type { Target, UpdateOutcome } from '../write-ops';
import { documentList, optionalDocument, targetOf } from './context';
import type { CommandContext, CommandHandler } from './context';

/**
 * Runs each statement of a write batch. A statement that fails becomes a `writeErrors` entry with its
 * index; an ordered batch (the default) stops at the first error, an unordered one carries on.
 */
function eachStatement<T>(
  command: Document,
  statements: readonly T[],
  run: (statement: T, index: number) => void,
): Document[] {
  const ordered: boolean = command.ordered !== false;
  const writeErrors: Document[] = [];
  for (let index: number = 0; index < statements.length; index += 1) {
    try {
      run(statements[index], index);
    } catch (error: unknown) {
      writeErrors.push(asCommandError(error).toWriteError(index));
      if (ordered) break;
    }
  }
  return writeErrors;
}

function withWriteErrors(reply: Document, writeErrors: Document[]): Document {
  return writeErrors.length === 0 ? reply : { ...reply, writeErrors };
}

const insert: CommandHandler = {
  kind: 'write',
  run: (command: Document, context: CommandContext): Document => {
    const target: Target = targetOf(command, context);
    const documents: Document[] = documentList(command, 'documents');
    let n: number = 0;
    const writeErrors: Document[] = eachStatement(command, documents, (doc: Document): void => {
      if (!isPlainDocument(doc)) throw new CommandError(ErrorCode.TypeMismatch, 'document to insert must be an object');
      insertDocument(context.view, target, doc);
      n += 1;
    });
    return withWriteErrors({ n, ok: 1 }, writeErrors);
  },
};

const update: CommandHandler = {
  kind: 'write',
  run: (command: Document, context: CommandContext): Document => {
    const target: Target = targetOf(command, context);
    const statements: Document[] = documentList(command, 'updates');
    const variables: Document | undefined = optionalDocument(command, 'let');
    let n: number = 0;
    let nModified: number = 0;
    const upserted: Document[] = [];
    const writeErrors: Document[] = eachStatement(command, statements, (statement: Document, index: number): void => {
      const multi: boolean = statement.multi === true;
      if (multi && updateKind(statement.u) === 'replacement') {
        throw new CommandError(ErrorCode.FailedToParse, 'multi update is not supported for replacement-style update');
      }
      const outcome: UpdateOutcome = updateDocuments(context.view, target, {
        filter: requireDocument(statement.q, 'q'),
        update: statement.u,
        multi,
        upsert: statement.upsert === true,
        arrayFilters: Array.isArray(statement.arrayFilters) ? (statement.arrayFilters as Document[]) : undefined,
        variables: isPlainDocument(statement.c) ? statement.c : variables,
      });
      if (outcome.upserted !== undefined) {
        upserted.push({ index, _id: outcome.upserted._id as unknown });
        n += 1;
      }
      n += outcome.matched;
      nModified += outcome.modified;
    });
    const reply: Document = { n, nModified, ok: 1 };
    if (upserted.length > 0) reply.upserted = upserted;
    return withWriteErrors(reply, writeErrors);
  },
};

const remove: CommandHandler = {
  kind: 'write',
  run: (command: Document, context: CommandContext): Document => {
    const target: Target = targetOf(command, context);
    const statements: Document[] = documentList(command, 'deletes');
    let n: number = 0;
    const writeErrors: Document[] = eachStatement(command, statements, (statement: Document): void => {
      const limit: number = Number(statement.limit ?? 0);
      if (limit !== 0 && limit !== 1) {
        throw new CommandError(
          ErrorCode.FailedToParse,
          `The limit field in delete objects must be 0 or 1. Got ${limit}`,
        );
      }
      n += deleteDocuments(context.view, target, requireDocument(statement.q, 'q'), limit).length;
    });
    return withWriteErrors({ n, ok: 1 }, writeErrors);
  },
};

export const writeCommands: ReadonlyMap<string, CommandHandler> = new Map<string, CommandHandler>([
  ['insert', insert],
  ['update', update],
  ['delete', remove],
]);
