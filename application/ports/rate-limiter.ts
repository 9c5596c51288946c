/** The limiters of API-CONTRACT.md §1.5 / DOMAIN.md §2.4.10. */
export type RateLimitRuleName =
  | 'auth-ip'
  | 'auth-account'
  | 'mfa'
  | 'sso-ip'
  | 'api-user'
  | 'public-ip'
  | 'phone-send'
  | 'account-mail'
  | 'uploads'
  | 'analysis-trigger'
  | 'invites';

export interface RateLimitRule {
  readonly limit: number;
  readonly windowSeconds: number;
}

export interface RateLimitStatus {
  /** True when the key has used up its window: the next request must be refused. */
  readonly limited: boolean;
  readonly remaining: number;
  /** Seconds until the window admits the next request (0 when not limited). */
  readonly retryAfterSeconds: number;
}

/**
 * Counters per rule and key (Redis when configured, memory otherwise). `consume` counts a request and tells
 * whether it went over; `penalize` counts a failure after the fact (failed logins); `status` only reads.
 */
export interface RateLimiter {
  consume(rule: RateLimitRuleName, key: string): Promise<RateLimitStatus>;
  penalize(rule: RateLimitRuleName, key: string): Promise<RateLimitStatus>;
  status(rule: RateLimitRuleName, key: string): Promise<RateLimitStatus>;
  reset(rule: RateLimitRuleName, key: string): Promise<void>;
}
