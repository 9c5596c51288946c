import type { Environment } from '../../bootstrap/config';
import { startApplication } from '../../bootstrap/application';
import { TOKENS } from '../../application/ports/tokens';
import type { InMemoryJobScheduler } from '../../adapters/scheduling/memory/in-memory-job-scheduler';
import { request, type JsonResponse } from './http-client';
import { e2ePersistence } from './e2e-persistence';
import { LogCapture } from './log-capture';
import { wireSchedules } from './schedules-harness';
import { TestClock } from './test-clock';
import { testConfig } from './test-config';

/**
 * A running server of the embedded profile (or the Mongo one, see e2e-persistence.ts) with the patients and
 * schedules contexts wired in, test-support routes on, a hand-moved clock (set it before logging in: sessions follow
 * it), captured logs and the job scheduler.
 */
export const startSchedulesApp = async (start: Date, env: Environment = {}) => {
  const clock = new TestClock(start);
  const logs = new LogCapture();
  const persistence = await e2ePersistence('e2e_schedules');
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
      wireSchedules(c, config, true);
    },
  }).catch(async (error: unknown) => {
    await persistence.stop();
    throw error;
  });
  const jobs = app.container.get<InMemoryJobScheduler>(TOKENS.shared.JobScheduler);

  const call = (method: string, path: string, body?: unknown, token?: string): Promise<JsonResponse> =>
    request(app.url, `/v1${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  /** Signs in with the seed password; resolves the access token and the whole login payload. */
  const login = async (email: string): Promise<{ token: string; payload: Record<string, unknown> }> => {
    const res = await call('POST', '/auth/login', { email, password: 'Password1' });
    if (res.status !== 200) throw new Error(`login of ${email} answered ${res.status}: ${res.text}`);
    const payload = res.body as { tokens: { access: { token: string } } } & Record<string, unknown>;
    return { token: payload.tokens.access.token, payload };
  };

  const stop = async (): Promise<number> => {
    const code = await app.shutdown('test end');
    await persistence.stop();
    return code;
  };

  return { app, clock, logs, jobs, call, login, stop };
};

export type SchedulesApp = Awaited<ReturnType<typeof startSchedulesApp>>;
