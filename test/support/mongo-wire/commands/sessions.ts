import { UUID } from 'bson';
import type { Document } from 'bson';
import { CommandError, ErrorCode } from '../errors';
import { sessionKeyOf } from '../transactions';
import type { CommandContext, CommandHandler } from './context';

/** The session and transaction number a commit or abort refers to. */
function transactionOf(command: Document, context: CommandContext): { key: string; txnNumber: number } {
  const name: string = Object.keys(command)[0] ?? '';
  const { sessionKey, txnNumber } = context.session;
  if (sessionKey === undefined || txnNumber === undefined || command.autocommit !== false) {
    throw new CommandError(ErrorCode.IllegalOperation, `${name} must be run within a transaction`);
  }
  return { key: sessionKey, txnNumber };
}

const commitTransaction: CommandHandler = {
  kind: 'meta',
  run: (command: Document, context: CommandContext): Document => {
    const { key, txnNumber } = transactionOf(command, context);
    return context.transactions.commit(key, txnNumber);
  },
};

const abortTransaction: CommandHandler = {
  kind: 'meta',
  run: (command: Document, context: CommandContext): Document => {
    const { key, txnNumber } = transactionOf(command, context);
    return context.transactions.abort(key, txnNumber);
  },
};

function sessionKeysOf(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return (value as unknown[]).map(sessionKeyOf).filter((key: string | undefined): key is string => key !== undefined);
}

/** Ends sessions, aborting their open transactions (sent by `client.close()` with moreToCome). */
const endSessions: CommandHandler = {
  kind: 'meta',
  run: (command: Document, context: CommandContext): Document => {
    context.transactions.endSessions(sessionKeysOf(command.endSessions));
    return { ok: 1 };
  },
};

const killSessions: CommandHandler = {
  kind: 'meta',
  run: (command: Document, context: CommandContext): Document => {
    context.transactions.endSessions(sessionKeysOf(command.killSessions));
    return { ok: 1 };
  },
};

const startSession: CommandHandler = {
  kind: 'meta',
  run: (): Document => ({ id: { id: new UUID() }, timeoutMinutes: 30, ok: 1 }),
};

export const sessionCommands: ReadonlyMap<string, CommandHandler> = new Map<string, CommandHandler>([
  ['commitTransaction', commitTransaction],
  ['abortTransaction', abortTransaction],
  ['endSessions', endSessions],
  ['killSessions', killSessions],
  ['refreshSessions', { kind: 'meta', run: (): Document => ({ ok: 1 }) }],
  ['startSession', startSession],
]);
