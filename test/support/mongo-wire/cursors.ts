import { randomBytes } from 'node:crypto';
import { calculateObjectSize, Long } from 'bson';
import type { Document } from 'bson';
import { CommandError, ErrorCode } from './errors';

/** The first batch of a find or aggregate without `batchSize`, as on a real server. */
export const DEFAULT_FIRST_BATCH: number = 101;
/** Batches stop growing at this many bytes so a reply stays under the 16 MiB BSON limit. */
const MAX_BATCH_BYTES: number = 16 * 1024 * 1024 - 64 * 1024;

interface OpenCursor {
  readonly id: Long;
  readonly ns: string;
  readonly docs: readonly Document[];
  position: number;
  lastUsed: number;
}

export interface CursorReply {
  readonly cursor: Document;
  readonly ok: 1;
}

/**
 * Server-side cursors over already materialised results. Ids are positive 64-bit `Long`s (a plain
 * number would be encoded as int32 and the driver would reject every reply); `0` means exhausted.
 */
export class CursorStore {
  private readonly open: Map<string, OpenCursor> = new Map<string, OpenCursor>();
  private readonly idleTimeoutMs: number;
  private readonly sweeper: NodeJS.Timeout;

  constructor(idleTimeoutMs: number) {
    this.idleTimeoutMs = idleTimeoutMs;
    this.sweeper = setInterval((): void => this.sweep(), Math.max(1000, Math.min(idleTimeoutMs, 60_000)));
    this.sweeper.unref();
  }

  get size(): number {
    return this.open.size;
  }

  /** Replies with the first batch and keeps a cursor only when documents remain. */
  first(ns: string, docs: readonly Document[], batchSize: number | undefined, singleBatch: boolean): CursorReply {
    const size: number = batchSize === undefined || batchSize <= 0 ? DEFAULT_FIRST_BATCH : batchSize;
    const firstBatch: Document[] = takeBatch(docs, 0, batchSize === 0 ? 0 : size);
    if (singleBatch || firstBatch.length >= docs.length) {
      return { cursor: { firstBatch, id: Long.ZERO, ns }, ok: 1 };
    }
    const id: Long = this.newId();
    this.open.set(id.toString(), { id, ns, docs, position: firstBatch.length, lastUsed: Date.now() });
    return { cursor: { firstBatch, id, ns }, ok: 1 };
  }

  next(id: Long, ns: string, batchSize: number | undefined): CursorReply {
    const key: string = id.toString();
    const cursor: OpenCursor | undefined = this.open.get(key);
    if (cursor === undefined) throw new CommandError(ErrorCode.CursorNotFound, `cursor id ${key} not found`);
    if (cursor.ns !== ns) {
      throw new CommandError(
        ErrorCode.Unauthorized,
        `Requested getMore on namespace '${ns}', but cursor belongs to a different namespace ${cursor.ns}`,
      );
    }
    const size: number = batchSize === undefined || batchSize <= 0 ? Number.MAX_SAFE_INTEGER : batchSize;
    const nextBatch: Document[] = takeBatch(cursor.docs, cursor.position, size);
    cursor.position += nextBatch.length;
    cursor.lastUsed = Date.now();
    const exhausted: boolean = cursor.position >= cursor.docs.length;
    if (exhausted) this.open.delete(key);
    return { cursor: { nextBatch, id: exhausted ? Long.ZERO : cursor.id, ns }, ok: 1 };
  }

  /** Kills the given cursors; returns which ids were killed and which were unknown. */
  kill(ids: readonly Long[]): { killed: Long[]; notFound: Long[] } {
    const killed: Long[] = [];
    const notFound: Long[] = [];
    for (const id of ids) (this.open.delete(id.toString()) ? killed : notFound).push(id);
    return { killed, notFound };
  }

  clear(): void {
    this.open.clear();
  }

  dispose(): void {
    clearInterval(this.sweeper);
    this.open.clear();
  }

  private sweep(): void {
    const cutoff: number = Date.now() - this.idleTimeoutMs;
    for (const [key, cursor] of this.open) if (cursor.lastUsed < cutoff) this.open.delete(key);
  }

  private newId(): Long {
    for (;;) {
      const id: Long = Long.fromBytesLE([...randomBytes(8)]).and(Long.MAX_VALUE);
      if (!id.isZero() && !this.open.has(id.toString())) return id;
    }
  }
}

function takeBatch(docs: readonly Document[], from: number, count: number): Document[] {
  const batch: Document[] = [];
  let bytes: number = 0;
  for (let i: number = from; i < docs.length && batch.length < count; i += 1) {
    const doc: Document = docs[i];
    bytes += calculateObjectSize(doc);
    if (batch.length > 0 && bytes > MAX_BATCH_BYTES) break;
    batch.push(doc);
  }
  return batch;
}

/** Reads a cursor id sent back by the driver (a Long, or a number if it was promoted). */
export function cursorIdOf(value: unknown): Long {
  if (Long.isLong(value)) return value;
  if (typeof value === 'number' && Number.isInteger(value)) return Long.fromNumber(value);
  if (typeof value === 'bigint') return Long.fromBigInt(value);
  throw new CommandError(ErrorCode.TypeMismatch, "Field 'getMore' must be of type long");
}
