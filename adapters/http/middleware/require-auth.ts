import type { Context, Middleware, Next } from 'koa';
import type { AuthenticateRequest } from '../../../application/identity/authenticate-request';
import type { RateLimiter } from '../../../application/ports/rate-limiter';
import { RateLimitedError } from '../../../domain/shared/errors';

const bearerOf = (ctx: Context): string | null => {
  const header = ctx.get('authorization');
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1] ?? null;
};

export interface RequireAuthOptions {
  /** Polls that must not count as activity (API-CONTRACT.md §2.6). */
  readonly passive?: boolean | ((ctx: Context) => boolean);
}

/**
 * Authenticates the bearer token (401 with a reason otherwise) and applies the per-user limit (`api-user`).
 * Public routes do not use it, so a stale token on them is ignored.
 */
export const requireAuth =
  (authenticate: AuthenticateRequest, rateLimiter: RateLimiter, options: RequireAuthOptions = {}): Middleware =>
  async (ctx: Context, next: Next) => {
    const passive = typeof options.passive === 'function' ? options.passive(ctx) : (options.passive ?? false);
    const auth = await authenticate.execute(bearerOf(ctx), { passive });
    const limit = await rateLimiter.consume('api-user', auth.caregiver.id);
    if (limit.limited) throw new RateLimitedError(limit.retryAfterSeconds);
    ctx.state['auth'] = auth;
    await next();
  };

export const bearerToken = bearerOf;
