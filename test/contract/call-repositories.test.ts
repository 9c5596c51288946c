import { MongoClient } from 'mongodb';
import { InMemoryCallRepository } from '../../adapters/persistence/memory/in-memory-call-repository';
import { InMemoryUnitOfWork } from '../../adapters/persistence/memory/in-memory-unit-of-work';
import { MemoryDatabase } from '../../adapters/persistence/memory/memory-database';
import { ensureCallIndexes } from '../../adapters/persistence/mongo/call-indexes';
import { MongoCallRepository } from '../../adapters/persistence/mongo/mongo-call-repository';
import { MongoDatabase } from '../../adapters/persistence/mongo/mongo-connection';
import { ensureIndexes } from '../../adapters/persistence/mongo/mongo-indexes';
import { MongoUnitOfWork } from '../../adapters/persistence/mongo/mongo-unit-of-work';
import { startMongoWireServer, type MongoWireServer } from '../support/mongo-wire';
import { describeCallRepositoryContract, type CallStores } from './call-repository.contract';
import { describeWithRealMongo } from './persistence-targets';

/**
 * The call repository contract on every target: the memory store, the Mongo adapter on the in-process wire server
 * (one server per file, a fresh database per test), and on a real MongoDB when TEST_MONGODB_URL is set.
 */
const memoryStores = (): Promise<CallStores> => {
  const db = new MemoryDatabase();
  return Promise.resolve({ uow: new InMemoryUnitOfWork(db), calls: new InMemoryCallRepository(db) });
};

const mongoStores = async (client: MongoClient, dbName: string): Promise<CallStores> => {
  const database = new MongoDatabase(client, client.db(dbName));
  await ensureIndexes(database.db);
  await ensureCallIndexes(database.db);
  return { uow: new MongoUnitOfWork(database), calls: new MongoCallRepository(database) };
};

describe('call repositories on memory', () => {
  describeCallRepositoryContract('memory', memoryStores);
});

describe('call repositories on Mongo (wire test server)', () => {
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

  describeCallRepositoryContract('mongo (wire)', () => mongoStores(client, `calls_contract_${(databases += 1)}`));
});

describeWithRealMongo('call repositories', (url) => {
  let client: MongoClient;
  const runPrefix = `bianca_calls_contract_${process.pid}_${Date.now().toString(36)}`;
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

  describeCallRepositoryContract('mongo (real)', () => {
    const name = `${runPrefix}_${(databases += 1)}`;
    created.push(name);
    return mongoStores(client, name);
  });
});
