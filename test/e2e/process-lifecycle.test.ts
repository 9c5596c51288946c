import { request } from '../support/http-client';
import { spawnEntry, waitForUrl } from '../support/spawn-server';

const baseEnv = { NODE_ENV: 'test', PORT: '0', LOG_LEVEL: 'info', SEED_DEMO_DATA: 'false' };

describe('the server process', () => {
  it('exits 1 with one line naming PORT when PORT=abc', async () => {
    const server = spawnEntry('bootstrap/main.ts', { ...baseEnv, PORT: 'abc' });
    expect(await server.exited).toBe(1);
    const stderr = server.stderr.join('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/PORT/);
    expect(stderr).not.toMatch(/\s+at\s/); // no stack trace
    expect(server.stdout.join('')).toBe('');
  });

  it('starts with no outside service and serves /health, logging its URL', async () => {
    const server = spawnEntry('bootstrap/main.ts', baseEnv);
    try {
      const url = await waitForUrl(server);
      const res = await request(url, '/health');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'ok' });
    } finally {
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
    }
  });

  it('on SIGTERM during a slow request: finishes the request, refuses new connections, exits 0', async () => {
    const server = spawnEntry('test/support/fixtures/slow-server.ts', baseEnv);
    const url = await waitForUrl(server);
    const slow = request(url, '/v1/__slow?ms=1500');
    await new Promise((resolve) => setTimeout(resolve, 300));
    server.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 200));

    await expect(fetch(`${url}/health`)).rejects.toThrow();
    const res = await slow;
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ slept: 1500 });
    expect(await server.exited).toBe(0);
    expect(server.stdout.join('')).toContain('"msg":"shutdown complete"');
  });

  it('cuts off a request that outlives the drain deadline and exits 1', async () => {
    const server = spawnEntry('test/support/fixtures/slow-server.ts', { ...baseEnv, HTTP_DRAIN_TIMEOUT_MS: '300' });
    const url = await waitForUrl(server);
    const slow = request(url, '/v1/__slow?ms=5000').catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 200));
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(1);
    expect(String(await slow)).toMatch(/fetch failed/);
  });
});
