import type Router from '@koa/router';
import type { Middleware } from 'koa';
import type { Environment } from '../../bootstrap/config';
import { INFRA } from '../../bootstrap/infra-tokens';
import type { IdentityUseCases } from '../../application/identity/identity-use-cases';
import { requireAuth } from '../../adapters/http/middleware/require-auth';
import { startApplication, type RunningApplication } from '../../bootstrap/application';
import { TOKENS } from '../../application/ports/tokens';
import type { MessageOutbox } from '../../application/ports/message-outbox';
import { request, type JsonResponse } from './http-client';
import { LogCapture } from './log-capture';
import { TestClock } from './test-clock';
import { testConfig } from './test-config';
import { startMongoWireServer } from './mongo-wire';

export interface IdentityAppOptions {
  /** Routers mounted after the application's own (for routers bootstrap does not mount yet). */
  readonly extraRouters?: (identity: IdentityUseCases, authenticated: Middleware) => Router[];
}

/**
 * The persistence profile of these end-to-end tests: the embedded memory store by default, or MongoDB through the
 * real driver when `E2E_PROFILE=mongo` (the jest project `e2e-mongo` sets it): each app then gets its own
 * in-process wire server, or the real server named by TEST_MONGODB_URL with a fresh database.
 */
const persistenceEnv = async (): Promise<{ env: Environment; stop: () => Promise<void> }> => {
  if (process.env['E2E_PROFILE'] !== 'mongo') return { env: {}, stop: () => Promise.resolve() };
  const database = `e2e_${process.pid}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
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

/** A running server (test-support routes on) with a hand-moved clock and captured logs. */
export const startIdentityApp = async (env: Environment = {}, options: IdentityAppOptions = {}) => {
  const { extraRouters } = options;
  const clock = new TestClock(new Date());
  const logs = new LogCapture();
  const persistence = await persistenceEnv();
  const app: RunningApplication = await startApplication(
    testConfig({ TEST_SUPPORT_ROUTES: 'true', LOG_LEVEL: 'debug', ...persistence.env, ...env }),
    {
      logDestination: logs,
      overrides: (c) => {
        c.rebind(TOKENS.shared.Clock).toConstantValue(clock);
        if (extraRouters !== undefined) {
          c.onActivation<Router[]>(INFRA.HttpRouters, (_context, routers) => {
            const identity = c.get<IdentityUseCases>(TOKENS.identity.UseCases);
            const authenticated = requireAuth(identity.authenticate, identity.ports.rateLimiter);
            return [...routers, ...extraRouters(identity, authenticated)];
          });
        }
      },
    },
  );
  const outbox = app.container.get<MessageOutbox>(TOKENS.shared.MessageOutbox);

  const call = (
    method: string,
    path: string,
    body?: unknown,
    token?: string,
    headers: Record<string, string> = {},
  ): Promise<JsonResponse> =>
    request(app.url, `/v1${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  const tokenFromMail = (address: string, path: string): string => {
    const message = outbox.lastTo(address);
    const match = message === undefined ? null : new RegExp(`${path}\\?token=([A-Za-z0-9_.~-]+)`).exec(message.text);
    if (!match?.[1]) throw new Error(`no ${path} link in the last e-mail to ${address}`);
    return match[1];
  };

  const stop = async (): Promise<number> => {
    const code = await app.shutdown('test end');
    await persistence.stop();
    return code;
  };

  return { app, clock, logs, outbox, call, tokenFromMail, stop };
};

export type IdentityApp = Awaited<ReturnType<typeof startIdentityApp>>;
