import type { Document } from 'bson';
import { formatForMessage } from './bson-values';

/** MongoDB error codes the wire test server can answer with, and their code names. */
export const ErrorCode = {
  InternalError: 1,
  BadValue: 2,
  FailedToParse: 9,
  TypeMismatch: 14,
  InvalidLength: 16,
  Unauthorized: 13,
  IllegalOperation: 20,
  NamespaceNotFound: 26,
  IndexNotFound: 27,
  ConflictingUpdateOperators: 40,
  CursorNotFound: 43,
  NamespaceExists: 48,
  InvalidIdField: 53,
  CommandNotFound: 59,
  ImmutableField: 66,
  InvalidOptions: 72,
  InvalidNamespace: 73,
  IndexOptionsConflict: 85,
  IndexKeySpecsConflict: 86,
  WriteConflict: 112,
  CommandNotSupported: 115,
  NoSuchTransaction: 251,
  OperationNotSupportedInTransaction: 263,
  DuplicateKey: 11000,
  Location40324: 40324,
  Location40573: 40573,
} as const;

const codeNames: ReadonlyMap<number, string> = new Map(
  Object.entries(ErrorCode).map(([name, code]: [string, number]): [number, string] => [code, name]),
);

export function codeNameOf(code: number): string {
  return codeNames.get(code) ?? 'UnknownError';
}

export const TRANSIENT_TRANSACTION_ERROR = 'TransientTransactionError';

/** An error that becomes an `{ ok: 0, errmsg, code, codeName }` reply (or a `writeErrors` entry). */
export class CommandError extends Error {
  readonly code: number;
  readonly labels: readonly string[];
  /** Extra fields a real server adds to this error (e.g. `keyPattern`, `keyValue`). */
  readonly extra: Readonly<Document>;

  constructor(code: number, message: string, options: { labels?: readonly string[]; extra?: Document } = {}) {
    super(message);
    this.name = 'CommandError';
    this.code = code;
    this.labels = options.labels ?? [];
    this.extra = options.extra ?? {};
  }

  get codeName(): string {
    return codeNameOf(this.code);
  }

  /** The top-level reply of a failed command. */
  toReply(): Document {
    const reply: Document = { ok: 0, errmsg: this.message, code: this.code, codeName: this.codeName, ...this.extra };
    if (this.labels.length > 0) reply.errorLabels = [...this.labels];
    return reply;
  }

  /** The entry of a `writeErrors` array for the statement at `index`. */
  toWriteError(index: number): Document {
    return { index, code: this.code, errmsg: this.message, ...this.extra };
  }
}

/** Turns anything thrown while running a command into a CommandError, so the server never crashes. */
export function asCommandError(error: unknown): CommandError {
  if (error instanceof CommandError) return error;
  const message: string = error instanceof Error ? error.message : String(error);
  return new CommandError(ErrorCode.InternalError, `internal error in the wire test server: ${message}`);
}

export function writeConflict(): CommandError {
  return new CommandError(
    ErrorCode.WriteConflict,
    'WriteConflict error: this operation conflicted with another operation. ' +
      'Please retry your operation or multi-document transaction.',
    { labels: [TRANSIENT_TRANSACTION_ERROR] },
  );
}

export function noSuchTransaction(txnNumber: number, why: string): CommandError {
  return new CommandError(ErrorCode.NoSuchTransaction, `Transaction with { txnNumber: ${txnNumber} } ${why}`, {
    labels: [TRANSIENT_TRANSACTION_ERROR],
  });
}

export function badValue(message: string): CommandError {
  return new CommandError(ErrorCode.BadValue, message);
}

export function typeMismatch(message: string): CommandError {
  return new CommandError(ErrorCode.TypeMismatch, message);
}

export function namespaceNotFound(message: string): CommandError {
  return new CommandError(ErrorCode.NamespaceNotFound, message);
}

/** The message a real server gives for a unique-index violation. */
export function formatDuplicateKeyMessage(ns: string, indexName: string, keyValue: Document): string {
  return `E11000 duplicate key error collection: ${ns} index: ${indexName} dup key: ${formatForMessage(keyValue)}`;
}
