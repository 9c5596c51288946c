import type { RateLimitRule, RateLimitRuleName } from '../../application/ports/rate-limiter';

/**
 * The limits of API-CONTRACT.md §1.5 / DOMAIN.md §2.4.10, shared by every `RateLimiter` adapter family.
 * Bootstrap may override single rules from configuration (e.g. `api-user`).
 */
export const defaultRateLimitRules: Readonly<Record<RateLimitRuleName, RateLimitRule>> = Object.freeze({
  'auth-ip': { limit: 20, windowSeconds: 900 },
  'auth-account': { limit: 20, windowSeconds: 900 },
  mfa: { limit: 5, windowSeconds: 900 },
  'sso-ip': { limit: 10, windowSeconds: 900 },
  'api-user': { limit: 300, windowSeconds: 60 },
  'public-ip': { limit: 60, windowSeconds: 60 },
  'phone-send': { limit: 3, windowSeconds: 3600 },
  'account-mail': { limit: 3, windowSeconds: 3600 },
  uploads: { limit: 10, windowSeconds: 3600 },
  'analysis-trigger': { limit: 20, windowSeconds: 3600 },
  invites: { limit: 50, windowSeconds: 3600 },
});
