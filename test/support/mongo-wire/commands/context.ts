import type { Document } from 'bson';
import type { CursorStore } from '../cursors';
import { CommandError, ErrorCode } from '../errors';
import type { Storage, StorageView } from '../storage';
import type { SessionFields, TransactionManager } from '../transactions';
import type { Target } from '../write-ops';

/** What the server advertises about itself in `hello`. */
export interface ServerIdentity {
  /** `host:port` exactly as written in the connection string (`me`, `hosts`, `primary`). */
  readonly me: string;
  readonly setName: string;
  readonly startedAt: Date;
}

/** Everything a command handler may use. Handlers are synchronous so each command runs atomically. */
export interface CommandContext {
  readonly db: string;
  readonly view: StorageView;
  readonly storage: Storage;
  readonly cursors: CursorStore;
  readonly transactions: TransactionManager;
  readonly session: SessionFields;
  readonly server: ServerIdentity;
  readonly connectionId: number;
}

/**
 * `read` commands see committed data (or the transaction's own view) and never wait; `write` commands
 * outside a transaction wait for the transaction lock; `meta` commands touch no data.
 */
export type CommandKind = 'read' | 'write' | 'meta';

export interface CommandHandler {
  readonly kind: CommandKind;
  run(command: Document, context: CommandContext): Document;
}

/** The collection a command names in its first field (`{ find: "patients" }`). */
export function targetOf(command: Document, context: CommandContext): Target {
  const name: string = Object.keys(command)[0] ?? '';
  const collection: unknown = command[name];
  if (typeof collection !== 'string') {
    throw new CommandError(ErrorCode.InvalidNamespace, `collection name has invalid type ${typeof collection}`);
  }
  if (collection.length === 0)
    throw new CommandError(ErrorCode.InvalidNamespace, `Invalid namespace specified '${context.db}.'`);
  return { db: context.db, collection };
}

export function nsOf(target: Target): string {
  return `${target.db}.${target.collection}`;
}

/** An optional non-negative integer field (`skip`, `limit`, `batchSize`). */
export function optionalCount(command: Document, field: string): number | undefined {
  const value: unknown = command[field];
  if (value === undefined || value === null) return undefined;
  const n: number = Number(value);
  if (!Number.isFinite(n))
    throw new CommandError(ErrorCode.TypeMismatch, `BSON field '${field}' is the wrong type, expected a number`);
  if (n < 0) throw new CommandError(ErrorCode.BadValue, `${field} value must be non-negative, but received: ${n}`);
  return Math.trunc(n);
}

export function optionalDocument(command: Document, field: string): Document | undefined {
  const value: unknown = command[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new CommandError(ErrorCode.TypeMismatch, `BSON field '${field}' is the wrong type, expected type 'object'`);
  }
  return value;
}

/** The array a command carries inline or as an OP_MSG kind-1 document sequence (merged by the codec). */
export function documentList(command: Document, field: string): Document[] {
  const value: unknown = command[field];
  if (!Array.isArray(value))
    throw new CommandError(ErrorCode.FailedToParse, `BSON field '${field}' is missing but a required field`);
  return value as Document[];
}
