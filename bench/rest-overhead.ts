/**
 * P1: REST overhead. Authenticated `GET /v1/patients/:id` on the embedded store against a bare Koa "hello" on the
 * same machine, same run, same autocannon settings. Bars: throughput ratio >= 0.5, p99 <= 25 ms.
 * Usage: npx tsx bench/rest-overhead.ts [--seconds N] [--connections C]   (overrides the per-user rate limit).
 */
import 'reflect-metadata';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import Koa from 'koa';
import { startApplication } from '../bootstrap/application';
import { loadConfig } from '../bootstrap/config';

const args = process.argv.slice(2);
const option = (name: string, fallback: number): number => {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const seconds = option('--seconds', args.includes('--full') ? 10 : 5);
const connections = option('--connections', 50);

const run = async (url: string, headers: Record<string, string> = {}) => {
  const result = await autocannon({ url, connections, duration: seconds, headers });
  return { rps: result.requests.average, p99: result.latency.p99, errors: result.non2xx + result.errors };
};

const bareKoa = async (): Promise<{ url: string; server: Server }> => {
  const app = new Koa();
  app.use((ctx) => {
    ctx.body = { hello: 'world' };
  });
  const handle = app.callback();
  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server };
};

const main = async (): Promise<void> => {
  const bare = await bareKoa();
  const baseline = await run(bare.url);
  bare.server.close();

  const app = await startApplication(
    loadConfig({
      NODE_ENV: 'development',
      PORT: '0',
      LOG_LEVEL: 'silent',
      SEED_DEMO_DATA: 'true',
      API_USER_RATE_LIMIT: '10000000',
    }),
  );
  try {
    const login = await fetch(`${app.url}/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@example.org', password: 'Password1' }),
    });
    const body = (await login.json()) as { tokens: { access: { token: string } } };
    const token = body.tokens.access.token;
    const list = (await (
      await fetch(`${app.url}/v1/patients`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as {
      results: Array<{ id: string }>;
    };
    const patientId = list.results[0]?.id;
    if (patientId === undefined) throw new Error('the seed has no patient');
    const measured = await run(`${app.url}/v1/patients/${patientId}`, { authorization: `Bearer ${token}` });
    const ratio = measured.rps / baseline.rps;
    const pass = ratio >= 0.5 && measured.p99 <= 25 && measured.errors === 0;
    console.log(
      `P1 REST overhead (${connections} connections, ${seconds}s each): GET /v1/patients/:id ${measured.rps.toFixed(0)} req/s ` +
        `(p99 ${measured.p99} ms, errors ${measured.errors}), bare Koa ${baseline.rps.toFixed(0)} req/s (p99 ${baseline.p99} ms), ` +
        `ratio ${ratio.toFixed(2)}; bars ratio >= 0.5 and p99 <= 25 ms: ${pass ? 'PASS' : 'FAIL'}`,
    );
    if (!pass) process.exitCode = 1;
  } finally {
    await app.shutdown('bench end');
  }
};

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
