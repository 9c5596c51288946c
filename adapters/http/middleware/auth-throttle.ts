import type { Context, Middleware, Next } from 'koa';
import type { AuthThrottle } from '../../../application/identity/auth-throttle';
import { DomainError } from '../../../domain/shared/errors';
import { clientIp } from '../request-meta';

const accountOf = (ctx: Context): string | null => {
  const body = ctx.request.body as Record<string, unknown> | undefined;
  const email = body?.['email'];
  return typeof email === 'string' && email.trim() !== '' ? email : null;
};

const statusOfError = (error: unknown): number | null => {
  if (error instanceof DomainError) {
    return (
      { invalid: 400, unauthenticated: 401, forbidden: 403, 'not-found': 404, conflict: 409 }[error.kind as string] ??
      null
    );
  }
  return null;
};

/**
 * Wraps a public auth route: refuses with 429 once the caller's IP or the targeted account used up its
 * failures, and counts this request as a failure when it ends in a 4xx other than 429.
 */
export const authThrottle =
  (throttle: AuthThrottle): Middleware =>
  async (ctx: Context, next: Next) => {
    const ip = clientIp(ctx);
    const account = accountOf(ctx);
    await throttle.check(ip, account);
    try {
      await next();
    } catch (error) {
      const status = statusOfError(error);
      if (status !== null && status >= 400 && status < 500) await throttle.failed(ip, account);
      throw error;
    }
    if (ctx.status >= 400 && ctx.status < 500 && ctx.status !== 429) await throttle.failed(ip, account);
  };
