import Router from '@koa/router';
import type { Middleware } from 'koa';
import { z } from 'zod';
import type { IdentityUseCases } from '../../../application/identity/identity-use-cases';
import { RateLimitedError } from '../../../domain/shared/errors';
import { actorOf, authOf } from '../request-meta';
import { parseWith } from '../validation';

const codeBody = z.strictObject({ token: z.string().trim().min(1).max(32) });
const iso = (at: Date | null): string | null => (at === null ? null : at.toISOString());

/** `/v1/mfa/*` (API-CONTRACT.md §4.3): the caller's own MFA. Wrong codes count toward the `mfa` limit. */
export const mfaRoutes = (identity: IdentityUseCases, requireAuth: Middleware): Router => {
  const router = new Router({ prefix: '/v1/mfa' });
  const limited: Middleware = async (ctx, next) => {
    const status = await identity.ports.rateLimiter.status('mfa', authOf(ctx).caregiver.id);
    if (status.limited) throw new RateLimitedError(status.retryAfterSeconds);
    await next();
  };

  router.get('/status', requireAuth, (ctx) => {
    const status = identity.mfa.status(authOf(ctx).caregiver);
    ctx.body = {
      ...status,
      mfaEnrolledAt: iso(status.mfaEnrolledAt),
      mfaEnrollmentRequiredBy: iso(status.mfaEnrollmentRequiredBy),
    };
  });

  router.post('/enable', requireAuth, async (ctx) => {
    const started = await identity.mfa.start(authOf(ctx).caregiver, actorOf(ctx));
    ctx.body = { message: 'MFA setup started', ...started };
  });

  router.post('/verify', requireAuth, limited, async (ctx) => {
    const { token } = parseWith(codeBody, ctx.request.body);
    await identity.mfa.confirm(authOf(ctx).caregiver, token, actorOf(ctx));
    ctx.body = { message: 'MFA successfully enabled', mfaEnabled: true };
  });

  router.post('/disable', requireAuth, limited, async (ctx) => {
    const { token } = parseWith(codeBody, ctx.request.body);
    await identity.mfa.disable(authOf(ctx).caregiver, token, actorOf(ctx));
    ctx.body = { message: 'MFA successfully disabled', mfaEnabled: false };
  });

  router.post('/backup-codes', requireAuth, limited, async (ctx) => {
    const { token } = parseWith(codeBody, ctx.request.body);
    const backupCodes = await identity.mfa.regenerateBackupCodes(authOf(ctx).caregiver, token, actorOf(ctx));
    ctx.body = { message: 'Backup codes regenerated', backupCodes };
  });

  return router;
};
