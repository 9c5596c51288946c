import { MongoClient } from 'mongodb';
import { AuditSequencer } from '../../application/audit/audit-sequencer';
import { PendingAuditRecorder } from '../../application/audit/pending-audit-recorder';
import type { AuditStore } from '../../application/ports/audit-store';
import type { AuditEntry } from '../../domain/audit/audit-entry';
import { HmacAuditSigner } from '../../adapters/security/hmac-audit-signer';
import { Sha256Digest } from '../../adapters/security/sha256-digest';
import { ObjectIdGenerator } from '../../adapters/shared/object-id-generator';
import { TestClock } from '../support/test-clock';
import type { AuditEvent, AuditRecorder } from '../../application/ports/audit-recorder';
import type { BreachLogRepository } from '../../application/ports/breach-log-repository';
import type { CaregiverRepository } from '../../application/ports/caregiver-repository';
import type { OutboxStore } from '../../application/ports/event-outbox';
import type { OneTimeTokenRepository } from '../../application/ports/one-time-token-repository';
import type { OrgRepository } from '../../application/ports/org-repository';
import type { UnitOfWork } from '../../application/ports/unit-of-work';
import { InMemoryAuditStore } from '../../adapters/persistence/memory/in-memory-audit-store';
import { InMemoryBreachLogRepository } from '../../adapters/persistence/memory/in-memory-breach-log-repository';
import { InMemoryCaregiverRepository } from '../../adapters/persistence/memory/in-memory-caregiver-repository';
import { InMemoryOneTimeTokenRepository } from '../../adapters/persistence/memory/in-memory-one-time-token-repository';
import { InMemoryOrgRepository } from '../../adapters/persistence/memory/in-memory-org-repository';
import { InMemoryOutboxStore } from '../../adapters/persistence/memory/in-memory-outbox-store';
import { InMemoryUnitOfWork } from '../../adapters/persistence/memory/in-memory-unit-of-work';
import { MemoryDatabase } from '../../adapters/persistence/memory/memory-database';
import { MongoAuditStore, ensureAuditIndexes } from '../../adapters/persistence/mongo/mongo-audit-store';
import { MongoBreachLogRepository } from '../../adapters/persistence/mongo/mongo-breach-log-repository';
import { MongoCaregiverRepository } from '../../adapters/persistence/mongo/mongo-caregiver-repository';
import { MongoDatabase } from '../../adapters/persistence/mongo/mongo-connection';
import { ensureIndexes } from '../../adapters/persistence/mongo/mongo-indexes';
import { MongoOneTimeTokenRepository } from '../../adapters/persistence/mongo/mongo-one-time-token-repository';
import { MongoOrgRepository } from '../../adapters/persistence/mongo/mongo-org-repository';
import { MongoOutboxStore } from '../../adapters/persistence/mongo/mongo-outbox-store';
import { MongoUnitOfWork } from '../../adapters/persistence/mongo/mongo-unit-of-work';
import { startMongoWireServer, type MongoWireServer } from '../support/mongo-wire';

const AUDIT_KEY = 'contract-audit-signing-key-0123456789abcdef';

/** The audit port plus a way to read back what was recorded (both adapters have one). */
export interface AuditLog extends AuditRecorder {
  entries(): Promise<readonly AuditEvent[]>;
}

/** Every persistence port, on one empty database, sharing one unit of work. */
export interface Stores {
  readonly uow: UnitOfWork;
  readonly orgs: OrgRepository;
  readonly caregivers: CaregiverRepository;
  readonly tokens: OneTimeTokenRepository;
  readonly breaches: BreachLogRepository;
  readonly audit: AuditLog;
  readonly outbox: OutboxStore;
}

/** What a target guarantees beyond the common contract (a missing guarantee skips the test, saying why). */
export interface TargetTraits {
  /** Reads outside a transaction never see its uncommitted writes. The memory store undoes writes on failure
   * (atomicity) but applies them in place, so outside readers see them before commit. */
  readonly isolatesReads: boolean;
  /** Strings sort by the `en` collation (`apple` < `Banana` < `cherry`). The wire server ignores collations
   * and sorts by code point (`Banana` < `apple`). */
  readonly collatesStrings: boolean;
}

export interface PersistenceTarget {
  readonly name: string;
  readonly traits: TargetTraits;
  /** Fresh stores on an empty database; call it in `beforeEach`. */
  readonly open: () => Promise<Stores>;
}

/** The recorder bootstrap wires (pending entries) plus a sequencer; `entries` chains what is pending first. */
const auditLogOn = (store: AuditStore, uow: UnitOfWork): AuditLog => {
  const sequencer = new AuditSequencer(
    store,
    uow,
    new Sha256Digest(),
    new HmacAuditSigner(AUDIT_KEY),
    new TestClock(),
    {
      error: () => undefined,
    },
  );
  const recorder = new PendingAuditRecorder(store, new ObjectIdGenerator(), { kick: () => undefined });
  return {
    record: (event) => recorder.record(event),
    entries: async () => {
      await sequencer.drain();
      return (await store.page(1, 1_000_000)).map(auditEventOf);
    },
  };
};

/** A chained entry back as the event that was recorded (what the port was given, minus the chain fields). */
const auditEventOf = (entry: AuditEntry): AuditEvent => {
  const { id: _id, seq: _seq, prevHash: _prev, keyId: _key, hash: _hash, signature: _sig, at, ...event } = entry;
  return { ...event, at: new Date(at) };
};

export const memoryStores = (database: MemoryDatabase = new MemoryDatabase()): Stores => {
  const uow = new InMemoryUnitOfWork(database);
  const audit = auditLogOn(new InMemoryAuditStore(database), uow);
  return {
    uow,
    orgs: new InMemoryOrgRepository(database),
    caregivers: new InMemoryCaregiverRepository(database),
    tokens: new InMemoryOneTimeTokenRepository(database),
    breaches: new InMemoryBreachLogRepository(database),
    audit,
    outbox: new InMemoryOutboxStore(database),
  };
};

export const mongoStores = async (client: MongoClient, dbName: string): Promise<Stores> => {
  const database = new MongoDatabase(client, client.db(dbName));
  await ensureIndexes(database.db);
  await ensureAuditIndexes(database.db);
  const uow = new MongoUnitOfWork(database);
  return {
    uow,
    orgs: new MongoOrgRepository(database),
    caregivers: new MongoCaregiverRepository(database),
    tokens: new MongoOneTimeTokenRepository(database),
    breaches: new MongoBreachLogRepository(database),
    audit: auditLogOn(new MongoAuditStore(database), uow),
    outbox: new MongoOutboxStore(database),
  };
};

/** Runs the test only where the target has the trait; elsewhere it is listed as skipped with the reason. */
export const itWhen = (enabled: boolean, reason: string): jest.It =>
  enabled
    ? it
    : (((title: string, fn?: jest.ProvidesCallback, timeout?: number) =>
        it.skip(`${title} (skipped: ${reason})`, fn, timeout)) as unknown as jest.It);

const mongoTraits: TargetTraits = { isolatesReads: true, collatesStrings: true };

/**
 * Registers `suite` against every implementation: the memory store, the Mongo adapters on the in-process wire
 * server (one server per test file, a fresh database per test), and the Mongo adapters on a real MongoDB when
 * `TEST_MONGODB_URL` is set (RESOLUTIONS.md 25: a per-run database name per test, dropped afterwards).
 */
export const describePersistenceTargets = (title: string, suite: (target: PersistenceTarget) => void): void => {
  describe(`${title} on memory`, () => {
    suite({
      name: 'memory',
      traits: { isolatesReads: false, collatesStrings: true },
      open: () => Promise.resolve(memoryStores()),
    });
  });

  describe(`${title} on Mongo (wire test server)`, () => {
    let server: MongoWireServer;
    let client: MongoClient;
    let databases = 0;

    beforeAll(async () => {
      server = await startMongoWireServer({ lockTimeoutMs: 500 });
      client = await new MongoClient(server.url, { serverSelectionTimeoutMS: 3000 }).connect();
    });

    afterAll(async () => {
      await client.close();
      await server.stop();
    });

    suite({
      name: 'mongo (wire)',
      traits: { ...mongoTraits, collatesStrings: false },
      open: () => mongoStores(client, `contract_${(databases += 1)}`),
    });
  });

  describeWithRealMongo(title, (url) => {
    let client: MongoClient;
    const runPrefix = `bianca_contract_${process.pid}_${Date.now().toString(36)}`;
    const created: string[] = [];
    let databases = 0;

    beforeAll(async () => {
      client = await new MongoClient(url, { serverSelectionTimeoutMS: 5000 }).connect();
    });

    afterEach(async () => {
      for (const name of created.splice(0)) await client.db(name).dropDatabase();
    });

    afterAll(async () => {
      await client.close();
    });

    suite({
      name: 'mongo (real)',
      traits: mongoTraits,
      open: () => {
        const name = `${runPrefix}_${(databases += 1)}`;
        created.push(name);
        return mongoStores(client, name);
      },
    });
  });
};

/**
 * Real-MongoDB suites run only when `TEST_MONGODB_URL` is set (a replica set or Atlas: transactions need one).
 * Otherwise they are registered as skipped, and the reason is printed.
 */
export const describeWithRealMongo = (title: string, body: (url: string) => void): void => {
  const url = process.env.TEST_MONGODB_URL?.trim();
  if (url === undefined || url === '') {
    console.warn(
      `${title} on a real MongoDB: skipped. Set TEST_MONGODB_URL (e.g. mongodb://127.0.0.1:27017/?replicaSet=rs0) to run it.`,
    );
    describe.skip(`${title} on Mongo (real MongoDB; skipped: TEST_MONGODB_URL is not set)`, () => body(''));
    return;
  }
  describe(`${title} on Mongo (real MongoDB)`, () => body(url));
};
