import { MongoClient } from 'mongodb';
import {
  InMemoryFraudAbuseAnalysisRepository,
  InMemoryMedicalAnalysisRepository,
  InMemoryMedicalBaselineRepository,
} from '../../adapters/persistence/memory/in-memory-analysis-repositories';
import { InMemoryUnitOfWork } from '../../adapters/persistence/memory/in-memory-unit-of-work';
import { MemoryDatabase } from '../../adapters/persistence/memory/memory-database';
import { ensureAnalysisIndexes } from '../../adapters/persistence/mongo/mongo-analysis-collections';
import {
  MongoFraudAbuseAnalysisRepository,
  MongoMedicalAnalysisRepository,
  MongoMedicalBaselineRepository,
} from '../../adapters/persistence/mongo/mongo-analysis-repositories';
import { MongoDatabase } from '../../adapters/persistence/mongo/mongo-connection';
import { MongoUnitOfWork } from '../../adapters/persistence/mongo/mongo-unit-of-work';
import { startMongoWireServer, type MongoWireServer } from '../support/mongo-wire';
import { describeAnalysisRepositoryContract, type AnalysisStores } from './analysis-repositories.contract';
import { describeWithRealMongo } from './persistence-targets';

/**
 * The analysis result contract on every target, as patient-repositories.test.ts runs the patients context's:
 * memory, the Mongo adapters on the in-process wire server (one server per file, a fresh database per test), and
 * a real MongoDB when TEST_MONGODB_URL is set (a per-run database per test, dropped afterwards).
 */
const memoryStores = (): Promise<AnalysisStores> => {
  const db = new MemoryDatabase();
  return Promise.resolve({
    uow: new InMemoryUnitOfWork(db),
    medical: new InMemoryMedicalAnalysisRepository(db),
    fraud: new InMemoryFraudAbuseAnalysisRepository(db),
    baselines: new InMemoryMedicalBaselineRepository(db),
  });
};

const mongoStores = async (client: MongoClient, dbName: string): Promise<AnalysisStores> => {
  const database = new MongoDatabase(client, client.db(dbName));
  await ensureAnalysisIndexes(database.db);
  return {
    uow: new MongoUnitOfWork(database),
    medical: new MongoMedicalAnalysisRepository(database),
    fraud: new MongoFraudAbuseAnalysisRepository(database),
    baselines: new MongoMedicalBaselineRepository(database),
  };
};

describe('analysis repositories on memory', () => {
  describeAnalysisRepositoryContract('memory', memoryStores);
});

describe('analysis repositories on Mongo (wire test server)', () => {
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

  describeAnalysisRepositoryContract('mongo (wire)', () =>
    mongoStores(client, `analysis_contract_${(databases += 1)}`),
  );
});

describeWithRealMongo('analysis repositories', (url) => {
  let client: MongoClient;
  const runPrefix = `bianca_analysis_contract_${process.pid}_${Date.now().toString(36)}`;
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

  describeAnalysisRepositoryContract('mongo (real)', () => {
    const name = `${runPrefix}_${(databases += 1)}`;
    created.push(name);
    return mongoStores(client, name);
  });
});
