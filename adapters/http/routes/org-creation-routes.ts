import Router from '@koa/router';
import type { Context, Middleware } from 'koa';
import { z } from 'zod';
import type { IdentityUseCases } from '../../../application/identity/identity-use-cases';
import { scopeOf } from '../access-scope';
import { orgDto } from '../presenters/identity-presenters';
import { actorOf, authOf } from '../request-meta';
import { optionalPhone } from '../update-fields';
import { email, parseWith, phone, text } from '../validation';

/** An IANA zone the runtime knows, in its canonical spelling (as `PATCH /orgs/:id` accepts it). */
const timeZone = () =>
  z.string().transform((raw, ctx) => {
    const name = raw.trim();
    if (name !== '' && !/^[+-]/.test(name)) {
      try {
        return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
      } catch {
        // reported below
      }
    }
    ctx.addIssue({ code: 'custom', message: '"timezone" must be a valid IANA time zone' });
    return z.NEVER;
  });

const createBody = z.strictObject({
  name: text(1, 100),
  email: email(),
  phone: optionalPhone().optional(),
  timezone: timeZone().optional(),
  admin: z.strictObject({
    name: text(1, 100),
    email: email('admin.email'),
    phone: phone('admin.phone'),
  }),
});

const viewerOf = (ctx: Context) => authOf(ctx).caregiver.role;

/**
 * `POST /v1/orgs` (API-CONTRACT.md §6.3, superAdmin): creates an organisation and invites its first orgAdmin.
 * 201 OrgDTO; 409 `Email already taken` (an organisation uses the address) or `Caregiver already exists` (an
 * account uses the admin's address). The rest of `/v1/orgs` lives in `org-routes.ts`.
 */
export const orgCreationRoutes = (identity: IdentityUseCases, requireAuth: Middleware): Router => {
  const router = new Router({ prefix: '/v1/orgs' });

  router.post('/', requireAuth, async (ctx) => {
    const { phone: orgPhone, timezone, ...input } = parseWith(createBody, ctx.request.body);
    const created = await identity.createOrg.execute(
      scopeOf(ctx),
      { ...input, phone: orgPhone ?? null, ...(timezone === undefined ? {} : { timezone }) },
      actorOf(ctx),
    );
    ctx.status = 201;
    ctx.body = orgDto(created, viewerOf(ctx));
  });

  return router;
};
