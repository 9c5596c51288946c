import type { Container } from 'inversify';
import { ANALYSIS_TOKENS } from '../../application/analysis/analysis-tokens';
import type { AuditEvent, AuditRecorder } from '../../application/ports/audit-recorder';
import { TOKENS } from '../../application/ports/tokens';
import { addAnalysisRouteModule, bindAnalysis } from '../../bootstrap/analysis-module';
import { startApplication } from '../../bootstrap/application';
import type { AppConfig, Environment } from '../../bootstrap/config';
import { request, type JsonResponse } from './http-client';
import { LogCapture } from './log-capture';
import { TestClock } from './test-clock';
import { testConfig } from './test-config';

/**
 * Wires the analysis context into a container the way bootstrap will once the lead mounts it (after patients,
 * conversations and alerts): its bindings and, with `routers`, its route module (the sentiment debug routes too
 * when test-support routes are on). Skips what bootstrap already does.
 */
export const wireAnalysis = (c: Container, config: AppConfig, routers = false): void => {
  if (c.isBound(ANALYSIS_TOKENS.UseCases)) return;
  bindAnalysis(c, config);
  if (routers) addAnalysisRouteModule(c, config);
};

/**
 * A running server of the embedded profile with the analysis context wired in, test-support routes on, a
 * hand-moved clock (starting now), captured logs, and a copy of every audit event recorded (`audits`), taken
 * at the AuditRecorder port whatever adapter stores them.
 */
export const startAnalysisApp = async (env: Environment = {}) => {
  const clock = new TestClock(new Date());
  const logs = new LogCapture();
  const audits: AuditEvent[] = [];
  const config = testConfig({ TEST_SUPPORT_ROUTES: 'true', LOG_LEVEL: 'debug', AUTH_RATE_LIMIT: '1000', ...env });
  const app = await startApplication(config, {
    logDestination: logs,
    overrides: (c) => {
      c.rebind(TOKENS.shared.Clock).toConstantValue(clock);
      wireAnalysis(c, config, true);
      c.onActivation<AuditRecorder>(TOKENS.shared.AuditRecorder, (_context, recorder) => ({
        record: async (event) => {
          await recorder.record(event);
          audits.push(event);
        },
      }));
    },
  });

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

  /** Signs in with the seed password; resolves the access token. */
  const login = async (email: string): Promise<string> => {
    const res = await call('POST', '/auth/login', { email, password: 'Password1' });
    if (res.status !== 200) throw new Error(`login of ${email} answered ${res.status}: ${res.text}`);
    return (res.body as { tokens: { access: { token: string } } }).tokens.access.token;
  };

  return { app, clock, logs, audits, call, login, stop: () => app.shutdown('test end') };
};

export type AnalysisApp = Awaited<ReturnType<typeof startAnalysisApp>>;
