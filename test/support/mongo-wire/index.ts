import type { Document } from 'bson';
import type { ServerIdentity } from './commands/context';
import { CursorStore } from './cursors';
import { Dispatcher } from './dispatcher';
import type { CommandListener } from './dispatcher';
import { CommandError, ErrorCode } from './errors';
import { WireServer } from './server';
import { Storage } from './storage';
import { TransactionManager } from './transactions';
import { TtlMonitor } from './ttl';
import { TransactionLock } from './tx-lock';

export type { CommandListener } from './dispatcher';

export interface MongoWireServerOptions {
  /** TCP port; 0 or absent picks a free one. */
  readonly port?: number;
  /** Interface to listen on; default 127.0.0.1. */
  readonly host?: string;
  /** How long a write outside a transaction waits for the transaction lock before WriteConflict (112). Default 1000 ms. */
  readonly lockTimeoutMs?: number;
  /** Transactions still open after this long are aborted (mongod's transactionLifetimeLimitSeconds). Default 60 s. */
  readonly transactionLifetimeMs?: number;
  /** Idle cursors are closed after this long. Default 10 minutes, as on mongod. */
  readonly cursorTimeoutMs?: number;
  /** How often the TTL monitor removes expired documents. Default 1000 ms (mongod: 60 s). */
  readonly ttlMonitorIntervalMs?: number;
  /** Replica-set name advertised in hello. Default `rs0`. */
  readonly replicaSetName?: string;
  /** Sees every command the server receives. */
  readonly onCommand?: CommandListener;
}

export interface MongoWireServer {
  /** A connection string the real driver accepts, e.g. `mongodb://127.0.0.1:41234/?replicaSet=rs0`. */
  readonly url: string;
  readonly port: number;
  /** Forgets every database, cursor, session and transaction. */
  reset(): void;
  /** Closes every socket and frees the port. */
  stop(): Promise<void>;
}

function advertisedHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

/**
 * Starts the in-process MongoDB wire-protocol test server (see docs in MONGO-TEST-SERVER.md). It presents
 * itself as the primary of a one-member replica set, so the real `mongodb` driver uses sessions,
 * retryable writes and transactions against it exactly as against a production cluster.
 */
export async function startMongoWireServer(opts: MongoWireServerOptions = {}): Promise<MongoWireServer> {
  const host: string = opts.host ?? '127.0.0.1';
  const setName: string = opts.replicaSetName ?? 'rs0';
  const storage: Storage = new Storage();
  const lock: TransactionLock = new TransactionLock(opts.lockTimeoutMs ?? 1000);
  const transactions: TransactionManager = new TransactionManager(storage, lock, opts.transactionLifetimeMs ?? 60_000);
  const cursors: CursorStore = new CursorStore(opts.cursorTimeoutMs ?? 10 * 60_000);
  // The dispatcher needs the port (for `me`), which is known only once the server listens.
  const route: { dispatcher: Dispatcher | undefined } = { dispatcher: undefined };
  const server: WireServer = new WireServer(async (command: Document, connectionId: number): Promise<Document> => {
    if (route.dispatcher === undefined)
      return new CommandError(ErrorCode.InternalError, 'server is starting').toReply();
    return route.dispatcher.dispatch(command, connectionId);
  });
  const port: number = await server.listen(opts.port ?? 0, host);
  const me: string = `${advertisedHost(host)}:${port}`;
  const identity: ServerIdentity = { me, setName, startedAt: new Date() };
  route.dispatcher = new Dispatcher({ storage, cursors, transactions, server: identity, onCommand: opts.onCommand });
  const ttl: TtlMonitor = new TtlMonitor(storage, lock, opts.ttlMonitorIntervalMs ?? 1000);
  let stopped: Promise<void> | undefined;

  return {
    url: `mongodb://${me}/?replicaSet=${encodeURIComponent(setName)}`,
    port,
    reset(): void {
      transactions.dispose();
      cursors.clear();
      storage.reset();
    },
    stop(): Promise<void> {
      stopped ??= (async (): Promise<void> => {
        ttl.stop();
        lock.dispose(new CommandError(ErrorCode.InternalError, 'the wire test server is shutting down'));
        transactions.dispose();
        cursors.dispose();
        await server.close();
      })();
      return stopped;
    },
  };
}
