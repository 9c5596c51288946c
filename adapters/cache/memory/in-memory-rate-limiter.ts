import { RateLimiterMemory } from 'rate-limiter-flexible';
import { FlexibleRateLimiter, type RateLimiterAdapterOptions } from '../flexible-rate-limiter';

/**
 * Rate-limit counters in this process (the embedded default, and tests). Counters vanish at restart and are not
 * shared between processes; use `RedisRateLimiter` when more than one instance serves the API.
 */
export class InMemoryRateLimiter extends FlexibleRateLimiter {
  constructor(options: RateLimiterAdapterOptions) {
    super(
      options,
      (rule, namespace) =>
        new RateLimiterMemory({ points: rule.limit, duration: rule.windowSeconds, keyPrefix: namespace }),
    );
  }
}
