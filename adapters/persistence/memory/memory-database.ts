import { AsyncLocalStorage } from 'node:async_hooks';

/** One undoable write: what a document looked like before and after it. */
interface JournalEntry {
  readonly collection: MemoryCollection<Identified>;
  readonly id: string;
  readonly before: Identified | undefined;
  readonly after: Identified | undefined;
}

export interface Identified {
  readonly id: string;
}

export class Journal {
  private readonly entries: JournalEntry[] = [];

  record(entry: JournalEntry): void {
    this.entries.push(entry);
  }

  /** Undo in reverse order; a document since overwritten outside the transaction is left as it is now. */
  rollback(): void {
    for (const entry of [...this.entries].reverse()) entry.collection.restore(entry.id, entry.before, entry.after);
    this.entries.length = 0;
  }
}

/**
 * The embedded store: named collections of documents kept as private copies (reads and writes clone, so an
 * aggregate changed after `save` never changes the store behind the repository's back).
 */
export class MemoryDatabase {
  private readonly collections = new Map<string, MemoryCollection<Identified>>();
  readonly transaction = new AsyncLocalStorage<Journal>();
  private available = true;

  collection<T extends Identified>(name: string): MemoryCollection<T> {
    let found = this.collections.get(name);
    if (!found) {
      found = new MemoryCollection<Identified>(this);
      this.collections.set(name, found);
    }
    return found as unknown as MemoryCollection<T>;
  }

  /** Empties every collection (the test-support `clean`). */
  clear(except: readonly string[] = []): void {
    for (const [name, collection] of this.collections) if (!except.includes(name)) collection.clear();
  }

  /** Lets tests simulate an unreachable database (readiness turns 503, writes fail). */
  setAvailable(available: boolean): void {
    this.available = available;
  }

  isAvailable(): boolean {
    return this.available;
  }
}

export class MemoryCollection<T extends Identified> {
  private readonly docs = new Map<string, T>();

  constructor(private readonly database: MemoryDatabase) {}

  get(id: string): T | undefined {
    const doc = this.docs.get(id);
    return doc === undefined ? undefined : structuredClone(doc);
  }

  all(): T[] {
    return [...this.docs.values()].map((doc) => structuredClone(doc));
  }

  find(predicate: (doc: T) => boolean): T[] {
    const found: T[] = [];
    for (const doc of this.docs.values()) if (predicate(doc)) found.push(structuredClone(doc));
    return found;
  }

  count(predicate: (doc: T) => boolean = () => true): number {
    let n = 0;
    for (const doc of this.docs.values()) if (predicate(doc)) n += 1;
    return n;
  }

  put(doc: T): void {
    const stored = structuredClone(doc);
    this.journal(doc.id, stored);
    this.docs.set(doc.id, stored);
  }

  delete(id: string): boolean {
    if (!this.docs.has(id)) return false;
    this.journal(id, undefined);
    this.docs.delete(id);
    return true;
  }

  clear(): void {
    this.docs.clear();
  }

  restore(id: string, before: Identified | undefined, after: Identified | undefined): void {
    if (this.docs.get(id) !== after) return;
    if (before === undefined) this.docs.delete(id);
    else this.docs.set(id, before as T);
  }

  private journal(id: string, after: T | undefined): void {
    const journal = this.database.transaction.getStore();
    if (journal)
      journal.record({
        collection: this,
        id,
        before: this.docs.get(id),
        after,
      });
  }
}
