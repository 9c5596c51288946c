import { Collection } from './collection';
import { CommandError, ErrorCode } from './errors';

/**
 * What a command sees of the data: the committed store, or a transaction's staged copy of it.
 * Every method is synchronous, so a command runs atomically once it has started.
 */
export interface StorageView {
  readonly inTransaction: boolean;
  /** The collection as this view sees it, for reading. */
  collection(db: string, name: string): Collection | undefined;
  /** The collection to write to, created implicitly when `create` is set (as inserts and upserts do). */
  writable(db: string, name: string, create: boolean): Collection | undefined;
  /** Creates a collection; throws NamespaceExists when it is there already. */
  create(db: string, name: string): Collection;
  drop(db: string, name: string): boolean;
  dropDatabase(db: string): void;
  rename(db: string, from: string, toDb: string, to: string, dropTarget: boolean): void;
  collectionNames(db: string): string[];
  databaseNames(): string[];
}

export function checkCollectionName(db: string, name: string): void {
  if (name.length === 0 || name.includes('\0') || name.startsWith('.') || name.includes('$')) {
    throw new CommandError(ErrorCode.InvalidNamespace, `Invalid collection name: ${db}.${name}`);
  }
}

export function checkDatabaseName(db: string): void {
  if (db.length === 0 || /[/\\. "$\0]/.test(db)) {
    throw new CommandError(ErrorCode.InvalidNamespace, `Invalid database name: '${db}'`);
  }
}

export function namespaceExists(db: string, name: string): CommandError {
  return new CommandError(ErrorCode.NamespaceExists, `Collection ${db}.${name} already exists.`);
}

/** The committed data: databases of collections. */
export class Storage implements StorageView {
  readonly inTransaction: boolean = false;
  private readonly databases: Map<string, Map<string, Collection>> = new Map<string, Map<string, Collection>>();

  collection(db: string, name: string): Collection | undefined {
    return this.databases.get(db)?.get(name);
  }

  writable(db: string, name: string, create: boolean): Collection | undefined {
    const existing: Collection | undefined = this.collection(db, name);
    if (existing !== undefined || !create) return existing;
    return this.create(db, name);
  }

  create(db: string, name: string): Collection {
    checkDatabaseName(db);
    checkCollectionName(db, name);
    if (this.collection(db, name) !== undefined) throw namespaceExists(db, name);
    const collection: Collection = new Collection(db, name);
    this.put(collection);
    return collection;
  }

  /** Stores a collection under its namespace, replacing what was there (used by commit). */
  put(collection: Collection): void {
    let database: Map<string, Collection> | undefined = this.databases.get(collection.db);
    if (database === undefined) {
      database = new Map<string, Collection>();
      this.databases.set(collection.db, database);
    }
    database.set(collection.name, collection);
  }

  drop(db: string, name: string): boolean {
    const database: Map<string, Collection> | undefined = this.databases.get(db);
    if (database === undefined || !database.delete(name)) return false;
    if (database.size === 0) this.databases.delete(db);
    return true;
  }

  dropDatabase(db: string): void {
    this.databases.delete(db);
  }

  rename(db: string, from: string, toDb: string, to: string, dropTarget: boolean): void {
    const source: Collection | undefined = this.collection(db, from);
    if (source === undefined) throw new CommandError(ErrorCode.NamespaceNotFound, 'Source collection does not exist');
    checkDatabaseName(toDb);
    checkCollectionName(toDb, to);
    if (this.collection(toDb, to) !== undefined) {
      if (!dropTarget) throw new CommandError(ErrorCode.NamespaceExists, 'target namespace exists');
      this.drop(toDb, to);
    }
    this.drop(db, from);
    this.put(source.renamed(toDb, to));
  }

  collectionNames(db: string): string[] {
    return [...(this.databases.get(db)?.keys() ?? [])];
  }

  databaseNames(): string[] {
    return [...this.databases.keys()];
  }

  /** Every collection, for the TTL monitor. */
  allCollections(): Collection[] {
    return [...this.databases.values()].flatMap((database: Map<string, Collection>): Collection[] => [
      ...database.values(),
    ]);
  }

  reset(): void {
    this.databases.clear();
  }
}
