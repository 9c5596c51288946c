import { AsyncLocalStorage } from 'node:async_hooks';
import { MongoClient, type ClientSession, type Collection, type Db, type Document } from 'mongodb';

export interface MongoConnectionOptions {
  /** Database name; default: the one in the URL path, else `bianca`. */
  readonly dbName?: string;
  /** How long an operation waits for a usable server before it fails (default 2000 ms). */
  readonly serverSelectionTimeoutMS?: number;
  /** How long opening one connection may take (default 5000 ms). */
  readonly connectTimeoutMS?: number;
  /** How often the driver checks the server while nothing else does (default 10 000 ms, the driver's). */
  readonly heartbeatFrequencyMS?: number;
  readonly maxPoolSize?: number;
  readonly minPoolSize?: number;
  readonly appName?: string;
}

const DEFAULT_DB_NAME = 'bianca';

/** The database named in a `mongodb://` / `mongodb+srv://` URL path, if any. */
export const databaseNameInUrl = (url: string): string | undefined => {
  const path = /^mongodb(?:\+srv)?:\/\/[^/?]*\/([^?]*)/.exec(url)?.[1];
  return path === undefined || path === '' ? undefined : decodeURIComponent(path);
};

/**
 * One connected client and its database, plus the ambient transaction: `MongoUnitOfWork.run` stores the session
 * of the transaction in progress here (AsyncLocalStorage), and every repository passes `options()` to each
 * operation, so whatever runs inside `run` joins the transaction without being handed the session.
 */
export class MongoDatabase {
  private readonly ambient = new AsyncLocalStorage<ClientSession>();

  constructor(
    readonly client: MongoClient,
    readonly db: Db,
  ) {}

  collection<T extends Document>(name: string): Collection<T> {
    return this.db.collection<T>(name);
  }

  /** The session of the transaction in progress in this async call chain, or undefined. */
  session(): ClientSession | undefined {
    return this.ambient.getStore();
  }

  /** Operation options carrying the ambient session; empty outside a transaction (never `session: undefined`). */
  options(): { session?: ClientSession } {
    const session = this.ambient.getStore();
    return session === undefined ? {} : { session };
  }

  /** Runs `work` with `session` as the ambient transaction (the unit of work's business only). */
  withSession<T>(session: ClientSession, work: () => Promise<T>): Promise<T> {
    return this.ambient.run(session, work);
  }

  close(): Promise<void> {
    return this.client.close();
  }
}

/**
 * Connects to `url` and resolves once a server answered (rejects after `serverSelectionTimeoutMS` otherwise).
 * `ignoreUndefined` stays off on purpose: with it, `{ _id: undefined }` would become `{}` and match everything;
 * mappers never write undefined instead.
 */
export const connectMongo = async (url: string, options: MongoConnectionOptions = {}): Promise<MongoDatabase> => {
  const client = new MongoClient(url, {
    appName: options.appName ?? 'bianca',
    maxPoolSize: options.maxPoolSize ?? 20,
    minPoolSize: options.minPoolSize ?? 0,
    serverSelectionTimeoutMS: options.serverSelectionTimeoutMS ?? 2000,
    connectTimeoutMS: options.connectTimeoutMS ?? 5000,
    ...(options.heartbeatFrequencyMS === undefined ? {} : { heartbeatFrequencyMS: options.heartbeatFrequencyMS }),
    retryWrites: true,
    retryReads: true,
  });
  try {
    await client.connect();
  } catch (error) {
    await client.close().catch(() => undefined);
    throw error;
  }
  return new MongoDatabase(client, client.db(options.dbName ?? databaseNameInUrl(url) ?? DEFAULT_DB_NAME));
};
