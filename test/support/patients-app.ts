import type { Environment } from '../../bootstrap/config';
import { startApplication } from '../../bootstrap/application';
import { TOKENS } from '../../application/ports/tokens';
import { request, type JsonResponse } from './http-client';
import { LogCapture } from './log-capture';
import { startMongoWireServer } from './mongo-wire';
import { wirePatients } from './patients-harness';
import { TestClock } from './test-clock';
import { testConfig } from './test-config';

/**
 * The persistence profile, as identity-app.ts chooses it: the embedded store by default; with `E2E_PROFILE=mongo`
 * (the jest project `e2e-mongo`) MongoDB through the real driver, on a fresh database of the real server named by
 * TEST_MONGODB_URL or else of this app's own in-process wire server.
 */
const persistenceEnv = async (): Promise<{ env: Environment; stop: () => Promise<void> }> => {
  if (process.env['E2E_PROFILE'] !== 'mongo') return { env: {}, stop: () => Promise.resolve() };
  const database = `e2e_patients_${process.pid}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
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
 * A running server of the embedded profile (or the Mongo one, above) with the patients context wired in (its
 * routers ahead of identity's, its care directory behind identity), test-support routes on, a hand-moved clock
 * and captured logs.
 */
export const startPatientsApp = async (env: Environment = {}) => {
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
      wirePatients(c, config, true);
    },
  }).catch(async (error: unknown) => {
    await persistence.stop();
    throw error;
  });

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

  const idOf = async (email: string): Promise<string> =>
    ((await call('POST', '/test/get-caregiver-by-email', { email })).body as { id: string }).id;

  const stop = async (): Promise<number> => {
    const code = await app.shutdown('test end');
    await persistence.stop();
    return code;
  };

  return { app, clock, logs, call, login, idOf, stop };
};

export type PatientsApp = Awaited<ReturnType<typeof startPatientsApp>>;
