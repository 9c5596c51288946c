import type { Redis } from 'ioredis';
import { closeRedis, createRedisClient } from '../../../adapters/cache/redis/redis-connection';
import { RedisHealthProbe } from '../../../adapters/cache/redis/redis-health-probe';
import { deleteKeysWithPrefix, describeWithRedis, uniqueRunPrefix } from '../../contract/redis-test-support';

const ready = (client: Redis): Promise<void> =>
  client.status === 'ready' ? Promise.resolve() : new Promise((resolve) => client.once('ready', () => resolve()));

describe('Redis client helpers without a server', () => {
  it('reports an unreachable Redis as down at once and closes without waiting for it', async () => {
    const errors: Error[] = [];
    const client = createRedisClient('redis://127.0.0.1:1', { connectTimeoutMs: 200, onError: (e) => errors.push(e) });
    const probe = new RedisHealthProbe(client, 200);

    expect(probe.component).toBe('cache');
    expect(await probe.check()).toBe('down');

    await closeRedis(client);
    expect(client.status).toBe('end');
    await expect(closeRedis(client)).resolves.toBeUndefined();
  });
});

describeWithRedis('Redis client helpers', (redisUrl) => {
  const runPrefix = uniqueRunPrefix('redis-connection');
  let raw: Redis;

  beforeAll(() => {
    raw = createRedisClient(redisUrl);
  });

  afterAll(async () => {
    await deleteKeysWithPrefix(raw, runPrefix);
    await closeRedis(raw);
  });

  it('queues commands sent before the connection is ready and applies the key prefix', async () => {
    const client = createRedisClient(redisUrl, { keyPrefix: runPrefix });

    await client.set('early', 'yes', 'EX', 60);

    expect(await raw.get(`${runPrefix}early`)).toBe('yes');
    await closeRedis(client);
    expect(client.status).toBe('end');
  });

  it('reports up while PING answers, down once the client is closed', async () => {
    const client = createRedisClient(redisUrl);
    await ready(client);
    const probe = new RedisHealthProbe(client);

    expect(await probe.check()).toBe('up');

    await closeRedis(client);
    expect(await probe.check()).toBe('down');
  });
});
