import type { Redis } from 'ioredis';
import { isDomainError } from '../../domain/shared/errors';
import { InMemorySessionStore } from '../../adapters/cache/memory/in-memory-session-store';
import { closeRedis, createRedisClient } from '../../adapters/cache/redis/redis-connection';
import { RedisSessionStore } from '../../adapters/cache/redis/redis-session-store';
import { deleteKeysWithPrefix, describeWithRedis, uniqueRunPrefix } from './redis-test-support';
import { describeSessionStoreContract } from './session-store.contract';

describeSessionStoreContract('memory', () => new InMemorySessionStore());

describeWithRedis('RedisSessionStore', (redisUrl) => {
  const runPrefix = uniqueRunPrefix('session-store');
  let client: Redis;
  let instances = 0;

  beforeAll(() => {
    client = createRedisClient(redisUrl);
  });

  afterAll(async () => {
    await deleteKeysWithPrefix(client, runPrefix);
    await closeRedis(client);
  });

  describeSessionStoreContract(
    'redis',
    () => new RedisSessionStore(client, { keyPrefix: `${runPrefix}${(instances += 1)}:` }),
    { touchCoalesceMs: 15_000 },
  );

  describe('with the prefix on the ioredis client', () => {
    let prefixedClient: Redis;

    beforeAll(() => {
      prefixedClient = createRedisClient(redisUrl, { keyPrefix: `${runPrefix}client:` });
    });

    afterAll(() => closeRedis(prefixedClient));

    describeSessionStoreContract(
      'redis, client keyPrefix, no coalescing',
      () => new RedisSessionStore(prefixedClient, { keyPrefix: `${(instances += 1)}:`, touchCoalesceMs: 0 }),
    );
  });

  it('expires every key of a session 30 days after its absolute expiry', async () => {
    const keyPrefix = `${runPrefix}ttl:`;
    const store = new RedisSessionStore(client, { keyPrefix });
    const now = Date.now();
    const absoluteExpiresAt = now + 2 * 24 * 3600_000;
    await store.create({
      id: 'ttl-session',
      caregiverId: 'ttl-caregiver',
      orgId: 'org',
      authMethod: 'password',
      mfaSatisfied: false,
      createdAt: new Date(now),
      lastActivityAt: new Date(now),
      absoluteExpiresAt: new Date(absoluteExpiresAt),
      refreshTokenHash: 'ttl-hash-0',
      refreshTokenIssuedAt: new Date(now),
      refreshExpiresAt: new Date(absoluteExpiresAt),
      retiredRefreshTokenHashes: [],
      revokedAt: null,
      revokeReason: null,
      ip: null,
      userAgent: null,
    });
    await store.rotateRefreshToken({
      sessionId: 'ttl-session',
      expectedHash: 'ttl-hash-0',
      newHash: 'ttl-hash-1',
      issuedAt: new Date(now),
      refreshExpiresAt: new Date(absoluteExpiresAt),
    });

    const purgeAt = absoluteExpiresAt + 30 * 24 * 3600_000;
    for (const key of [
      'session:ttl-session',
      'refresh:ttl-hash-0',
      'refresh:ttl-hash-1',
      'caregiver-sessions:ttl-caregiver',
    ]) {
      expect({ key, expiresAt: await client.pexpiretime(`${keyPrefix}${key}`) }).toEqual({ key, expiresAt: purgeAt });
    }
    expect(await client.get(`${keyPrefix}refresh:ttl-hash-0`)).toBe('retired:ttl-session');
    expect(await client.get(`${keyPrefix}refresh:ttl-hash-1`)).toBe('current:ttl-session');
  });

  it('rejects with SESSION_STORE_UNAVAILABLE when Redis cannot answer', async () => {
    const closed = createRedisClient(redisUrl);
    await new Promise<void>((resolve) => closed.once('ready', () => resolve()));
    closed.disconnect(false);
    const store = new RedisSessionStore(closed, { keyPrefix: `${runPrefix}closed:` });

    const error: unknown = await store.findById('any').then(
      () => null,
      (rejection: unknown) => rejection,
    );

    expect(isDomainError(error) && { id: error.id, kind: error.kind }).toEqual({
      id: 'SESSION_STORE_UNAVAILABLE',
      kind: 'unavailable',
    });
  });
});
