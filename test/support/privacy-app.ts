import type Router from '@koa/router';
import type { Container } from 'inversify';
import type { IdentityUseCases } from '../../application/identity/identity-use-cases';
import type { AuditEvent } from '../../application/ports/audit-recorder';
import type { AuditStore } from '../../application/ports/audit-store';
import { AUDIT_TOKENS } from '../../application/ports/audit-tokens';
import type { AuditFacts } from '../../domain/audit/audit-entry';
import { TOKENS } from '../../application/ports/tokens';
import { PRIVACY_TOKENS } from '../../application/privacy/privacy-tokens';
import type { PrivacyUseCases } from '../../application/privacy/privacy-use-cases';
import { requireAuth } from '../../adapters/http/middleware/require-auth';
import { startApplication } from '../../bootstrap/application';
import type { AppConfig, Environment } from '../../bootstrap/config';
import { INFRA } from '../../bootstrap/infra-tokens';
import { MONGO } from '../../bootstrap/mongo-module';
import {
  bindPrivacy,
  bindPrivacyMongo,
  ensurePrivacyMongoIndexes,
  privacyRouters,
} from '../../bootstrap/privacy-module';
import type { MongoDatabase } from '../../adapters/persistence/mongo/mongo-connection';
import { PRIVACY_COLLECTIONS } from '../../adapters/persistence/mongo/mongo-privacy-collections';
import { request, type JsonResponse } from './http-client';
import { LogCapture } from './log-capture';
import { startMongoWireServer } from './mongo-wire';
import { TestClock } from './test-clock';
import { testConfig } from './test-config';

/**
 * The persistence profile, as patients-app.ts chooses it: the embedded store by default; with `E2E_PROFILE=mongo`
 * MongoDB through the real driver, on a fresh database of TEST_MONGODB_URL's server or of an in-process wire
 * server.
 */
const persistenceEnv = async (): Promise<{ env: Environment; stop: () => Promise<void> }> => {
  if (process.env['E2E_PROFILE'] !== 'mongo') return { env: {}, stop: () => Promise.resolve() };
  const database = `e2e_privacy_${process.pid}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  const real = process.env['TEST_MONGODB_URL'];
  if (real !== undefined && real !== '') {
    const url = new URL(real);
    url.pathname = `/${database}`;
    return { env: { MONGODB_URL: url.toString() }, stop: () => Promise.resolve() };
  }
  const server = await startMongoWireServer();
  const url = new URL(server.url);
  url.pathname = `/${database}`;
  return { env: { MONGODB_URL: url.toString() }, stop: () => server.stop() };
};

/**
 * Wires the privacy context into a container the way bootstrap will once the lead mounts it: its bindings and
 * (with `routers`) `/v1/privacy/*` ahead of what is mounted. Skips what bootstrap already does.
 */
export const wirePrivacy = (c: Container, config: AppConfig, routers = false): void => {
  if (c.isBound(PRIVACY_TOKENS.UseCases)) return;
  bindPrivacy(c, config);
  if (c.isBound(MONGO.Database)) bindPrivacyMongo(c, c.get<MongoDatabase>(MONGO.Database));
  if (!routers) return;
  c.onActivation<Router[]>(INFRA.HttpRouters, (_context, mounted) => {
    const identity = c.get<IdentityUseCases>(TOKENS.identity.UseCases);
    const privacy = c.get<PrivacyUseCases>(PRIVACY_TOKENS.UseCases);
    const authenticated = requireAuth(identity.authenticate, identity.ports.rateLimiter);
    return [...privacyRouters(privacy, authenticated), ...mounted];
  });
};

/**
 * A running server of the embedded profile with the privacy context wired in, test-support routes on (seed:
 * org "Test Organization", its admin and staff member, three patients with conversations and alerts), a
 * hand-moved clock and captured logs.
 */
export const startPrivacyApp = async (env: Environment = {}) => {
  const clock = new TestClock(new Date());
  const logs = new LogCapture();
  const persistence = await persistenceEnv();
  const config = testConfig({
    TEST_SUPPORT_ROUTES: 'true',
    LOG_LEVEL: 'debug',
    AUTH_RATE_LIMIT: '1000',
    ...persistence.env,
    ...env,
  });
  const app = await startApplication(config, {
    logDestination: logs,
    overrides: (c) => {
      c.rebind(TOKENS.shared.Clock).toConstantValue(clock);
      wirePrivacy(c, config, true);
    },
  }).catch(async (error: unknown) => {
    await persistence.stop();
    throw error;
  });
  if (app.container.isBound(MONGO.Database)) {
    await ensurePrivacyMongoIndexes(app.container.get<MongoDatabase>(MONGO.Database));
  }

  const call = (method: string, path: string, body?: unknown, token?: string): Promise<JsonResponse> =>
    request(app.url, `/v1${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  /** Signs in with the seed password; resolves the access token. */
  const login = async (email: string): Promise<string> => {
    const res = await call('POST', '/auth/login', { email, password: 'Password1' });
    if (res.status !== 200) throw new Error(`login of ${email} answered ${res.status}: ${res.text}`);
    return (res.body as { tokens: { access: { token: string } } }).tokens.access.token;
  };

  const idOf = async (email: string): Promise<string> =>
    ((await call('POST', '/test/get-caregiver-by-email', { email })).body as { id: string }).id;

  const mongo = app.container.isBound(MONGO.Database) ? app.container.get<MongoDatabase>(MONGO.Database) : null;

  /**
   * The test-support seed (which empties the store first), resolving the seeded patients. On the Mongo profile
   * the privacy collections are emptied here too until `clearMongoData` knows them.
   */
  const seed = async (): Promise<string[]> => {
    const res = await call('POST', '/test/seed');
    if (res.status !== 200) throw new Error(`seed answered ${res.status}: ${res.text}`);
    if (mongo !== null) {
      for (const name of Object.values(PRIVACY_COLLECTIONS)) await mongo.collection(name).deleteMany({});
    }
    return (res.body as { data: { patients: string[] } }).data.patients;
  };

  /** Every audit entry recorded so far, pending ones included, in recording order (either profile). */
  const auditEntries = async (): Promise<readonly AuditEvent[]> => {
    const store = app.container.get<AuditStore>(AUDIT_TOKENS.AuditStore);
    // Pending first: an entry chained in between then shows up twice, and is kept once.
    const pending = await store.pendingBatch(1_000_000);
    const chained = [...(await store.search({ limit: 1_000_000 }))].reverse();
    const seen = new Set<string>();
    const facts: AuditFacts[] = [];
    for (const entry of [...chained, ...pending]) {
      if (seen.has(entry.id)) continue;
      seen.add(entry.id);
      facts.push(entry);
    }
    return facts.map((f): AuditEvent => ({ ...f, at: new Date(f.at) }));
  };

  const stop = async (): Promise<number> => {
    const code = await app.shutdown('test end');
    await persistence.stop();
    return code;
  };

  return { app, clock, logs, call, login, idOf, seed, auditEntries, stop };
};

export type PrivacyApp = Awaited<ReturnType<typeof startPrivacyApp>>;
