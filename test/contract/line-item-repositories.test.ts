import { MongoClient } from 'mongodb';
import { InMemoryLineItemRepository } from '../../adapters/persistence/memory/in-memory-line-item-repository';
import { InMemoryUnitOfWork } from '../../adapters/persistence/memory/in-memory-unit-of-work';
import { MemoryDatabase } from '../../adapters/persistence/memory/memory-database';
import { ensureCallIndexes } from '../../adapters/persistence/mongo/call-indexes';
import { MongoLineItemRepository } from '../../adapters/persistence/mongo/mongo-line-item-repository';
import { MongoDatabase } from '../../adapters/persistence/mongo/mongo-connection';
import { ensureIndexes } from '../../adapters/persistence/mongo/mongo-indexes';
import { MongoUnitOfWork } from '../../adapters/persistence/mongo/mongo-unit-of-work';
import { startMongoWireServer, type MongoWireServer } from '../support/mongo-wire';
import { describeLineItemRepositoryContract, type LineItemStores } from './line-item-repository.contract';
import { describeWithRealMongo } from './persistence-targets';

/**
 * The line-item repository contract on every target: the memory store, the Mongo adapter on the in-process wire server
 * (one server per file, a fresh database per test), and on a real MongoDB when TEST_MONGODB_URL is set.
 */
const memoryStores = (): Promise<LineItemStores> => {
  const db = new MemoryDatabase();
  return Promise.resolve({ uow: new InMemoryUnitOfWork(db), lineItems: new InMemoryLineItemRepository(db) });
};

const mongoStores = async (client: MongoClient, dbName: string): Promise<LineItemStores> => {
  const database = new MongoDatabase(client, client.db(dbName));
  await ensureIndexes(database.db);
  await ensureCallIndexes(database.db);
  return { uow: new MongoUnitOfWork(database), lineItems: new MongoLineItemRepository(database) };
};

describe('line-item repositories on memory', () => {
  describeLineItemRepositoryContract('memory', memoryStores);
});

describe('line-item repositories on Mongo (wire test server)', () => {
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

  describeLineItemRepositoryContract('mongo (wire)', () =>
    mongoStores(client, `line_items_contract_${(databases += 1)}`),
  );
});

describeWithRealMongo('line-item repositories', (url) => {
  let client: MongoClient;
  const runPrefix = `bianca_line_items_contract_${process.pid}_${Date.now().toString(36)}`;
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

  describeLineItemRepositoryContract('mongo (real)', () => {
    const name = `${runPrefix}_${(databases += 1)}`;
    created.push(name);
    return mongoStores(client, name);
  });
});
