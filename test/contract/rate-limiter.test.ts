import type { Redis } from 'ioredis';
import { isDomainError } from '../../domain/shared/errors';
import { InMemoryRateLimiter } from '../../adapters/cache/memory/in-memory-rate-limiter';
import { RedisRateLimiter } from '../../adapters/cache/redis/redis-rate-limiter';
import { closeRedis, createRedisClient } from '../../adapters/cache/redis/redis-connection';
import { defaultRateLimitRules } from '../../adapters/shared/default-rate-limit-rules';
import { contractRules, describeRateLimiterContract } from './rate-limiter.contract';
import { deleteKeysWithPrefix, describeWithRedis, uniqueRunPrefix } from './redis-test-support';

describeRateLimiterContract('memory', (rules) => new InMemoryRateLimiter({ rules }));

describe('rate limiter rules', () => {
  it('refuses a rule without a positive integer limit and window', () => {
    expect(
      () => new InMemoryRateLimiter({ rules: { ...defaultRateLimitRules, mfa: { limit: 0, windowSeconds: 60 } } }),
    ).toThrow(/mfa: limit/);
    expect(
      () => new InMemoryRateLimiter({ rules: { ...defaultRateLimitRules, mfa: { limit: 5, windowSeconds: 0.5 } } }),
    ).toThrow(/mfa: windowSeconds/);
  });
});

describeWithRedis('RedisRateLimiter', (redisUrl) => {
  const runPrefix = uniqueRunPrefix('rate-limiter');
  let client: Redis;
  let instances = 0;

  beforeAll(() => {
    client = createRedisClient(redisUrl);
  });

  afterAll(async () => {
    await deleteKeysWithPrefix(client, runPrefix);
    await closeRedis(client);
  });

  describeRateLimiterContract(
    'redis',
    (rules) => new RedisRateLimiter(client, { rules, keyPrefix: `${runPrefix}${(instances += 1)}:` }),
  );

  describe('with the prefix on the ioredis client', () => {
    let prefixedClient: Redis;

    beforeAll(() => {
      prefixedClient = createRedisClient(redisUrl, { keyPrefix: `${runPrefix}client:` });
    });

    afterAll(() => closeRedis(prefixedClient));

    describeRateLimiterContract(
      'redis, client keyPrefix',
      (rules) => new RedisRateLimiter(prefixedClient, { rules, keyPrefix: `${(instances += 1)}:` }),
    );
  });

  it('namespaces keys per rule and lets them expire with the window', async () => {
    const keyPrefix = `${runPrefix}layout:`;
    const limiter = new RedisRateLimiter(client, { rules: contractRules, keyPrefix });

    await limiter.consume('mfa', 'caregiver-9');

    expect(await client.get(`${keyPrefix}rl:mfa:caregiver-9`)).toBe('1');
    const ttl = await client.pttl(`${keyPrefix}rl:mfa:caregiver-9`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60_000);
  });

  it('rejects with RATE_LIMITER_UNAVAILABLE when Redis cannot answer', async () => {
    const closed = createRedisClient(redisUrl);
    await new Promise<void>((resolve) => closed.once('ready', () => resolve()));
    closed.disconnect(false);
    const limiter = new RedisRateLimiter(closed, { rules: contractRules, keyPrefix: `${runPrefix}closed:` });

    for (const attempt of [
      () => limiter.consume('mfa', 'k'),
      () => limiter.penalize('mfa', 'k'),
      () => limiter.status('mfa', 'k'),
      () => limiter.reset('mfa', 'k'),
    ]) {
      const error: unknown = await attempt().then(
        () => null,
        (rejection: unknown) => rejection,
      );
      expect(isDomainError(error) && { id: error.id, kind: error.kind }).toEqual({
        id: 'RATE_LIMITER_UNAVAILABLE',
        kind: 'unavailable',
      });
      expect((error as Error).cause).toBeInstanceOf(Error);
    }
  });
});
