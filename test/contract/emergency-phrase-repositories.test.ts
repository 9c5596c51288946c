import { MongoClient } from 'mongodb';
import { InMemoryEmergencyPhraseRepository } from '../../adapters/persistence/memory/in-memory-emergency-phrase-repository';
import { InMemoryUnitOfWork } from '../../adapters/persistence/memory/in-memory-unit-of-work';
import { MemoryDatabase } from '../../adapters/persistence/memory/memory-database';
import { MongoDatabase } from '../../adapters/persistence/mongo/mongo-connection';
import { MongoEmergencyPhraseRepository } from '../../adapters/persistence/mongo/mongo-emergency-phrase-repository';
import { MongoUnitOfWork } from '../../adapters/persistence/mongo/mongo-unit-of-work';
import { startMongoWireServer, type MongoWireServer } from '../support/mongo-wire';
import {
  describeEmergencyPhraseRepositoryContract,
  type EmergencyPhraseStores,
} from './emergency-phrase-repository.contract';
import { describeWithRealMongo } from './persistence-targets';

/**
 * The emergency-phrase repository contract on every target: the memory store, the Mongo adapter on the
 * in-process wire server (one server per file, a fresh database per test), and on a real MongoDB when
 * TEST_MONGODB_URL is set (a per-run database per test, dropped afterwards).
 */
const memoryStores = (): Promise<EmergencyPhraseStores> => {
  const db = new MemoryDatabase();
  return Promise.resolve({ uow: new InMemoryUnitOfWork(db), phrases: new InMemoryEmergencyPhraseRepository(db) });
};

const mongoStores = async (client: MongoClient, dbName: string): Promise<EmergencyPhraseStores> => {
  const database = new MongoDatabase(client, client.db(dbName));
  const phrases = new MongoEmergencyPhraseRepository(database);
  await phrases.ensureIndexes();
  return { uow: new MongoUnitOfWork(database), phrases };
};

describe('emergency phrase repository on memory', () => {
  describeEmergencyPhraseRepositoryContract('memory', memoryStores);
});

describe('emergency phrase repository on Mongo (wire test server)', () => {
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

  describeEmergencyPhraseRepositoryContract('mongo (wire)', () =>
    mongoStores(client, `phrases_contract_${(databases += 1)}`),
  );
});

describeWithRealMongo('emergency phrase repository', (url) => {
  let client: MongoClient;
  const runPrefix = `bianca_phrases_contract_${process.pid}_${Date.now().toString(36)}`;
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

  describeEmergencyPhraseRepositoryContract('mongo (real)', () => {
    const name = `${runPrefix}_${(databases += 1)}`;
    created.push(name);
    return mongoStores(client, name);
  });
});
