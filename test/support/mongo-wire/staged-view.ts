import { Collection } from './collection';
import { CommandError, ErrorCode } from './errors';
import { checkCollectionName, checkDatabaseName, namespaceExists } from './storage';
import type { Storage, StorageView } from './storage';

function notInTransaction(what: string): CommandError {
  return new CommandError(
    ErrorCode.OperationNotSupportedInTransaction,
    `Cannot run '${what}' in a multi-document transaction.`,
  );
}

/**
 * A transaction's view of the data. The first write to a collection clones it (documents are immutable,
 * so the clone copies maps only); reads of untouched collections see the committed store, which cannot
 * change meanwhile because every outside write waits for the transaction lock. Commit puts the staged
 * collections into the store; abort just forgets them, so collections created by the transaction vanish too.
 */
export class StagedView implements StorageView {
  readonly inTransaction: boolean = true;
  private readonly base: Storage;
  private readonly staged: Map<string, Collection> = new Map<string, Collection>();

  constructor(base: Storage) {
    this.base = base;
  }

  private static ns(db: string, name: string): string {
    return `${db}.${name}`;
  }

  collection(db: string, name: string): Collection | undefined {
    return this.staged.get(StagedView.ns(db, name)) ?? this.base.collection(db, name);
  }

  writable(db: string, name: string, create: boolean): Collection | undefined {
    const ns: string = StagedView.ns(db, name);
    const staged: Collection | undefined = this.staged.get(ns);
    if (staged !== undefined) return staged;
    const committed: Collection | undefined = this.base.collection(db, name);
    if (committed !== undefined) {
      const copy: Collection = committed.clone();
      this.staged.set(ns, copy);
      return copy;
    }
    return create ? this.create(db, name) : undefined;
  }

  create(db: string, name: string): Collection {
    checkDatabaseName(db);
    checkCollectionName(db, name);
    if (this.collection(db, name) !== undefined) throw namespaceExists(db, name);
    const collection: Collection = new Collection(db, name);
    this.staged.set(StagedView.ns(db, name), collection);
    return collection;
  }

  drop(): boolean {
    throw notInTransaction('drop');
  }

  dropDatabase(): void {
    throw notInTransaction('dropDatabase');
  }

  rename(): void {
    throw notInTransaction('renameCollection');
  }

  collectionNames(db: string): string[] {
    const names: Set<string> = new Set<string>(this.base.collectionNames(db));
    for (const collection of this.staged.values()) if (collection.db === db) names.add(collection.name);
    return [...names];
  }

  databaseNames(): string[] {
    const names: Set<string> = new Set<string>(this.base.databaseNames());
    for (const collection of this.staged.values()) names.add(collection.db);
    return [...names];
  }

  /** Makes every staged change visible at once. */
  commitInto(storage: Storage): void {
    for (const collection of this.staged.values()) storage.put(collection);
    this.staged.clear();
  }

  discard(): void {
    this.staged.clear();
  }
}
