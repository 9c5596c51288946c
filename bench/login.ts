/**
 * P2: `POST /v1/auth/login` throughput against the bcrypt bound, side by side in one run. The bound is raw
 * bcryptjs compares at the configured cost on the same worker pool the server uses (2 threads): login can never
 * beat it, and nothing else on the login path should matter. Bar: ratio >= 0.8.
 * Usage: npx tsx bench/login.ts [--seconds N] [--cost C]   (overrides the auth rate limits, which would 429).
 */
import 'reflect-metadata';
import autocannon from 'autocannon';
import { BcryptPasswordHasher } from '../adapters/security/bcrypt-password-hasher';
import { startApplication } from '../bootstrap/application';
import { loadConfig } from '../bootstrap/config';

const args = process.argv.slice(2);
const option = (name: string, fallback: number): number => {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const seconds = option('--seconds', args.includes('--full') ? 20 : 5);
const cost = option('--cost', 10);

const rawCompares = async (durationMs: number): Promise<number> => {
  const hasher = new BcryptPasswordHasher({ cost, poolSize: 2 });
  const hash = await hasher.hash('Password1');
  const deadline = Date.now() + durationMs;
  let done = 0;
  const lane = async (): Promise<void> => {
    while (Date.now() < deadline) {
      await hasher.verify('Password1', hash);
      done += 1;
    }
  };
  const started = Date.now();
  await Promise.all([lane(), lane(), lane(), lane()]);
  const elapsed = (Date.now() - started) / 1000;
  await hasher.close();
  return done / elapsed;
};

const loginThroughput = async (durationSeconds: number): Promise<{ rps: number; non2xx: number; p99: number }> => {
  const config = loadConfig({
    NODE_ENV: 'development',
    PORT: '0',
    LOG_LEVEL: 'silent',
    SEED_DEMO_DATA: 'true',
    BCRYPT_COST: String(cost),
    AUTH_RATE_LIMIT: '100000',
    PUBLIC_IP_RATE_LIMIT: '1000000',
  });
  const app = await startApplication(config);
  try {
    const result = await autocannon({
      url: `${app.url}/v1/auth/login`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'fake@example.org', password: 'Password1' }),
      connections: 4,
      duration: durationSeconds,
    });
    return { rps: result.requests.average, non2xx: result.non2xx, p99: result.latency.p99 };
  } finally {
    await app.shutdown('bench end');
  }
};

const main = async (): Promise<void> => {
  const raw = await rawCompares(seconds * 1000);
  const login = await loginThroughput(seconds);
  const ratio = login.rps / raw;
  console.log(
    `P2 login (bcrypt cost ${cost}, ${seconds}s each): login ${login.rps.toFixed(1)} req/s (non-2xx ${login.non2xx}, p99 ${login.p99} ms), ` +
      `raw bcrypt ${raw.toFixed(1)} compares/s, ratio ${ratio.toFixed(2)}; bar >= 0.8: ${ratio >= 0.8 && login.non2xx === 0 ? 'PASS' : 'FAIL'}`,
  );
  if (ratio < 0.8 || login.non2xx > 0) process.exitCode = 1;
};

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
