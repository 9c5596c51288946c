import { CALL_TOKENS } from '../../application/calls/call-tokens';
import type { CallUseCases } from '../../application/calls/call-use-cases';
import { TOKENS } from '../../application/ports/tokens';
import type { SimulatedPhoneLine } from '../../adapters/telephony/simulated/simulated-phone-line';
import { startApplication } from '../../bootstrap/application';
import { closeCalls, type CallsModuleOptions } from '../../bootstrap/calls-module';
import type { Environment } from '../../bootstrap/config';
import { VirtualCallTimers } from '../unit/calls/virtual-call-timers';
import { request, type JsonResponse } from './http-client';
import { LogCapture } from './log-capture';
import { TestClock } from './test-clock';
import { testConfig } from './test-config';

/**
 * A running server of the embedded profile with the calls context wired in: the simulated line and the scripted
 * agent on virtual timers driven by a hand-moved clock (nothing about a call moves until the test steps the
 * timers), test-support routes on, captured logs.
 */
export const startCallsApp = async (env: Environment = {}, options: Omit<CallsModuleOptions, 'timers'> = {}) => {
  const clock = new TestClock(new Date());
  const timers = new VirtualCallTimers(clock);
  const logs = new LogCapture();
  const config = testConfig({ TEST_SUPPORT_ROUTES: 'true', LOG_LEVEL: 'debug', AUTH_RATE_LIMIT: '1000', ...env });
  const app = await startApplication(config, {
    logDestination: logs,
    calls: { ...options, timers },
    overrides: (c) => {
      c.rebind(TOKENS.shared.Clock).toConstantValue(clock);
    },
  });
  const calls = app.container.get<CallUseCases>(CALL_TOKENS.UseCases);
  timers.settleWith(() => calls.whenIdle());
  const line = app.container.get<SimulatedPhoneLine>(CALL_TOKENS.Telephony);

  const call = (method: string, path: string, body?: unknown, token?: string): Promise<JsonResponse> =>
    request(app.url, `/v1${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  /** Signs in with the seed password; resolves the access token and the login payload. */
  const login = async (email: string): Promise<{ token: string; payload: Record<string, unknown> }> => {
    const res = await call('POST', '/auth/login', { email, password: 'Password1' });
    if (res.status !== 200) throw new Error(`login of ${email} answered ${res.status}: ${res.text}`);
    const payload = res.body as { tokens: { access: { token: string } } } & Record<string, unknown>;
    return { token: payload.tokens.access.token, payload };
  };

  const idOf = async (email: string): Promise<string> =>
    ((await call('POST', '/test/get-caregiver-by-email', { email })).body as { id: string }).id;

  return {
    app,
    clock,
    timers,
    calls,
    line,
    logs,
    call,
    login,
    idOf,
    stop: async () => {
      await closeCalls(app.container);
      return app.shutdown('test end');
    },
  };
};

export type CallsApp = Awaited<ReturnType<typeof startCallsApp>>;
