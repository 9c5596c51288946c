import { ObjectId, Timestamp } from 'bson';
import type { Document } from 'bson';
import type { CommandContext, CommandHandler } from './context';

export const MAX_BSON_OBJECT_SIZE: number = 16 * 1024 * 1024;
export const MAX_MESSAGE_SIZE_BYTES: number = 48_000_000;
/** MongoDB 7.0: inside the driver's window (9..29) and below 25, so client-level bulkWrite stays off. */
const MAX_WIRE_VERSION: number = 21;
const SERVER_VERSION: readonly number[] = [7, 0, 0, 0];
const ELECTION_ID: ObjectId = new ObjectId('7fffffff0000000000000001');

/**
 * The hello reply of a replica-set primary. `setName` plus `logicalSessionTimeoutMinutes` make the driver
 * allow sessions, retryable writes and transactions; `hosts`/`me` equal the address in the URI, because
 * the driver replaces its seed list with them. No `topologyVersion`, so the driver polls instead of
 * streaming hello; `compression: []` so it never compresses.
 */
export function helloReply(context: CommandContext): Document {
  const now: Date = new Date();
  const me: string = context.server.me;
  const opTime: Document = { ts: new Timestamp({ t: Math.floor(now.getTime() / 1000), i: 1 }), t: 1 };
  return {
    helloOk: true,
    ismaster: true,
    isWritablePrimary: true,
    maxBsonObjectSize: MAX_BSON_OBJECT_SIZE,
    maxMessageSizeBytes: MAX_MESSAGE_SIZE_BYTES,
    maxWriteBatchSize: 100_000,
    localTime: now,
    logicalSessionTimeoutMinutes: 30,
    connectionId: context.connectionId,
    minWireVersion: 0,
    maxWireVersion: MAX_WIRE_VERSION,
    readOnly: false,
    setName: context.server.setName,
    setVersion: 1,
    hosts: [me],
    primary: me,
    me,
    secondary: false,
    electionId: ELECTION_ID,
    lastWrite: { opTime, lastWriteDate: now, majorityOpTime: opTime, majorityWriteDate: now },
    compression: [],
    ok: 1,
  };
}

const hello: CommandHandler = {
  kind: 'meta',
  run: (_command: Document, context: CommandContext): Document => helloReply(context),
};

const buildInfo: CommandHandler = {
  kind: 'meta',
  run: (): Document => ({
    version: SERVER_VERSION.slice(0, 3).join('.'),
    gitVersion: 'bianca-wire-test-server',
    versionArray: [...SERVER_VERSION],
    bits: 64,
    debug: false,
    maxBsonObjectSize: MAX_BSON_OBJECT_SIZE,
    storageEngines: ['inMemory'],
    modules: [],
    ok: 1,
  }),
};

const KNOWN_PARAMETERS: Readonly<Document> = {
  featureCompatibilityVersion: { version: '7.0' },
  transactionLifetimeLimitSeconds: 60,
  maxTransactionLockRequestTimeoutMillis: 5,
  authenticationMechanisms: [],
  requireApiVersion: false,
};

const getParameter: CommandHandler = {
  kind: 'meta',
  run: (command: Document): Document => {
    if (command.getParameter === '*') return { ...KNOWN_PARAMETERS, ok: 1 };
    const reply: Document = {};
    for (const name of Object.keys(command)) if (name in KNOWN_PARAMETERS) reply[name] = KNOWN_PARAMETERS[name];
    return { ...reply, ok: 1 };
  },
};

const ok: CommandHandler = { kind: 'meta', run: (): Document => ({ ok: 1 }) };

export const handshakeCommands: ReadonlyMap<string, CommandHandler> = new Map<string, CommandHandler>([
  ['hello', hello],
  ['isMaster', hello],
  ['ismaster', hello],
  ['ping', ok],
  ['buildInfo', buildInfo],
  ['buildinfo', buildInfo],
  ['getParameter', getParameter],
  ['getLog', { kind: 'meta', run: (): Document => ({ totalLinesWritten: 0, log: [], ok: 1 }) }],
  ['getCmdLineOpts', { kind: 'meta', run: (): Document => ({ argv: ['mongod'], parsed: {}, ok: 1 }) }],
  ['whatsmyuri', { kind: 'meta', run: (): Document => ({ you: '127.0.0.1:0', ok: 1 }) }],
  [
    'connectionStatus',
    {
      kind: 'meta',
      run: (): Document => ({ authInfo: { authenticatedUsers: [], authenticatedUserRoles: [] }, ok: 1 }),
    },
  ],
  [
    'hostInfo',
    {
      kind: 'meta',
      run: (): Document => ({ system: { currentTime: new Date(), hostname: 'localhost' }, os: {}, extra: {}, ok: 1 }),
    },
  ],
  [
    'serverStatus',
    {
      kind: 'meta',
      run: (_command: Document, context: CommandContext): Document => ({
        host: context.server.me,
        version: SERVER_VERSION.slice(0, 3).join('.'),
        process: 'mongod',
        uptime: Math.floor((Date.now() - context.server.startedAt.getTime()) / 1000),
        localTime: new Date(),
        ok: 1,
      }),
    },
  ],
]);
