import Router from '@koa/router';
import type { Container } from 'inversify';
import type { MemoryDatabase } from '../../adapters/persistence/memory/memory-database';
import { startApplication, type RunningApplication } from '../../bootstrap/application';
import { INFRA } from '../../bootstrap/infra-tokens';
import { DomainError } from '../../domain/shared/errors';
import { TOKENS } from '../../application/ports/tokens';
import type { DrainState } from '../../application/shared/drain-state';
import { LogCapture } from '../support/log-capture';
import { request } from '../support/http-client';
import { testConfig } from '../support/test-config';

/** Extra routes used only to drive the core middleware from a test. */
const probeRoutes = (): Router => {
  const router = new Router({ prefix: '/v1/__probe' });
  router.post('/echo', (ctx) => {
    ctx.body = { received: ctx.request.body };
  });
  router.get('/conflict', () => {
    throw new DomainError('EMAIL_TAKEN', 'conflict', 'Email already taken', { reason: 'EMAIL_TAKEN' });
  });
  router.get('/crash', () => {
    throw new Error('database password is hunter2 for agnes@example.org');
  });
  return router;
};

const withProbeRoutes = (container: Container): void => {
  const routers = container.get<Router[]>(INFRA.HttpRouters);
  container.rebind(INFRA.HttpRouters).toConstantValue([...routers, probeRoutes()]);
};

describe('HTTP core (embedded profile)', () => {
  let app: RunningApplication;
  let base: string;
  const logs = new LogCapture();

  beforeAll(async () => {
    app = await startApplication(testConfig({ LOG_LEVEL: 'info' }), {
      logDestination: logs,
      overrides: withProbeRoutes,
    });
    base = app.url;
  });

  afterAll(async () => {
    await app.shutdown('test end');
  });

  it('answers GET /health with the §6.1 body', async () => {
    const res = await request(base, '/health');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.body).toEqual({
      status: 'ok',
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
      uptimeSeconds: expect.any(Number),
      components: {
        database: 'up',
        cache: 'simulated',
        email: 'simulated',
        telephony: 'simulated',
        stripe: 'disabled',
      },
    });
  });

  it('answers /health/ready 200 while the database is up and 503 (still 200 liveness) while it is down', async () => {
    expect((await request(base, '/health/ready')).status).toBe(200);
    const db = app.container.get<MemoryDatabase>(INFRA.MemoryDatabase);
    db.setAvailable(false);
    try {
      const ready = await request(base, '/health/ready');
      expect(ready.status).toBe(503);
      expect(ready.body).toMatchObject({ status: 'degraded', components: { database: 'down' } });
      expect((await request(base, '/health')).status).toBe(200);
    } finally {
      db.setAvailable(true);
    }
    expect((await request(base, '/health/ready')).status).toBe(200);
  });

  it.each([
    ['GET', '/v1/nowhere'],
    ['GET', '/nowhere'],
    ['DELETE', '/health'],
    ['PUT', '/v1/__probe/echo'],
  ])('answers %s %s with 404 {code, message} (no 405: no allowedMethods)', async (method, path) => {
    const res = await request(base, path, { method });
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ code: 404, message: 'Not found' });
  });

  it('refuses a 2 MB JSON body with 413 {code, message}', async () => {
    const res = await request(base, '/v1/__probe/echo', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ blob: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(res.status).toBe(413);
    expect(res.body).toEqual({ code: 413, message: 'Request body too large' });
  });

  it.each(['{"broken":', '[1,2,3]', '"just a string"', '42', 'null'])(
    'answers malformed or non-object JSON %s with 400 Malformed JSON body',
    async (body) => {
      const res = await request(base, '/v1/__probe/echo', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ code: 400, message: 'Malformed JSON body' });
    },
  );

  it('treats a missing body as {} and parses a JSON object', async () => {
    expect((await request(base, '/v1/__probe/echo', { method: 'POST' })).body).toEqual({ received: {} });
    const res = await request(base, '/v1/__probe/echo', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ a: 1 }),
    });
    expect(res.body).toEqual({ received: { a: 1 } });
  });

  it('maps a typed error to its status with reason', async () => {
    const res = await request(base, '/v1/__probe/conflict');
    expect(res.status).toBe(409);
    expect(res.body).toEqual({ code: 409, message: 'Email already taken', reason: 'EMAIL_TAKEN' });
  });

  it('answers an unexpected error 500 without details, and logs it with the request id, redacted', async () => {
    const res = await request(base, '/v1/__probe/crash', { headers: { 'x-request-id': 'crash-req-0001' } });
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ code: 500, message: 'Internal Server Error' });
    const line = logs.records().find((r) => r['msg'] === 'unexpected error' && r['requestId'] === 'crash-req-0001');
    expect(line).toBeDefined();
    expect(logs.text).not.toContain('agnes@example.org');
  });

  it('sets the hardened security headers', async () => {
    const res = await request(base, '/health');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none';frame-ancestors 'none'");
    expect(res.headers.get('strict-transport-security')).toBeNull();
  });

  it('answers a preflight from the app web build on localhost with 204 and the contract headers', async () => {
    const res = await request(base, '/v1/patients', {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://localhost:8081',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization,content-type',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:8081');
    expect(res.headers.get('access-control-allow-methods')).toBe('GET, POST, PUT, PATCH, DELETE, OPTIONS');
    expect(res.headers.get('access-control-allow-headers')).toBe(
      'Authorization, Content-Type, Accept, Accept-Language, X-Requested-With',
    );
    expect(res.headers.get('access-control-max-age')).toBe('600');
    expect(res.headers.get('vary')).toContain('Origin');
  });

  it('repeats CORS headers on actual responses, including errors, for an allowed origin', async () => {
    const res = await request(base, '/v1/nowhere', { headers: { Origin: 'http://127.0.0.1:19006' } });
    expect(res.status).toBe(404);
    expect(res.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:19006');
    expect(res.headers.get('access-control-expose-headers')).toContain('Retry-After');
  });

  it('omits CORS headers for an origin not on the list', async () => {
    const res = await request(base, '/health', { headers: { Origin: 'https://evil.example.com' } });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await request(base, '/v1/patients', {
      method: 'OPTIONS',
      headers: { Origin: 'https://evil.example.com', 'Access-Control-Request-Method': 'POST' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('echoes a sane incoming request id, replaces an unsafe one, and stamps every log line of the request', async () => {
    const echoed = await request(base, '/health', { headers: { 'x-request-id': 'trace-abc-12345' } });
    expect(echoed.headers.get('x-request-id')).toBe('trace-abc-12345');
    const replaced = await request(base, '/health', { headers: { 'x-request-id': 'bad id with spaces' } });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);

    await request(base, '/v1/__probe/conflict', { headers: { 'x-request-id': 'stamp-check-0001' } });
    const lines = logs.records().filter((r) => r['requestId'] === 'stamp-check-0001');
    expect(lines.map((r) => r['msg'])).toEqual(['request rejected', 'request']);
  });

  it('never logs authorization headers or request bodies', async () => {
    await request(base, '/v1/__probe/echo', {
      method: 'POST',
      headers: { Authorization: 'Bearer super-secret-token-value', 'content-type': 'application/json' },
      body: JSON.stringify({ password: 'P4ssword-never-logged', email: 'bob@example.org' }),
    });
    expect(logs.text).not.toContain('super-secret-token-value');
    expect(logs.text).not.toContain('P4ssword-never-logged');
    expect(logs.text).not.toContain('bob@example.org');
  });
});

describe('CORS with an explicit allow-list', () => {
  it('allows only the listed origins, even on localhost', async () => {
    const app = await startApplication(testConfig({ CORS_ORIGINS: 'https://app.example.com' }));
    try {
      const listed = await request(app.url, '/health', { headers: { Origin: 'https://app.example.com' } });
      expect(listed.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
      const local = await request(app.url, '/health', { headers: { Origin: 'http://localhost:8081' } });
      expect(local.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await app.shutdown('test end');
    }
  });
});

describe('readiness while draining', () => {
  it('turns /health/ready to 503 as soon as shutdown starts', async () => {
    const app = await startApplication(testConfig());
    app.container.get<DrainState>(TOKENS.shared.DrainState).startDraining();
    try {
      const res = await request(app.url, '/health/ready');
      expect(res.status).toBe(503);
    } finally {
      expect(await app.shutdown('test end')).toBe(0);
    }
  });
});
