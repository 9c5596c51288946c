import type { Document } from 'bson';
import type { CommandContext, CommandHandler, ServerIdentity } from './commands/context';
import { COMMANDS } from './commands/registry';
import type { CursorStore } from './cursors';
import { asCommandError, CommandError, ErrorCode } from './errors';
import type { Storage, StorageView } from './storage';
import { sessionFieldsOf } from './transactions';
import type { SessionFields, Transaction, TransactionManager } from './transactions';

/** Called for every command the server receives (tests use it to see what the driver sent). */
export type CommandListener = (event: {
  readonly name: string;
  readonly db: string;
  readonly command: Document;
}) => void;

export interface DispatcherDeps {
  readonly storage: Storage;
  readonly cursors: CursorStore;
  readonly transactions: TransactionManager;
  readonly server: ServerIdentity;
  readonly onCommand?: CommandListener;
}

function failed(reply: Document): boolean {
  return reply.ok !== 1 || (Array.isArray(reply.writeErrors) && reply.writeErrors.length > 0);
}

/**
 * Routes a decoded command to its handler with the right view of the data:
 * - inside a transaction (`autocommit: false`): `startTransaction` claims the global lock (waiting if
 *   another session holds it), later commands use the transaction's staged view, and any failure aborts;
 * - a write outside a transaction waits for the lock, then runs on the committed store;
 * - reads and meta commands run at once.
 * Whatever happens, the answer is a reply document: the server never crashes on a command.
 */
export class Dispatcher {
  private readonly deps: DispatcherDeps;

  constructor(deps: DispatcherDeps) {
    this.deps = deps;
  }

  async dispatch(command: Document, connectionId: number): Promise<Document> {
    try {
      return await this.route(command, connectionId);
    } catch (error: unknown) {
      return asCommandError(error).toReply();
    }
  }

  private route(command: Document, connectionId: number): Promise<Document> | Document {
    const name: string = Object.keys(command)[0] ?? '';
    const db: string = typeof command.$db === 'string' ? command.$db : 'admin';
    this.deps.onCommand?.({ name, db, command });
    const handler: CommandHandler | undefined = COMMANDS.get(name);
    if (handler === undefined) throw new CommandError(ErrorCode.CommandNotFound, `no such command: '${name}'`);
    const session: SessionFields = sessionFieldsOf(command);
    const { transactions } = this.deps;
    const context = (view: StorageView): CommandContext => ({ ...this.deps, db, view, session, connectionId });

    if (session.inTransaction && handler.kind !== 'meta') {
      const key: string = session.sessionKey as string;
      const txnNumber: number = session.txnNumber as number;
      if (session.startTransaction) {
        return transactions.lock.run(key, true, (): Document => {
          let txn: Transaction;
          try {
            txn = transactions.begin(key, txnNumber);
          } catch (error: unknown) {
            if (!transactions.hasActive(key)) transactions.lock.release(key);
            throw error;
          }
          return this.runInTransaction(handler, command, txn, context(txn.view));
        });
      }
      const txn: Transaction = transactions.active(key, txnNumber);
      return this.runInTransaction(handler, command, txn, context(txn.view));
    }

    if (handler.kind === 'write') {
      const { sessionKey, txnNumber } = session;
      const fingerprint: string = `${db}.${String(command[name])}:${name}`;
      const retry: { key: string; txnNumber: number } | undefined =
        sessionKey !== undefined && txnNumber !== undefined ? { key: sessionKey, txnNumber } : undefined;
      const previous: Document | undefined = retry && transactions.retryReply(retry.key, retry.txnNumber, fingerprint);
      if (previous !== undefined) return previous;
      return transactions.lock.run(sessionKey ?? null, false, (): Document => {
        const reply: Document = this.safely(handler, command, context(this.deps.storage));
        if (retry !== undefined) transactions.rememberRetryable(retry.key, retry.txnNumber, fingerprint, reply);
        return reply;
      });
    }
    return handler.run(command, context(this.deps.storage));
  }

  private safely(handler: CommandHandler, command: Document, context: CommandContext): Document {
    try {
      return handler.run(command, context);
    } catch (error: unknown) {
      return asCommandError(error).toReply();
    }
  }

  /** Runs a command of an open transaction; an error or write error aborts the transaction, as on a real server. */
  private runInTransaction(
    handler: CommandHandler,
    command: Document,
    txn: Transaction,
    context: CommandContext,
  ): Document {
    const reply: Document = this.safely(handler, command, context);
    if (failed(reply)) this.deps.transactions.abortAfterError(txn);
    return reply;
  }
}
