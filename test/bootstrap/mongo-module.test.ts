import type { Container } from 'inversify';
import { systemActor } from '../../domain/shared/actor';
import type { IdentityUseCases } from '../../application/identity/identity-use-cases';
import type { AuditRecorder } from '../../application/ports/audit-recorder';
import type { HealthProbe } from '../../application/ports/health-probe';
import { TOKENS } from '../../application/ports/tokens';
import type { GetHealth } from '../../application/shared/get-health';
import { PhiAccessMonitor } from '../../application/compliance/breach-rules/phi-access-monitor';
import { AUDIT_TOKENS } from '../../application/ports/audit-tokens';
import { AUDIT_COLLECTIONS, MongoAuditStore } from '../../adapters/persistence/mongo/mongo-audit-store';
import { MongoBreachLogRepository } from '../../adapters/persistence/mongo/mongo-breach-log-repository';
import { MongoCaregiverRepository } from '../../adapters/persistence/mongo/mongo-caregiver-repository';
import { COLLECTIONS } from '../../adapters/persistence/mongo/mongo-collections';
import type { MongoDatabase } from '../../adapters/persistence/mongo/mongo-connection';
import { MongoDatabaseProbe } from '../../adapters/persistence/mongo/mongo-health-probe';
import { MongoOneTimeTokenRepository } from '../../adapters/persistence/mongo/mongo-one-time-token-repository';
import { MongoOrgRepository } from '../../adapters/persistence/mongo/mongo-org-repository';
import { MongoOutboxStore } from '../../adapters/persistence/mongo/mongo-outbox-store';
import { MongoUnitOfWork } from '../../adapters/persistence/mongo/mongo-unit-of-work';
import { closeAdapters } from '../../bootstrap/application';
import { buildContainer } from '../../bootstrap/container';
import {
  bindMongoPersistence,
  clearMongoData,
  closeMongoPersistence,
  openMongoPersistence,
} from '../../bootstrap/mongo-module';
import { startMongoWireServer, type MongoWireServer } from '../support/mongo-wire';
import { testConfig } from '../support/test-config';

describe('the Mongo profile bindings', () => {
  let server: MongoWireServer;
  let database: MongoDatabase;
  let container: Container;

  beforeAll(async () => {
    server = await startMongoWireServer();
  });

  afterAll(async () => {
    await server.stop();
  });

  beforeEach(async () => {
    const config = testConfig({ MONGODB_URL: `${server.url.replace('/?', '/bianca_boot?')}` });
    const opened = await openMongoPersistence(config);
    if (opened === undefined) throw new Error('expected a Mongo database for MONGODB_URL');
    database = opened;
    container = buildContainer({ config, overrides: (c) => bindMongoPersistence(c, database) });
  });

  afterEach(async () => {
    await clearMongoData(container);
    await closeAdapters(container);
    await closeMongoPersistence(container);
  });

  it('opens nothing on the memory profile', async () => {
    expect(await openMongoPersistence(testConfig())).toBeUndefined();
  });

  it('connects to the database named in the URL and creates the indexes', async () => {
    expect(database.db.databaseName).toBe('bianca_boot');
    const names = (await database.collection(COLLECTIONS.orgs).indexes()).map((i) => i.name);
    expect(names).toContain('orgs_email_live_unique');
  });

  it('binds every persistence port to its Mongo adapter', () => {
    expect(container.get(TOKENS.shared.UnitOfWork)).toBeInstanceOf(MongoUnitOfWork);
    expect(container.get(TOKENS.shared.OutboxStore)).toBeInstanceOf(MongoOutboxStore);
    expect(container.get(TOKENS.shared.EventOutbox)).toBeInstanceOf(MongoOutboxStore);
    // The breach rules watch every entry on its way to the pending store.
    expect(container.get<AuditRecorder>(TOKENS.shared.AuditRecorder)).toBeInstanceOf(PhiAccessMonitor);
    expect(container.get(AUDIT_TOKENS.AuditStore)).toBeInstanceOf(MongoAuditStore);
    expect(container.get(TOKENS.identity.OrgRepository)).toBeInstanceOf(MongoOrgRepository);
    expect(container.get(TOKENS.identity.CaregiverRepository)).toBeInstanceOf(MongoCaregiverRepository);
    expect(container.get(TOKENS.identity.OneTimeTokenRepository)).toBeInstanceOf(MongoOneTimeTokenRepository);
    expect(container.get(TOKENS.identity.BreachLogRepository)).toBeInstanceOf(MongoBreachLogRepository);
    const databaseProbes = container
      .get<HealthProbe[]>(TOKENS.shared.HealthProbes)
      .filter((probe) => probe.component === 'database');
    expect(databaseProbes).toHaveLength(1);
    expect(databaseProbes[0]).toBeInstanceOf(MongoDatabaseProbe);
  });

  it('reports the database in the health answer', async () => {
    const answer = await container.get<GetHealth>(TOKENS.shared.GetHealth).execute();
    expect(answer.report.components.database).toBe('up');
    expect(answer.ready).toBe(true);
  });

  it('runs a use-case that writes two aggregates in one transaction into MongoDB', async () => {
    const identity = container.get<IdentityUseCases>(TOKENS.identity.UseCases);
    const caregiver = await identity.register.execute(
      { name: 'Mongo Care', email: 'mongo-care@example.com', password: 'Str0ng!Passw0rd', phone: '+15551234567' },
      systemActor,
    );

    expect(await database.collection(COLLECTIONS.orgs).countDocuments()).toBe(1);
    expect(await database.collection(COLLECTIONS.caregivers).countDocuments()).toBe(1);
    expect(await database.collection(AUDIT_COLLECTIONS.pending).countDocuments()).toBeGreaterThan(0);
    expect((await identity.ports.caregivers.findById(caregiver.id))?.email).toBe('mongo-care@example.com');
  });
});
