import { RateLimiterRes } from 'rate-limiter-flexible';
import type {
  RateLimitRule,
  RateLimitRuleName,
  RateLimitStatus,
  RateLimiter,
} from '../../application/ports/rate-limiter';
import { DomainError } from '../../domain/shared/errors';

/** Options shared by the memory and Redis rate limiters. */
export interface RateLimiterAdapterOptions {
  /** Limit and window of every rule; `defaultRateLimitRules` (adapters/shared) holds the contract's values. */
  readonly rules: Readonly<Record<RateLimitRuleName, RateLimitRule>>;
  /** Prepended to every counter key (`<keyPrefix>rl:<rule>:<key>`); tests use one prefix per run. */
  readonly keyPrefix?: string;
}

/** The part of a rate-limiter-flexible limiter this adapter uses (memory and store limiters both have it). */
export interface FixedWindowCounter {
  consume(key: string, points?: number): Promise<RateLimiterRes>;
  penalty(key: string, points?: number): Promise<RateLimiterRes>;
  get(key: string): Promise<RateLimiterRes | null>;
  delete(key: string): Promise<boolean>;
}

/** Builds the library limiter of one rule; `namespace` becomes the library's `keyPrefix`. */
export type FixedWindowCounterFactory = (rule: RateLimitRule, namespace: string) => FixedWindowCounter;

interface RuleCounter {
  readonly rule: RateLimitRule;
  readonly counter: FixedWindowCounter;
}

const assertValidRule = (name: string, rule: RateLimitRule): void => {
  if (!Number.isInteger(rule.limit) || rule.limit < 1) {
    throw new RangeError(`Rate limit rule ${name}: limit must be a positive integer`);
  }
  if (!Number.isInteger(rule.windowSeconds) || rule.windowSeconds < 1) {
    throw new RangeError(`Rate limit rule ${name}: windowSeconds must be a positive integer`);
  }
};

/**
 * `RateLimiter` over rate-limiter-flexible: one fixed-window counter per rule, keys namespaced per rule.
 *
 * - `consume` counts one point; `limited` is true when that point went over the limit (the limit-th request of a
 *   window passes, the next one is refused). Refused requests still count, but never extend the window.
 * - `penalize` counts one point and answers what `status` would answer right after: `limited` once the key has
 *   used up its window (consumed >= limit), so a caller can tell that the next attempt will be refused.
 * - `status` reads without counting; `reset` deletes the key's counter.
 * - `retryAfterSeconds` = ceil(ms until the current window ends / 1000), at least 1 when limited, else 0.
 *
 * A failing store (Redis down, timeout) is never swallowed and never fails open here: the promise rejects with a
 * `DomainError` `RATE_LIMITER_UNAVAILABLE` (kind `unavailable`, the library or ioredis error as `cause`), and the
 * caller decides whether to fail open or closed.
 */
export abstract class FlexibleRateLimiter implements RateLimiter {
  private readonly counters: ReadonlyMap<RateLimitRuleName, RuleCounter>;

  protected constructor(options: RateLimiterAdapterOptions, createCounter: FixedWindowCounterFactory) {
    const prefix = options.keyPrefix ?? '';
    const counters = new Map<RateLimitRuleName, RuleCounter>();
    for (const [name, rule] of Object.entries(options.rules) as [RateLimitRuleName, RateLimitRule][]) {
      assertValidRule(name, rule);
      counters.set(name, { rule, counter: createCounter(rule, `${prefix}rl:${name}`) });
    }
    this.counters = counters;
  }

  async consume(ruleName: RateLimitRuleName, key: string): Promise<RateLimitStatus> {
    const { rule, counter } = this.ruleCounter(ruleName);
    try {
      const res = await counter.consume(key, 1);
      return toStatus(rule, res, res.consumedPoints > rule.limit);
    } catch (error: unknown) {
      // The library rejects with its result object when the point went over the limit.
      if (error instanceof RateLimiterRes) return toStatus(rule, error, true);
      throw storeFailure(error);
    }
  }

  async penalize(ruleName: RateLimitRuleName, key: string): Promise<RateLimitStatus> {
    const { rule, counter } = this.ruleCounter(ruleName);
    const res = await counter.penalty(key, 1).catch((error: unknown) => Promise.reject(storeFailure(error)));
    return toStatus(rule, res, res.consumedPoints >= rule.limit);
  }

  async status(ruleName: RateLimitRuleName, key: string): Promise<RateLimitStatus> {
    const { rule, counter } = this.ruleCounter(ruleName);
    const res = await counter.get(key).catch((error: unknown) => Promise.reject(storeFailure(error)));
    // No counter, or one whose window has just ended (the memory store drops it a moment later).
    if (res === null || res.msBeforeNext <= 0) return { limited: false, remaining: rule.limit, retryAfterSeconds: 0 };
    return toStatus(rule, res, res.consumedPoints >= rule.limit);
  }

  async reset(ruleName: RateLimitRuleName, key: string): Promise<void> {
    const { counter } = this.ruleCounter(ruleName);
    await counter.delete(key).catch((error: unknown) => Promise.reject(storeFailure(error)));
  }

  private ruleCounter(ruleName: RateLimitRuleName): RuleCounter {
    const found = this.counters.get(ruleName);
    if (found === undefined) throw new RangeError(`Unknown rate limit rule: ${String(ruleName)}`);
    return found;
  }
}

const toStatus = (rule: RateLimitRule, res: RateLimiterRes, limited: boolean): RateLimitStatus => ({
  limited,
  remaining: Math.max(rule.limit - res.consumedPoints, 0),
  retryAfterSeconds: limited ? Math.max(1, Math.ceil(res.msBeforeNext / 1000)) : 0,
});

const storeFailure = (cause: unknown): DomainError =>
  new DomainError('RATE_LIMITER_UNAVAILABLE', 'unavailable', 'The rate limiter store is unavailable', {
    reason: 'SERVICE_UNAVAILABLE',
    cause,
  });
