import Router from '@koa/router';
import type { Middleware } from 'koa';
import type { IdentityUseCases } from '../../../application/identity/identity-use-cases';
import { scopeOf } from '../access-scope';
import { caregiverDto } from '../presenters/identity-presenters';
import { actorOf } from '../request-meta';
import { pathId } from '../validation';

/**
 * Account and session administration on a caregiver (API-CONTRACT.md §6.3): unlock, MFA reset, MFA grace
 * extension, session revocation. No request body is read. Refusals: 404 `Caregiver not found` for another
 * organisation's caregiver, 403 otherwise (audited).
 */
export const accountAdminRoutes = (identity: IdentityUseCases, requireAuth: Middleware): Router => {
  const router = new Router({ prefix: '/v1' });

  router.post('/caregivers/:id/unlock', requireAuth, async (ctx) => {
    const id = pathId(ctx.params['id'], 'id');
    ctx.body = caregiverDto(await identity.accountAdmin.unlock(scopeOf(ctx), id, actorOf(ctx)));
  });

  router.post('/caregivers/:id/mfa/reset', requireAuth, async (ctx) => {
    const id = pathId(ctx.params['id'], 'id');
    ctx.body = caregiverDto(await identity.accountAdmin.resetMfa(scopeOf(ctx), id, actorOf(ctx)));
  });

  router.post('/caregivers/:id/mfa/extend-grace', requireAuth, async (ctx) => {
    const id = pathId(ctx.params['id'], 'id');
    const endsAt = await identity.accountAdmin.extendMfaGrace(scopeOf(ctx), id, actorOf(ctx));
    ctx.body = { mfaEnrollmentRequiredBy: endsAt.toISOString() };
  });

  router.post('/caregivers/:id/sessions/revoke', requireAuth, async (ctx) => {
    const id = pathId(ctx.params['id'], 'id');
    await identity.accountAdmin.revokeSessions(scopeOf(ctx), id, actorOf(ctx));
    ctx.status = 204;
  });

  return router;
};
