import type { RateLimitRule, RateLimitRuleName, RateLimiter } from '../../application/ports/rate-limiter';
import { defaultRateLimitRules } from '../../adapters/shared/default-rate-limit-rules';

export type RateLimiterFactory = (rules: Readonly<Record<RateLimitRuleName, RateLimitRule>>) => RateLimiter;

/** Small limits so a test can reach them; `sso-ip` has a 1-second window for the expiry case. */
export const contractRules: Readonly<Record<RateLimitRuleName, RateLimitRule>> = {
  ...defaultRateLimitRules,
  mfa: { limit: 3, windowSeconds: 60 },
  'sso-ip': { limit: 2, windowSeconds: 1 },
};

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The `RateLimiter` port's behaviour, run against every implementation. */
export const describeRateLimiterContract = (name: string, createLimiter: RateLimiterFactory): void => {
  describe(`RateLimiter contract: ${name}`, () => {
    let limiter: RateLimiter;

    beforeEach(() => {
      limiter = createLimiter(contractRules);
    });

    it('allows the limit-th request and limits the next one, with a retry delay within the window', async () => {
      const allowed = [];
      for (let i = 0; i < 3; i += 1) allowed.push(await limiter.consume('mfa', 'caregiver-1'));

      expect(allowed).toEqual([
        { limited: false, remaining: 2, retryAfterSeconds: 0 },
        { limited: false, remaining: 1, retryAfterSeconds: 0 },
        { limited: false, remaining: 0, retryAfterSeconds: 0 },
      ]);
      const over = await limiter.consume('mfa', 'caregiver-1');
      expect(over.limited).toBe(true);
      expect(over.remaining).toBe(0);
      expect(Number.isInteger(over.retryAfterSeconds)).toBe(true);
      expect(over.retryAfterSeconds).toBeGreaterThan(0);
      expect(over.retryAfterSeconds).toBeLessThanOrEqual(60);
      expect((await limiter.consume('mfa', 'caregiver-1')).limited).toBe(true);
    });

    it('counts penalties and reports the state after counting', async () => {
      expect(await limiter.penalize('mfa', 'caregiver-2')).toEqual({
        limited: false,
        remaining: 2,
        retryAfterSeconds: 0,
      });
      expect((await limiter.penalize('mfa', 'caregiver-2')).remaining).toBe(1);

      const used = await limiter.penalize('mfa', 'caregiver-2');
      expect(used.limited).toBe(true);
      expect(used.remaining).toBe(0);
      expect(used.retryAfterSeconds).toBeGreaterThan(0);
      expect(used.retryAfterSeconds).toBeLessThanOrEqual(60);
      expect((await limiter.status('mfa', 'caregiver-2')).limited).toBe(true);
      expect((await limiter.consume('mfa', 'caregiver-2')).limited).toBe(true);
    });

    it('reads the status without counting', async () => {
      for (let i = 0; i < 5; i += 1) {
        expect(await limiter.status('mfa', 'caregiver-3')).toEqual({
          limited: false,
          remaining: 3,
          retryAfterSeconds: 0,
        });
      }
      await limiter.consume('mfa', 'caregiver-3');
      await limiter.consume('mfa', 'caregiver-3');
      expect(await limiter.status('mfa', 'caregiver-3')).toEqual({
        limited: false,
        remaining: 1,
        retryAfterSeconds: 0,
      });
      expect(await limiter.status('mfa', 'caregiver-3')).toEqual({
        limited: false,
        remaining: 1,
        retryAfterSeconds: 0,
      });

      expect((await limiter.consume('mfa', 'caregiver-3')).limited).toBe(false);
      const exhausted = await limiter.status('mfa', 'caregiver-3');
      expect(exhausted.limited).toBe(true);
      expect(exhausted.remaining).toBe(0);
      expect(exhausted.retryAfterSeconds).toBeGreaterThan(0);
      expect(exhausted.retryAfterSeconds).toBeLessThanOrEqual(60);
    });

    it('reset clears the counter of one key', async () => {
      for (let i = 0; i < 4; i += 1) await limiter.consume('mfa', 'caregiver-4');
      expect((await limiter.status('mfa', 'caregiver-4')).limited).toBe(true);

      await limiter.reset('mfa', 'caregiver-4');

      expect(await limiter.status('mfa', 'caregiver-4')).toEqual({
        limited: false,
        remaining: 3,
        retryAfterSeconds: 0,
      });
      expect(await limiter.consume('mfa', 'caregiver-4')).toEqual({
        limited: false,
        remaining: 2,
        retryAfterSeconds: 0,
      });
      await expect(limiter.reset('mfa', 'never-seen')).resolves.toBeUndefined();
    });

    it('keeps keys and rules independent', async () => {
      for (let i = 0; i < 4; i += 1) await limiter.consume('mfa', 'shared-key');
      expect((await limiter.consume('mfa', 'shared-key')).limited).toBe(true);

      expect(await limiter.consume('mfa', 'other-key')).toEqual({ limited: false, remaining: 2, retryAfterSeconds: 0 });
      expect(await limiter.consume('auth-ip', 'shared-key')).toEqual({
        limited: false,
        remaining: 19,
        retryAfterSeconds: 0,
      });
      expect(await limiter.status('invites', 'shared-key')).toEqual({
        limited: false,
        remaining: 50,
        retryAfterSeconds: 0,
      });
    });

    it('admits the key again once the window has passed', async () => {
      await limiter.consume('sso-ip', '203.0.113.7');
      await limiter.consume('sso-ip', '203.0.113.7');
      const over = await limiter.consume('sso-ip', '203.0.113.7');
      expect(over).toEqual({ limited: true, remaining: 0, retryAfterSeconds: 1 });

      await sleep(1100);

      expect(await limiter.status('sso-ip', '203.0.113.7')).toEqual({
        limited: false,
        remaining: 2,
        retryAfterSeconds: 0,
      });
      expect(await limiter.consume('sso-ip', '203.0.113.7')).toEqual({
        limited: false,
        remaining: 1,
        retryAfterSeconds: 0,
      });
    });
  });
};
