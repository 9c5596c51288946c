import type { Document } from 'bson';
import { CommandError, ErrorCode } from '../errors';
import { projectDocuments, requireDocument } from '../query-engine';
import { deleteDocuments, updateDocuments } from '../write-ops';
import type { Target, UpdateOutcome } from '../write-ops';
import { optionalDocument, targetOf } from './context';
import type { CommandContext, CommandHandler } from './context';

function projected(doc: Document | undefined, fields: Document | undefined): Document | null {
  if (doc === undefined) return null;
  if (fields === undefined) return doc;
  return projectDocuments([doc], fields)[0] ?? null;
}

/**
 * findAndModify: one document, found in `sort` order, removed or updated (or upserted) atomically.
 * Errors such as E11000 are top-level command errors here, not `writeErrors`.
 */
const findAndModify: CommandHandler = {
  kind: 'write',
  run: (command: Document, context: CommandContext): Document => {
    const target: Target = targetOf(command, context);
    const filter: Document = requireDocument(command.query, 'query');
    const sort: Document | undefined = optionalDocument(command, 'sort');
    const fields: Document | undefined = optionalDocument(command, 'fields');
    const remove: boolean = command.remove === true;
    const hasUpdate: boolean = command.update !== undefined && command.update !== null;
    if (remove && hasUpdate)
      throw new CommandError(ErrorCode.FailedToParse, 'Cannot specify both an update and remove=true');
    if (!remove && !hasUpdate)
      throw new CommandError(ErrorCode.FailedToParse, 'Either an update or remove=true must be specified');

    if (remove) {
      if (command.new === true)
        throw new CommandError(ErrorCode.FailedToParse, 'Cannot specify both new=true and remove=true');
      const [removed] = deleteDocuments(context.view, target, filter, 1, sort);
      return { lastErrorObject: { n: removed === undefined ? 0 : 1 }, value: projected(removed, fields), ok: 1 };
    }

    const outcome: UpdateOutcome = updateDocuments(context.view, target, {
      filter,
      update: command.update,
      multi: false,
      upsert: command.upsert === true,
      sort,
      arrayFilters: Array.isArray(command.arrayFilters) ? (command.arrayFilters as Document[]) : undefined,
      variables: optionalDocument(command, 'let'),
    });
    const returnNew: boolean = command.new === true;
    if (outcome.upserted !== undefined) {
      return {
        lastErrorObject: { n: 1, updatedExisting: false, upserted: outcome.upserted._id as unknown },
        value: returnNew ? projected(outcome.upserted, fields) : null,
        ok: 1,
      };
    }
    if (outcome.matched === 0) return { lastErrorObject: { n: 0, updatedExisting: false }, value: null, ok: 1 };
    return {
      lastErrorObject: { n: 1, updatedExisting: true },
      value: projected(returnNew ? outcome.after : outcome.before, fields),
      ok: 1,
    };
  },
};

export const findAndModifyCommands: ReadonlyMap<string, CommandHandler> = new Map<string, CommandHandler>([
  ['findAndModify', findAndModify],
  ['findandmodify', findAndModify],
]);
