import { normalizeEmail } from '../../domain/shared/contact';
import { RateLimitedError } from '../../domain/shared/errors';
import type { IdentityPorts } from './identity-ports';
import { SecurityEvents } from './security-events';

/**
 * The `auth-ip` and `auth-account` limits of the public auth endpoints: 20 failed requests per 15 minutes per IP
 * and per targeted account. Checked before the use-case runs; failures counted after it answered 4xx.
 */
export class AuthThrottle {
  private readonly security: SecurityEvents;

  constructor(private readonly ports: IdentityPorts) {
    this.security = new SecurityEvents(ports);
  }

  async check(ip: string, account: string | null): Promise<void> {
    const byIp = await this.ports.rateLimiter.status('auth-ip', ip);
    if (byIp.limited) throw new RateLimitedError(byIp.retryAfterSeconds);
    if (account === null) return;
    const byAccount = await this.ports.rateLimiter.status('auth-account', normalizeEmail(account));
    if (byAccount.limited) throw new RateLimitedError(byAccount.retryAfterSeconds);
  }

  async failed(ip: string, account: string | null): Promise<void> {
    const byIp = await this.ports.rateLimiter.penalize('auth-ip', ip);
    if (account !== null) await this.ports.rateLimiter.penalize('auth-account', normalizeEmail(account));
    if (byIp.limited || byIp.remaining === 0) await this.security.authLimitReached(ip);
  }
}
