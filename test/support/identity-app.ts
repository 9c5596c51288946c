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

export interface IdentityAppOptions {
  /** Routers mounted after the application's own (for routers bootstrap does not mount yet). */
  readonly extraRouters?: (identity: IdentityUseCases, authenticated: Middleware) => Router[];
}

/** A running server (embedded profile, test-support routes on) with a hand-moved clock and captured logs. */
export const startIdentityApp = async (env: Environment = {}, options: IdentityAppOptions = {}) => {
  const { extraRouters } = options;
  const clock = new TestClock(new Date());
  const logs = new LogCapture();
  const app: RunningApplication = await startApplication(
    testConfig({ TEST_SUPPORT_ROUTES: 'true', LOG_LEVEL: 'debug', ...env }),
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

  return { app, clock, logs, outbox, call, tokenFromMail, stop: () => app.shutdown('test end') };
};

export type IdentityApp = Awaited<ReturnType<typeof startIdentityApp>>;
