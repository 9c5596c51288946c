import type { Document } from 'bson';
import { CommandError, ErrorCode, noSuchTransaction } from './errors';
import { StagedView } from './staged-view';
import type { Storage } from './storage';
import type { TransactionLock } from './tx-lock';

type TransactionState = 'active' | 'committed' | 'aborted';

/** One multi-document transaction of one logical session. */
export class Transaction {
  readonly sessionKey: string;
  readonly txnNumber: number;
  readonly view: StagedView;
  state: TransactionState = 'active';
  timer: NodeJS.Timeout | undefined;

  constructor(sessionKey: string, txnNumber: number, view: StagedView) {
    this.sessionKey = sessionKey;
    this.txnNumber = txnNumber;
    this.view = view;
  }
}

interface SessionState {
  txn: Transaction | undefined;
  /** The last retryable write (txnNumber without autocommit) and its reply, to answer a retry without redoing it. */
  lastRetryable: { readonly txnNumber: number; readonly fingerprint: string; readonly reply: Document } | undefined;
}

/** What a command says about sessions: `lsid`, `txnNumber`, `autocommit`, `startTransaction`. */
export interface SessionFields {
  readonly sessionKey: string | undefined;
  readonly txnNumber: number | undefined;
  readonly inTransaction: boolean;
  readonly startTransaction: boolean;
}

/** A stable key for an `lsid` document (its `id` UUID). */
export function sessionKeyOf(lsid: unknown): string | undefined {
  if (typeof lsid !== 'object' || lsid === null) return undefined;
  const id: unknown = (lsid as Document).id;
  if (typeof id !== 'object' || id === null) return undefined;
  const hex: unknown = (id as { toString(encoding: string): unknown }).toString('hex');
  return typeof hex === 'string' ? hex : undefined;
}

export function sessionFieldsOf(command: Document): SessionFields {
  const sessionKey: string | undefined = sessionKeyOf(command.lsid);
  const rawTxn: unknown = command.txnNumber;
  const txnNumber: number | undefined = rawTxn === undefined || rawTxn === null ? undefined : Number(rawTxn);
  const inTransaction: boolean = sessionKey !== undefined && txnNumber !== undefined && command.autocommit === false;
  return { sessionKey, txnNumber, inTransaction, startTransaction: inTransaction && command.startTransaction === true };
}

/**
 * Sessions and their transactions. The global lock is claimed by `startTransaction` (through
 * `TransactionLock.run`) and released by commit, abort, an error inside the transaction, `endSessions`
 * or the transaction lifetime limit.
 */
export class TransactionManager {
  readonly lock: TransactionLock;
  private readonly storage: Storage;
  private readonly lifetimeMs: number;
  private readonly sessions: Map<string, SessionState> = new Map<string, SessionState>();

  constructor(storage: Storage, lock: TransactionLock, lifetimeMs: number) {
    this.storage = storage;
    this.lock = lock;
    this.lifetimeMs = lifetimeMs;
  }

  private session(key: string): SessionState {
    let state: SessionState | undefined = this.sessions.get(key);
    if (state === undefined) {
      state = { txn: undefined, lastRetryable: undefined };
      this.sessions.set(key, state);
    }
    return state;
  }

  /** Starts a transaction; the caller already holds the lock for `sessionKey`. */
  begin(sessionKey: string, txnNumber: number): Transaction {
    const session: SessionState = this.session(sessionKey);
    const previous: Transaction | undefined = session.txn;
    if (previous !== undefined && previous.txnNumber >= txnNumber) {
      throw new CommandError(
        ErrorCode.BadValue,
        `Given transaction number ${txnNumber} does not match any in-progress transactions. The active transaction number is ${previous.txnNumber}`,
      );
    }
    if (previous?.state === 'active') this.finish(previous, 'aborted', false);
    const txn: Transaction = new Transaction(sessionKey, txnNumber, new StagedView(this.storage));
    txn.timer = setTimeout((): void => this.finish(txn, 'aborted', true), this.lifetimeMs);
    txn.timer.unref();
    session.txn = txn;
    return txn;
  }

  hasActive(sessionKey: string): boolean {
    return this.sessions.get(sessionKey)?.txn?.state === 'active';
  }

  /** The active transaction a follow-up command belongs to, or NoSuchTransaction (251). */
  active(sessionKey: string, txnNumber: number): Transaction {
    const txn: Transaction | undefined = this.sessions.get(sessionKey)?.txn;
    if (txn === undefined || txn.txnNumber !== txnNumber) throw noSuchTransaction(txnNumber, 'has not been started.');
    if (txn.state === 'aborted') throw noSuchTransaction(txnNumber, 'has been aborted.');
    if (txn.state === 'committed') {
      throw new CommandError(
        ErrorCode.IllegalOperation,
        `Transaction with { txnNumber: ${txnNumber} } has been committed.`,
      );
    }
    return txn;
  }

  commit(sessionKey: string, txnNumber: number): Document {
    const txn: Transaction | undefined = this.sessions.get(sessionKey)?.txn;
    if (txn !== undefined && txn.txnNumber === txnNumber && txn.state === 'committed') return { ok: 1 };
    const open: Transaction = this.active(sessionKey, txnNumber);
    open.view.commitInto(this.storage);
    this.finish(open, 'committed', true);
    return { ok: 1 };
  }

  abort(sessionKey: string, txnNumber: number): Document {
    const open: Transaction = this.active(sessionKey, txnNumber);
    this.finish(open, 'aborted', true);
    return { ok: 1 };
  }

  /** A command inside the transaction failed: as on a real server, the whole transaction is aborted. */
  abortAfterError(txn: Transaction): void {
    if (txn.state === 'active') this.finish(txn, 'aborted', true);
  }

  endSessions(keys: readonly string[]): void {
    for (const key of keys) {
      const txn: Transaction | undefined = this.sessions.get(key)?.txn;
      if (txn?.state === 'active') this.finish(txn, 'aborted', true);
      this.sessions.delete(key);
    }
  }

  /** The reply already given to this retryable write (same session, txnNumber and command target), if any. */
  retryReply(sessionKey: string, txnNumber: number, fingerprint: string): Document | undefined {
    const last: SessionState['lastRetryable'] = this.sessions.get(sessionKey)?.lastRetryable;
    if (last === undefined || last.txnNumber !== txnNumber || last.fingerprint !== fingerprint) return undefined;
    return last.reply;
  }

  rememberRetryable(sessionKey: string, txnNumber: number, fingerprint: string, reply: Document): void {
    this.session(sessionKey).lastRetryable = { txnNumber, fingerprint, reply };
  }

  get openSessions(): number {
    return this.sessions.size;
  }

  /** Aborts everything (server stop or reset). */
  dispose(): void {
    for (const session of this.sessions.values()) {
      if (session.txn?.state === 'active') this.finish(session.txn, 'aborted', true);
    }
    this.sessions.clear();
  }

  private finish(txn: Transaction, state: TransactionState, releaseLock: boolean): void {
    if (txn.timer !== undefined) clearTimeout(txn.timer);
    txn.timer = undefined;
    if (state === 'aborted') txn.view.discard();
    txn.state = state;
    if (releaseLock) this.lock.release(txn.sessionKey);
  }
}
