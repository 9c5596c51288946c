import type { Container } from 'inversify';
import type { DestinationStream } from 'pino';
import type { JobScheduler } from '../application/ports/job-scheduler';
import type { Logger } from '../application/ports/logger';
import type { UnitOfWork } from '../application/ports/unit-of-work';
import { TOKENS } from '../application/ports/tokens';
import type { DrainState } from '../application/shared/drain-state';
import type { OutboxRelay } from '../application/shared/outbox-relay';
import type { HttpServer } from '../adapters/http/http-server';
import type { AppConfig } from './config';
import { buildContainer } from './container';
import { INFRA } from './infra-tokens';
import { startAuditSequencer } from './audit-module';
import { closeCalls, type CallsModuleOptions } from './calls-module';
import { installDefaultEmergencyPhrases } from './emergency-phrases-module';
import { ensureReportIndexes } from './reports-module';
import { seedDemoData } from './seed';
import { closeMongoPersistence, openMongoPersistence } from './mongo-module';
import { ShutdownCoordinator } from './shutdown-coordinator';
import type { Redis } from 'ioredis';
import { closeRedis } from '../adapters/cache/redis/redis-connection';

export interface StartOptions {
  readonly logDestination?: DestinationStream;
  readonly overrides?: (container: Container) => void;
  /** Test seams of the calls context (virtual timers, simulated line behaviour). */
  readonly calls?: CallsModuleOptions;
}

export interface RunningApplication {
  readonly container: Container;
  readonly url: string;
  readonly port: number;
  /** Drains and closes everything; resolves to the process exit code. */
  shutdown(reason: string): Promise<number>;
}

/** Closes what holds threads or sockets: the bcrypt worker pool and the Redis connection. */
export const closeAdapters = async (container: Container): Promise<void> => {
  const hasher = container.get<{ close?: () => Promise<void> }>(TOKENS.identity.PasswordHasher);
  await hasher.close?.();
  if (container.isBound(INFRA.Redis)) await closeRedis(container.get<Redis>(INFRA.Redis));
  await closeMongoPersistence(container);
};

/** Builds the container for `config`, seeds, starts jobs and the HTTP server, and wires the shutdown phases. */
export const startApplication = async (config: AppConfig, options: StartOptions = {}): Promise<RunningApplication> => {
  const mongo = await openMongoPersistence(config);
  const container = buildContainer({ config, ...options, ...(mongo === undefined ? {} : { mongo }) });
  const logger = container.get<Logger>(TOKENS.shared.Logger);

  for (const name of config.generatedKeys) {
    logger.warn(
      { variable: name },
      `${name} not set: using a random key for this boot only (sessions and signatures end at restart)`,
    );
  }

  const relay = container.get<OutboxRelay>(TOKENS.shared.OutboxRelay);
  container.get<UnitOfWork>(TOKENS.shared.UnitOfWork).onCommitted(() => relay.kick());

  await ensureReportIndexes(container);
  await installDefaultEmergencyPhrases(container);
  const logins = config.seedDemoData ? (await seedDemoData(container, logger)).logins : [];

  const sequencer = startAuditSequencer(container);
  container.get<UnitOfWork>(TOKENS.shared.UnitOfWork).onCommitted(() => sequencer.kick());
  const scheduler = container.get<JobScheduler>(TOKENS.shared.JobScheduler);
  await scheduler.start();

  const server = container.get<HttpServer>(INFRA.HttpServer);
  const address = await server.listen(config.http.port, config.http.host);
  const shownHost = address.address === '0.0.0.0' || address.address === '::' ? 'localhost' : address.address;
  const url = `http://${shownHost}:${address.port}`;
  logger.info({ url, apiBase: `${url}/v1`, env: config.env }, `Bianca listening on ${url} (API at ${url}/v1)`);
  // Demo credentials are not PHI; they go to stdout as a banner because the log redactor would mask them.
  if (logins.length > 0) {
    const lines = logins.map((login) => `  ${login.role.padEnd(11)} ${login.email} / ${login.password}`);
    process.stdout.write(`\nBianca demo logins (embedded default, API at ${url}/v1):\n${lines.join('\n')}\n\n`);
  }

  const coordinator = new ShutdownCoordinator(logger, config.shutdownTimeoutMs);
  coordinator.register('stop-intake', () => {
    container.get<DrainState>(TOKENS.shared.DrainState).startDraining();
    return Promise.resolve();
  });
  coordinator.register('drain-http', async () => {
    if (!(await server.drain(config.http.drainTimeoutMs)))
      throw new Error('requests still running at the drain deadline were cut off');
  });
  coordinator.register('stop-jobs', () => scheduler.stop());
  coordinator.register('end-calls', () => closeCalls(container));
  coordinator.register('flush-outbox', () => relay.whenIdle());
  coordinator.register('chain-audit', () => sequencer.stop());
  coordinator.register('close-adapters', () => closeAdapters(container));

  return { container, url, port: address.port, shutdown: (reason) => coordinator.shutdown(reason) };
};
