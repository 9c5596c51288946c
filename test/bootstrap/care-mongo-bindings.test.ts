import type { Container } from 'inversify';
import type { AlertUseCases } from '../../application/alerts/alert-use-cases';
import { ALERT_TOKENS } from '../../application/alerts/alert-tokens';
import type { ConversationUseCases } from '../../application/conversations/conversation-use-cases';
import { CONVERSATION_TOKENS } from '../../application/conversations/conversation-tokens';
import type { Logger } from '../../application/ports/logger';
import { TOKENS } from '../../application/ports/tokens';
import type { ScheduleUseCases } from '../../application/schedules/schedule-use-cases';
import { SCHEDULE_TOKENS } from '../../application/schedules/schedule-tokens';
import { MongoAlertRepository } from '../../adapters/persistence/mongo/mongo-alert-repository';
import { COLLECTIONS } from '../../adapters/persistence/mongo/mongo-collections';
import type { MongoDatabase } from '../../adapters/persistence/mongo/mongo-connection';
import { MongoConversationRepository } from '../../adapters/persistence/mongo/mongo-conversation-repository';
import { MongoScheduleRepository } from '../../adapters/persistence/mongo/mongo-schedule-repository';
import { closeAdapters } from '../../bootstrap/application';
import { bindCareMongoRepositories } from '../../bootstrap/care-mongo-bindings';
import { buildContainer } from '../../bootstrap/container';
import { clearMongoData, closeMongoPersistence, openMongoPersistence } from '../../bootstrap/mongo-module';
import { seedDemoData } from '../../bootstrap/seed';
import { startMongoWireServer, type MongoWireServer } from '../support/mongo-wire';
import { testConfig } from '../support/test-config';

/**
 * The care contexts on the Mongo profile: bindCareMongoRepositories applied as bindMongoPersistence applies it
 * (after every context's module, before anything is resolved), their data written to and cleared from MongoDB.
 */
describe('the Mongo profile bindings of the schedules, conversations and alerts contexts', () => {
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
    const config = testConfig({ MONGODB_URL: server.url.replace('/?', '/bianca_care_boot?') });
    const opened = await openMongoPersistence(config);
    if (opened === undefined) throw new Error('expected a Mongo database for MONGODB_URL');
    database = opened;
    container = buildContainer({
      config,
      mongo: database,
      overrides: (c) => bindCareMongoRepositories(c, database),
    });
  });

  afterEach(async () => {
    await clearMongoData(container);
    await closeAdapters(container);
    await closeMongoPersistence(container);
  });

  it('binds the three repositories, and the use-cases’ ports, to the Mongo adapters', () => {
    expect(container.get(SCHEDULE_TOKENS.ScheduleRepository)).toBeInstanceOf(MongoScheduleRepository);
    expect(container.get(CONVERSATION_TOKENS.ConversationRepository)).toBeInstanceOf(MongoConversationRepository);
    expect(container.get(ALERT_TOKENS.AlertRepository)).toBeInstanceOf(MongoAlertRepository);
    expect(container.get<ScheduleUseCases>(SCHEDULE_TOKENS.UseCases).ports.schedules).toBeInstanceOf(
      MongoScheduleRepository,
    );
    expect(container.get<ConversationUseCases>(CONVERSATION_TOKENS.UseCases).ports.conversations).toBeInstanceOf(
      MongoConversationRepository,
    );
    expect(container.get<AlertUseCases>(ALERT_TOKENS.UseCases).ports.alerts).toBeInstanceOf(MongoAlertRepository);
  });

  it('writes the seed’s conversations and alerts to MongoDB, and the test-support clean empties them', async () => {
    await seedDemoData(container, container.get<Logger>(TOKENS.shared.Logger));
    const conversations = database.collection(COLLECTIONS.conversations);
    const alerts = database.collection(COLLECTIONS.alerts);
    expect(await conversations.countDocuments()).toBeGreaterThan(0);
    expect(await alerts.countDocuments()).toBeGreaterThan(0);

    await clearMongoData(container);
    expect(await conversations.countDocuments()).toBe(0);
    expect(await alerts.countDocuments()).toBe(0);
    expect(await alerts.indexExists('alerts_org_created')).toBe(true);
  });
});
