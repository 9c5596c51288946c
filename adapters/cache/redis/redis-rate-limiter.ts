import type { Redis } from 'ioredis';
import { RateLimiterRedis } from 'rate-limiter-flexible';
import { FlexibleRateLimiter, type RateLimiterAdapterOptions } from '../flexible-rate-limiter';

/**
 * Rate-limit counters in Redis, shared by every instance: rate-limiter-flexible's `RateLimiterRedis` (an atomic
 * Lua increment that sets the window's expiry on the first point) over the ioredis client passed in.
 *
 * Keys: `<client keyPrefix><options.keyPrefix>rl:<rule>:<key>`; each expires with its window.
 * Failures: while Redis is unreachable, commands wait in ioredis' offline queue for at most the client's
 * `maxRetriesPerRequest` reconnect attempts (see `createRedisClient`), then the call rejects with
 * `RATE_LIMITER_UNAVAILABLE` (kind `unavailable`). There is no in-memory insurance limiter: the caller chooses
 * to fail open or closed.
 */
export class RedisRateLimiter extends FlexibleRateLimiter {
  constructor(client: Redis, options: RateLimiterAdapterOptions) {
    super(
      options,
      (rule, namespace) =>
        new RateLimiterRedis({
          storeClient: client,
          // ioredis, not node-redis: the library's own detection relies on the client's constructor name.
          useRedisPackage: false,
          points: rule.limit,
          duration: rule.windowSeconds,
          keyPrefix: namespace,
        }),
    );
  }
}
