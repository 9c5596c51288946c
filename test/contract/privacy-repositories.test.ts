import { MongoClient } from 'mongodb';
import { InMemoryConsentRepository } from '../../adapters/persistence/memory/in-memory-consent-repository';
import { InMemoryPrivacyExportStore } from '../../adapters/persistence/memory/in-memory-privacy-export-store';
import { InMemoryPrivacyRequestRepository } from '../../adapters/persistence/memory/in-memory-privacy-request-repository';
import { InMemoryUnitOfWork } from '../../adapters/persistence/memory/in-memory-unit-of-work';
import { MemoryDatabase } from '../../adapters/persistence/memory/memory-database';
import { MongoConsentRepository } from '../../adapters/persistence/mongo/mongo-consent-repository';
import { MongoDatabase } from '../../adapters/persistence/mongo/mongo-connection';
import { ensurePrivacyIndexes } from '../../adapters/persistence/mongo/mongo-privacy-collections';
import { MongoPrivacyExportStore } from '../../adapters/persistence/mongo/mongo-privacy-export-store';
import { MongoPrivacyRequestRepository } from '../../adapters/persistence/mongo/mongo-privacy-request-repository';
import { MongoUnitOfWork } from '../../adapters/persistence/mongo/mongo-unit-of-work';
import { startMongoWireServer, type MongoWireServer } from '../support/mongo-wire';
import { describeConsentRepositoryContract, type ConsentStores } from './consent-repository.contract';
import { describeWithRealMongo } from './persistence-targets';
import { describePrivacyExportStoreContract, type PrivacyExportStores } from './privacy-export-store.contract';
import {
  describePrivacyRequestRepositoryContract,
  type PrivacyRequestStores,
} from './privacy-request-repository.contract';

/**
 * The privacy context's store contracts on every target, as patient-repositories.test.ts runs the patients
 * context's: the memory store, the Mongo adapters on the in-process wire server (one server per file, a fresh
 * database per test), and on a real MongoDB when TEST_MONGODB_URL is set (a per-run database, dropped after).
 */
type PrivacyStores = PrivacyRequestStores & PrivacyExportStores & ConsentStores;

const memoryStores = (): Promise<PrivacyStores> => {
  const db = new MemoryDatabase();
  return Promise.resolve({
    uow: new InMemoryUnitOfWork(db),
    requests: new InMemoryPrivacyRequestRepository(db),
    exports: new InMemoryPrivacyExportStore(db),
    consents: new InMemoryConsentRepository(db),
  });
};

const mongoStores = async (client: MongoClient, dbName: string): Promise<PrivacyStores> => {
  const database = new MongoDatabase(client, client.db(dbName));
  await ensurePrivacyIndexes(database.db);
  return {
    uow: new MongoUnitOfWork(database),
    requests: new MongoPrivacyRequestRepository(database),
    exports: new MongoPrivacyExportStore(database),
    consents: new MongoConsentRepository(database),
  };
};

const describeContracts = (name: string, open: () => Promise<PrivacyStores>): void => {
  describePrivacyRequestRepositoryContract(name, open);
  describePrivacyExportStoreContract(name, open);
  describeConsentRepositoryContract(name, open);
};

describe('privacy stores on memory', () => {
  describeContracts('memory', memoryStores);
});

describe('privacy stores on Mongo (wire test server)', () => {
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

  describeContracts('mongo (wire)', () => mongoStores(client, `privacy_contract_${(databases += 1)}`));
});

describeWithRealMongo('privacy stores', (url) => {
  let client: MongoClient;
  const runPrefix = `bianca_privacy_contract_${process.pid}_${Date.now().toString(36)}`;
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

  describeContracts('mongo (real)', () => {
    const name = `${runPrefix}_${(databases += 1)}`;
    created.push(name);
    return mongoStores(client, name);
  });
});
