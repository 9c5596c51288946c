import 'reflect-metadata';
import type Router from '@koa/router';
import { Container } from 'inversify';
import type { DestinationStream } from 'pino';
import type { Clock } from '../application/ports/clock';
import type { EventHandler } from '../application/ports/event-handler';
import type { OutboxStore } from '../application/ports/event-outbox';
import type { HealthProbe } from '../application/ports/health-probe';
import type { Logger } from '../application/ports/logger';
import type { Translator } from '../application/ports/translator';
import { TOKENS } from '../application/ports/tokens';
import { DrainState } from '../application/shared/drain-state';
import { GetHealth } from '../application/shared/get-health';
import { OutboxRelay } from '../application/shared/outbox-relay';
import { createHttpApp } from '../adapters/http/http-app';
import { HttpServer } from '../adapters/http/http-server';
import { InFlightRequests } from '../adapters/http/middleware/in-flight';
import type { LargeBodyRoute } from '../adapters/http/middleware/json-body';
import { healthRoutes } from '../adapters/http/routes/health-routes';
import { createPinoLogger, PinoLogger } from '../adapters/observability/pino-logger';
import { InMemoryOutboxStore } from '../adapters/persistence/memory/in-memory-outbox-store';
import { InMemoryUnitOfWork } from '../adapters/persistence/memory/in-memory-unit-of-work';
import { MemoryDatabase } from '../adapters/persistence/memory/memory-database';
import { MemoryDatabaseProbe } from '../adapters/persistence/memory/memory-health-probe';
import { InMemoryJobScheduler } from '../adapters/scheduling/memory/in-memory-job-scheduler';
import { ObjectIdGenerator } from '../adapters/shared/object-id-generator';
import { StaticHealthProbe } from '../adapters/shared/static-health-probe';
import { SystemClock } from '../adapters/shared/system-clock';
import type { AppConfig } from './config';
import { bindIdentity } from './identity-module';
import { bindPatients } from './patients-module';
import { bindConversations } from './conversations-module';
import { bindSchedules } from './schedules-module';
import { SCHEDULE_TOKENS } from '../application/schedules/schedule-tokens';
import type { ScheduleUseCases } from '../application/schedules/schedule-use-cases';
import { alertTestSupportRouters, bindAlerts } from './alerts-module';
import { ALERT_TOKENS } from '../application/alerts/alert-tokens';
import type { AlertUseCases } from '../application/alerts/alert-use-cases';
import { CONVERSATION_TOKENS } from '../application/conversations/conversation-tokens';
import type { ConversationUseCases } from '../application/conversations/conversation-use-cases';
import { PATIENT_TOKENS } from '../application/patients/patient-tokens';
import type { PatientUseCases } from '../application/patients/patient-use-cases';
import type { CareDirectory } from '../application/ports/care-directory';
import { bindMongoPersistence } from './mongo-module';
import type { MongoDatabase } from '../adapters/persistence/mongo/mongo-connection';
import { bindBreachRules } from './breach-rules-module';
import { bindCompliance } from './compliance-module';
import { bindImageUploads } from './image-uploads-module';
import { bindOrgCascade } from './org-cascade-module';
import type { CallsModuleOptions } from './calls-module';
import { bindFeatureModules, bindFeatureMongo } from './feature-modules';
import { identityRouters } from './identity-routers';
import { routeModuleRouters } from './route-modules';
import { bindServices } from './services-module';
import { testSupportRoutes } from './test-support';
import type { IdentityUseCases } from '../application/identity/identity-use-cases';
import { RedisHealthProbe } from '../adapters/cache/redis/redis-health-probe';
import type { Redis } from 'ioredis';
import { INFRA } from './infra-tokens';
import { packageVersion } from './version';

export interface ContainerOptions {
  readonly config: AppConfig;
  /** Test seams of the calls context (virtual timers, simulated line behaviour). */
  readonly calls?: CallsModuleOptions;
  /** Where log lines go (tests capture them); stdout by default. */
  readonly logDestination?: DestinationStream;
  /** The connected database of the Mongo profile (openMongoPersistence); absent on the memory profile. */
  readonly mongo?: MongoDatabase;
  /** Rebinds applied after the profile's bindings: tests build the same container as production, then swap. */
  readonly overrides?: (container: Container) => void;
}

/**
 * The only place that knows every part. The embedded profile is the default: in-memory store and scheduler,
 * simulated outside services. Later issues add their bindings here, switched on by configuration.
 */
export const buildContainer = (options: ContainerOptions): Container => {
  const { config } = options;
  const c = new Container({ defaultScope: 'Singleton' });

  c.bind(INFRA.Config).toConstantValue(config);
  c.bind(INFRA.Version).toConstantValue(packageVersion());
  c.bind(INFRA.Pino).toConstantValue(createPinoLogger({ level: config.logLevel }, options.logDestination));
  c.bind(TOKENS.shared.Logger).toResolvedValue((pino: PinoLogger['pino']) => new PinoLogger(pino), [INFRA.Pino]);
  c.bind(TOKENS.shared.Clock).toConstantValue(new SystemClock());
  c.bind(INFRA.StartedAt).toResolvedValue((clock: Clock) => clock.now(), [TOKENS.shared.Clock]);
  c.bind(TOKENS.shared.IdGenerator).toConstantValue(new ObjectIdGenerator());

  bindEmbeddedPersistence(c);
  bindEventsAndJobs(c, config);
  bindServices(c, config);
  bindIdentity(c, config);
  bindPatients(c, config);
  bindSchedules(c, config);
  bindConversations(c, config);
  bindAlerts(c, config);
  bindOrgCascade(c);
  bindCompliance(c);
  bindFeatureModules(c, config, options.calls);
  c.rebind(TOKENS.identity.CareDirectory).toResolvedValue(
    (directory: CareDirectory) => directory,
    [PATIENT_TOKENS.CareDirectory],
  );
  bindHealth(c, config);
  bindHttp(c, config);
  bindImageUploads(c);
  if (options.mongo !== undefined) {
    bindMongoPersistence(c, options.mongo);
    bindFeatureMongo(c, options.mongo);
  }

  bindBreachRules(c, config);
  options.overrides?.(c);
  return c;
};

const bindEmbeddedPersistence = (c: Container): void => {
  c.bind(INFRA.MemoryDatabase).toConstantValue(new MemoryDatabase());
  c.bind(TOKENS.shared.UnitOfWork).toResolvedValue(
    (db: MemoryDatabase) => new InMemoryUnitOfWork(db),
    [INFRA.MemoryDatabase],
  );
  c.bind(TOKENS.shared.OutboxStore).toResolvedValue(
    (db: MemoryDatabase) => new InMemoryOutboxStore(db),
    [INFRA.MemoryDatabase],
  );
  c.bind(TOKENS.shared.EventOutbox).toResolvedValue((store: OutboxStore) => store, [TOKENS.shared.OutboxStore]);
};

const bindEventsAndJobs = (c: Container, config: AppConfig): void => {
  c.bind(TOKENS.shared.EventHandlers).toConstantValue([] as EventHandler[]);
  c.bind(TOKENS.shared.OutboxRelay).toResolvedValue(
    (store: OutboxStore, handlers: EventHandler[], clock: Clock, logger: Logger) =>
      new OutboxRelay(store, handlers, clock, logger),
    [TOKENS.shared.OutboxStore, TOKENS.shared.EventHandlers, TOKENS.shared.Clock, TOKENS.shared.Logger],
  );
  c.bind(TOKENS.shared.JobScheduler).toResolvedValue(
    (clock: Clock, logger: Logger) => new InMemoryJobScheduler(clock, logger, config.schedulerPollMs),
    [TOKENS.shared.Clock, TOKENS.shared.Logger],
  );
};

const bindHealth = (c: Container, config: AppConfig): void => {
  c.bind(TOKENS.shared.DrainState).toConstantValue(new DrainState());
  c.bind(TOKENS.shared.HealthProbes).toResolvedValue(
    (db: MemoryDatabase): HealthProbe[] => [
      new MemoryDatabaseProbe(db),
      config.redisUrl === undefined
        ? new StaticHealthProbe('cache', 'simulated')
        : new RedisHealthProbe(c.get<Redis>(INFRA.Redis)),
      new StaticHealthProbe('email', config.notifications.emailProvider === 'outbox' ? 'simulated' : 'up'),
      new StaticHealthProbe('telephony', 'simulated'),
      new StaticHealthProbe('stripe', 'disabled'),
    ],
    [INFRA.MemoryDatabase],
  );
  c.bind(TOKENS.shared.GetHealth).toResolvedValue(
    (probes: HealthProbe[], clock: Clock, startedAt: Date, version: string, drain: DrainState) =>
      new GetHealth(probes, clock, startedAt, version, drain),
    [TOKENS.shared.HealthProbes, TOKENS.shared.Clock, INFRA.StartedAt, INFRA.Version, TOKENS.shared.DrainState],
  );
};

const bindHttp = (c: Container, config: AppConfig): void => {
  c.bind(INFRA.InFlightRequests).toConstantValue(new InFlightRequests());
  c.bind(INFRA.HttpRouters).toResolvedValue(
    (
      getHealth: GetHealth,
      identity: IdentityUseCases,
      patients: PatientUseCases,
      conversations: ConversationUseCases,
      alerts: AlertUseCases,
      schedules: ScheduleUseCases,
    ): Router[] => [
      healthRoutes(getHealth),
      ...identityRouters(identity, patients, conversations, alerts, schedules),
      ...routeModuleRouters(c, identity),
      ...(config.testSupportRoutes ? [...alertTestSupportRouters(alerts), testSupportRoutes(c)] : []),
    ],
    [
      TOKENS.shared.GetHealth,
      TOKENS.identity.UseCases,
      PATIENT_TOKENS.UseCases,
      CONVERSATION_TOKENS.UseCases,
      ALERT_TOKENS.UseCases,
      SCHEDULE_TOKENS.UseCases,
    ],
  );
  c.bind(INFRA.LargeBodyRoutes).toConstantValue((() => false) satisfies LargeBodyRoute);
  c.bind(INFRA.HttpApp).toResolvedValue(
    (
      logger: Logger,
      inFlight: InFlightRequests,
      routers: Router[],
      isLargeBodyRoute: LargeBodyRoute,
      translator: Translator,
    ) =>
      createHttpApp({
        logger,
        production: config.env === 'production',
        corsOrigins: config.http.corsOrigins,
        trustProxyHops: config.http.trustProxyHops,
        inFlight,
        routers,
        isLargeBodyRoute,
        translator,
      }),
    [TOKENS.shared.Logger, INFRA.InFlightRequests, INFRA.HttpRouters, INFRA.LargeBodyRoutes, TOKENS.shared.Translator],
  );
  c.bind(INFRA.HttpServer).toResolvedValue(
    (app: ReturnType<typeof createHttpApp>, inFlight: InFlightRequests) => new HttpServer(app, inFlight),
    [INFRA.HttpApp, INFRA.InFlightRequests],
  );
};
