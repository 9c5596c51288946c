import type { Redis } from 'ioredis';

/**
 * Redis suites run only when `TEST_REDIS_URL` is set (CI sets `redis://127.0.0.1:6379`; RESOLUTIONS.md 25).
 * Otherwise the suite is registered as skipped, and the reason is printed.
 */
export const describeWithRedis = (title: string, body: (redisUrl: string) => void): void => {
  const redisUrl = process.env.TEST_REDIS_URL?.trim();
  if (redisUrl === undefined || redisUrl === '') {
    console.warn(`${title}: skipped. Set TEST_REDIS_URL (e.g. redis://127.0.0.1:6379) to run it against a real Redis.`);
    describe.skip(`${title} (skipped: TEST_REDIS_URL is not set)`, () => body(''));
    return;
  }
  describe(title, () => body(redisUrl));
};

/** A key prefix no other run or suite shares. */
export const uniqueRunPrefix = (suite: string): string => `test:${suite}:${process.pid}:${Date.now()}:`;

/** Deletes every key whose full name starts with `prefix` (the client must have no `keyPrefix` of its own). */
export const deleteKeysWithPrefix = async (client: Redis, prefix: string): Promise<number> => {
  const pattern = `${prefix.replace(/[*?[\]\\]/g, (c) => `\\${c}`)}*`;
  let deleted = 0;
  let cursor = '0';
  do {
    const [next, keys] = await client.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
    cursor = next;
    if (keys.length > 0) deleted += await client.unlink(...keys);
  } while (cursor !== '0');
  return deleted;
};
