import type { Document } from 'bson';
import { valuesAtPath } from './bson-values';
import type { Collection } from './collection';
import type { Index } from './indexes';
import type { Storage } from './storage';
import type { TransactionLock } from './tx-lock';

function expired(doc: Document, index: Index, now: number): boolean {
  const field: string | undefined = index.fields[0];
  if (field === undefined || index.expireAfterSeconds === undefined) return false;
  const limit: number = now - index.expireAfterSeconds * 1000;
  return valuesAtPath(doc, field, true).some(
    (value: unknown): boolean => value instanceof Date && value.getTime() <= limit,
  );
}

/** Removes every document whose TTL index date has passed; returns how many went. */
export function removeExpired(collection: Collection, now: number): number {
  const ttlIndexes: Index[] = collection
    .secondaryIndexes()
    .filter((index: Index): boolean => index.expireAfterSeconds !== undefined && index.fields.length === 1);
  if (ttlIndexes.length === 0) return 0;
  let removed: number = 0;
  for (const doc of collection.documents()) {
    if (ttlIndexes.some((index: Index): boolean => expired(doc, index, now))) {
      collection.remove(doc);
      removed += 1;
    }
  }
  return removed;
}

/**
 * The TTL monitor, like mongod's background thread but with a configurable period. It skips a round
 * while a transaction holds the lock, so it never writes under an open transaction.
 */
export class TtlMonitor {
  private readonly timer: NodeJS.Timeout;

  constructor(storage: Storage, lock: TransactionLock, intervalMs: number) {
    this.timer = setInterval((): void => {
      if (lock.owner !== null) return;
      const now: number = Date.now();
      for (const collection of storage.allCollections()) removeExpired(collection, now);
    }, intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
