import Router from '@koa/router';
import type { Middleware } from 'koa';
import { z } from 'zod';
import type { IdentityUseCases } from '../../../application/identity/identity-use-cases';
import { caregiverDto } from '../presenters/identity-presenters';
import { actorOf, authOf } from '../request-meta';
import { parseWith } from '../validation';

const linkBody = z.strictObject({
  provider: z.enum(['google', 'microsoft']),
  idToken: z.string().trim().min(1).max(8192),
});

/**
 * `POST /v1/sso/link` (API-CONTRACT.md §6.3): links a provider identity to the signed-in account. 200 CaregiverDTO;
 * 409 when the identity belongs to another account, 403 when the token is rejected, 501 when SSO is not configured.
 * Authenticated, so the per-user `api-user` limit applies rather than the public `sso-ip` one.
 */
export const ssoLinkRoutes = (identity: IdentityUseCases, requireAuth: Middleware): Router => {
  const router = new Router({ prefix: '/v1/sso' });

  router.post('/link', requireAuth, async (ctx) => {
    const { provider, idToken } = parseWith(linkBody, ctx.request.body);
    ctx.body = caregiverDto(await identity.linkSso.execute(authOf(ctx).caregiver, provider, idToken, actorOf(ctx)));
  });

  return router;
};
