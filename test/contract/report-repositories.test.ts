import { MongoClient } from 'mongodb';
import { InMemoryReportRepository } from '../../adapters/persistence/memory/in-memory-report-repository';
import { InMemoryUnitOfWork } from '../../adapters/persistence/memory/in-memory-unit-of-work';
import { MemoryDatabase } from '../../adapters/persistence/memory/memory-database';
import { MongoDatabase } from '../../adapters/persistence/mongo/mongo-connection';
import { MongoReportRepository } from '../../adapters/persistence/mongo/mongo-report-repository';
import { MongoUnitOfWork } from '../../adapters/persistence/mongo/mongo-unit-of-work';
import { startMongoWireServer, type MongoWireServer } from '../support/mongo-wire';
import { describeReportRepositoryContract, type ReportStores } from './report-repository.contract';
import { describeWithRealMongo } from './persistence-targets';

/**
 * The report repository contract on every target: the memory store, the Mongo adapter on the
 * in-process wire server (one server per file, a fresh database per test), and on a real MongoDB when
 * TEST_MONGODB_URL is set (a per-run database per test, dropped afterwards).
 */
const memoryStores = (): Promise<ReportStores> => {
  const db = new MemoryDatabase();
  return Promise.resolve({ uow: new InMemoryUnitOfWork(db), reports: new InMemoryReportRepository(db) });
};

const mongoStores = async (client: MongoClient, dbName: string): Promise<ReportStores> => {
  const database = new MongoDatabase(client, client.db(dbName));
  const reports = new MongoReportRepository(database);
  await reports.ensureIndexes();
  return { uow: new MongoUnitOfWork(database), reports };
};

describe('report repository on memory', () => {
  describeReportRepositoryContract('memory', memoryStores);
});

describe('report repository on Mongo (wire test server)', () => {
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

  describeReportRepositoryContract('mongo (wire)', () => mongoStores(client, `reports_contract_${(databases += 1)}`));
});

describeWithRealMongo('report repository', (url) => {
  let client: MongoClient;
  const runPrefix = `bianca_reports_contract_${process.pid}_${Date.now().toString(36)}`;
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

  describeReportRepositoryContract('mongo (real)', () => {
    const name = `${runPrefix}_${(databases += 1)}`;
    created.push(name);
    return mongoStores(client, name);
  });
});
