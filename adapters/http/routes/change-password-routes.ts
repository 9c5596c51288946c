import Router from '@koa/router';
import type { Middleware } from 'koa';
import { z } from 'zod';
import type { IdentityUseCases } from '../../../application/identity/identity-use-cases';
import { actorOf, authOf } from '../request-meta';
import { parseWith } from '../validation';

// Lengths are bounded only against abuse: the password policy (run by the use-case) has the real rules.
const changePasswordBody = z.strictObject({
  currentPassword: z.string().min(1).max(1024),
  newPassword: z.string().max(1024),
});

/**
 * `POST /v1/auth/change-password` (API-CONTRACT.md §6.3): authenticated, unlike the rest of `/v1/auth`, so it has
 * its own router. 204; the caller's other sessions end, the calling one stays.
 */
export const changePasswordRoutes = (identity: IdentityUseCases, requireAuth: Middleware): Router => {
  const router = new Router({ prefix: '/v1/auth' });

  router.post('/change-password', requireAuth, async (ctx) => {
    const input = parseWith(changePasswordBody, ctx.request.body);
    await identity.changePassword.execute(authOf(ctx).caregiver, input, actorOf(ctx));
    ctx.status = 204;
  });

  return router;
};
