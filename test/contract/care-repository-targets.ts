import { MongoClient, ObjectId, type Db, type Document } from 'mongodb';
import type { UnitOfWork } from '../../application/ports/unit-of-work';
import { MongoDatabase } from '../../adapters/persistence/mongo/mongo-connection';
import { ensureIndexes } from '../../adapters/persistence/mongo/mongo-indexes';
import { MongoUnitOfWork } from '../../adapters/persistence/mongo/mongo-unit-of-work';
import { startMongoWireServer, type MongoWireServer } from '../support/mongo-wire';
import { describeWithRealMongo } from './persistence-targets';

/** Every leaf value of a stored document, depth first (to prove no `undefined` was written). */
export const storedValues = (doc: unknown): unknown[] =>
  doc !== null && typeof doc === 'object' && !(doc instanceof Date) && !(doc instanceof ObjectId)
    ? Object.values(doc as Document).flatMap(storedValues)
    : [doc];

/** The 24-hex id as the ObjectId the adapters store it as. */
export const oid = (hex: string): ObjectId => ObjectId.createFromHexString(hex);

/** Builds a contract's stores from one Mongo database and the unit of work on it. */
export type MongoStoresOf<S> = (database: MongoDatabase, uow: UnitOfWork) => S;

/** The stores and the raw database under them, to look at what the adapter wrote. */
export interface OpenedMongoStores<S> {
  readonly stores: S;
  readonly db: Db;
}

const openedWithDb = async <S>(
  client: MongoClient,
  name: string,
  storesOn: MongoStoresOf<S>,
): Promise<OpenedMongoStores<S>> => {
  const database = new MongoDatabase(client, client.db(name));
  await ensureIndexes(database.db);
  return { stores: storesOn(database, new MongoUnitOfWork(database)), db: database.db };
};

const opened = async <S>(client: MongoClient, name: string, storesOn: MongoStoresOf<S>): Promise<S> =>
  (await openedWithDb(client, name, storesOn)).stores;

/**
 * Registers a repository contract of the care contexts (schedules, conversations, alerts) on the Mongo targets, as
 * patient-repositories.test.ts does for the patients context: the in-process wire server (one server per file, a
 * fresh database per test) and a real MongoDB when TEST_MONGODB_URL is set (a per-run database per test, dropped
 * afterwards; skipped with the reason printed otherwise). The memory target is registered by the runner itself.
 */
export const describeMongoRepositoryTargets = <S>(
  title: string,
  storesOn: MongoStoresOf<S>,
  describeContract: (name: string, open: () => Promise<S>) => void,
  /** Adapter-specific checks of the stored documents, run on the wire server only. */
  describeDocuments?: (open: () => Promise<OpenedMongoStores<S>>) => void,
): void => {
  const slug = title.replace(/\W+/g, '_');

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

    describeContract('mongo (wire)', () => opened(client, `${slug}_${(databases += 1)}`, storesOn));
    describeDocuments?.(() => openedWithDb(client, `${slug}_${(databases += 1)}`, storesOn));
  });

  describeWithRealMongo(title, (url) => {
    let client: MongoClient;
    const runPrefix = `bianca_${slug}_${process.pid}_${Date.now().toString(36)}`;
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

    describeContract('mongo (real)', () => {
      const name = `${runPrefix}_${(databases += 1)}`;
      created.push(name);
      return opened(client, name, storesOn);
    });
  });
};
