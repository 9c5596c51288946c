import type Router from '@koa/router';
import type { Container } from 'inversify';
import { EMERGENCY_PHRASE_TOKENS } from '../../application/emergency-phrases/emergency-phrase-tokens';
import type { EmergencyPhraseUseCases } from '../../application/emergency-phrases/emergency-phrase-use-cases';
import type { IdentityUseCases } from '../../application/identity/identity-use-cases';
import type { MessageOutbox } from '../../application/ports/message-outbox';
import { TOKENS } from '../../application/ports/tokens';
import { REPORT_TOKENS } from '../../application/reports/report-tokens';
import type { ReportUseCases } from '../../application/reports/report-use-cases';
import { requireAuth } from '../../adapters/http/middleware/require-auth';
import { startApplication } from '../../bootstrap/application';
import type { AppConfig, Environment } from '../../bootstrap/config';
import {
  bindEmergencyPhrases,
  emergencyPhraseRouters,
  installDefaultEmergencyPhrases,
} from '../../bootstrap/emergency-phrases-module';
import { INFRA } from '../../bootstrap/infra-tokens';
import { bindReports, ensureReportIndexes, reportRouters } from '../../bootstrap/reports-module';
import { request, type JsonResponse } from './http-client';
import { LogCapture } from './log-capture';
import { startMongoWireServer } from './mongo-wire';
import { TestClock } from './test-clock';
import { testConfig } from './test-config';

/**
 * Wires the emergency-phrase and reports contexts into a container the way bootstrap will once the lead mounts
 * them: their bindings and their routers ahead of what is mounted. Skips what bootstrap already does.
 */
export const wireCareExtras = (c: Container, config: AppConfig): void => {
  if (!c.isBound(EMERGENCY_PHRASE_TOKENS.UseCases)) {
    bindEmergencyPhrases(c, config);
    c.onActivation<Router[]>(INFRA.HttpRouters, (_context, mounted) => [
      ...emergencyPhraseRouters(c.get<EmergencyPhraseUseCases>(EMERGENCY_PHRASE_TOKENS.UseCases), authenticated(c)),
      ...mounted,
    ]);
  }
  if (!c.isBound(REPORT_TOKENS.UseCases)) {
    bindReports(c, config);
    c.onActivation<Router[]>(INFRA.HttpRouters, (_context, mounted) => [
      ...reportRouters(c.get<ReportUseCases>(REPORT_TOKENS.UseCases), authenticated(c)),
      ...mounted,
    ]);
  }
};

const authenticated = (c: Container) => {
  const identity = c.get<IdentityUseCases>(TOKENS.identity.UseCases);
  return requireAuth(identity.authenticate, identity.ports.rateLimiter);
};

/** The embedded store by default; with `E2E_PROFILE=mongo`, MongoDB (TEST_MONGODB_URL or an in-process wire server). */
const persistenceEnv = async (): Promise<{ env: Environment; stop: () => Promise<void> }> => {
  if (process.env['E2E_PROFILE'] !== 'mongo') return { env: {}, stop: () => Promise.resolve() };
  const database = `e2e_care_extras_${process.pid}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
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
 * A running server with the emergency-phrase and reports routes mounted, the default global phrases installed
 * (as the start-up step will), test-support routes on, a hand-moved clock (set with `clockAt`) and captured logs.
 */
export const startCareExtrasApp = async (env: Environment = {}, clockAt: Date = new Date()) => {
  const clock = new TestClock(clockAt);
  const logs = new LogCapture();
  const persistence = await persistenceEnv();
  const config = testConfig({
    TEST_SUPPORT_ROUTES: 'true',
    LOG_LEVEL: 'debug',
    AUTH_RATE_LIMIT: '1000',
    // These suites make hundreds of calls as one user; the limits themselves are tested elsewhere.
    API_USER_RATE_LIMIT: '100000',
    PUBLIC_IP_RATE_LIMIT: '100000',
    ...persistence.env,
    ...env,
  });
  const app = await startApplication(config, {
    logDestination: logs,
    overrides: (c) => {
      c.rebind(TOKENS.shared.Clock).toConstantValue(clock);
      wireCareExtras(c, config);
    },
  }).catch(async (error: unknown) => {
    await persistence.stop();
    throw error;
  });
  await ensureReportIndexes(app.container);
  await installDefaultEmergencyPhrases(app.container);

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

  /**
   * A second organisation registered over HTTP (its first orgAdmin, e-mail verified): the target of the
   * cross-organisation checks. Resolves the admin's token and the organisation id.
   */
  const registerOtherOrg = async (email = 'boss@other.example'): Promise<{ token: string; orgId: string }> => {
    const password = 'Sunshine42';
    const registered = await call('POST', '/auth/register', {
      name: 'Other Org',
      email,
      password,
      phone: '6045550111',
    });
    if (registered.status !== 201 && registered.status !== 200)
      throw new Error(`register answered ${registered.status}`);
    const mail = app.container.get<MessageOutbox>(TOKENS.shared.MessageOutbox).lastTo(email);
    const token = mail === undefined ? null : /\/auth\/verify-email\?token=([A-Za-z0-9_.~-]+)/.exec(mail.text)?.[1];
    if (token === undefined || token === null) throw new Error(`no verification link for ${email}`);
    await call('GET', `/auth/verify-email?token=${token}`);
    const res = await call('POST', '/auth/login', { email, password });
    if (res.status !== 200) throw new Error(`login of ${email} answered ${res.status}: ${res.text}`);
    const body = res.body as { tokens: { access: { token: string } }; caregiver: { org: string } };
    return { token: body.tokens.access.token, orgId: body.caregiver.org };
  };

  /**
   * The test-support seed, then the phrase install the lead's `clean` hook will run (the seed's clean empties
   * the phrases too). Resolves the seeded organisation and patients.
   */
  const seed = async (): Promise<{ org: string; patients: string[] }> => {
    const res = await call('POST', '/test/seed');
    if (res.status !== 200) throw new Error(`seed answered ${res.status}: ${res.text}`);
    await installDefaultEmergencyPhrases(app.container);
    return (res.body as { data: { org: string; patients: string[] } }).data;
  };

  const stop = async (): Promise<number> => {
    const code = await app.shutdown('test end');
    await persistence.stop();
    return code;
  };

  return { app, clock, logs, call, login, seed, registerOtherOrg, stop };
};

export type CareExtrasApp = Awaited<ReturnType<typeof startCareExtrasApp>>;
