import Router from '@koa/router';
import type { Context, Middleware } from 'koa';
import { z } from 'zod';
import type { IdentityUseCases } from '../../../application/identity/identity-use-cases';
import { mapPage } from '../../../domain/shared/page';
import { ValidationError } from '../../../domain/shared/errors';
import { scopeOf } from '../access-scope';
import { caregiverDto, orgDto } from '../presenters/identity-presenters';
import { actorOf, authOf } from '../request-meta';
import { atLeastOneKey, imageField, optionalPhone } from '../update-fields';
import { email, pagination, parseWith, pathId, phone, text } from '../validation';

/** A name the runtime's time-zone database knows, in its canonical spelling; null otherwise. */
const canonicalTimeZone = (name: string): string | null => {
  if (name === '' || /^[+-]/.test(name)) return null;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
};

const timeZone = () =>
  z.string().transform((raw, ctx) => {
    const canonical = canonicalTimeZone(raw.trim());
    if (canonical !== null) return canonical;
    ctx.addIssue({ code: 'custom', message: '"timezone" must be a valid IANA time zone' });
    return z.NEVER;
  });

const between = (field: string, min: number, max: number) =>
  z
    .number()
    .int()
    .refine((value) => value >= min && value <= max, {
      message: `"callRetrySettings.${field}" must be between ${min} and ${max}`,
    });

const listQuery = z.strictObject({
  ...pagination(['name', 'createdAt'] as const, 10, 'createdAt:asc').shape,
  name: z.string().max(100).optional(),
  // The app's query type allows `role`; it means nothing for organisations.
  role: z.string().max(32).optional(),
});

const updateBody = z.strictObject({
  id: z.string().optional(),
  name: text(1, 100).optional(),
  email: email().optional(),
  phone: optionalPhone().optional(),
  logo: imageField('logo').optional(),
  avatar: imageField('avatar').optional(),
  timezone: timeZone().optional(),
  callRetrySettings: z
    .strictObject({
      retryCount: between('retryCount', 0, 10).optional(),
      retryIntervalMinutes: between('retryIntervalMinutes', 1, 1440).optional(),
      alertOnAllMissedCalls: z.boolean().optional(),
    })
    .optional(),
});

const roleBody = z.strictObject({ role: z.enum(['staff', 'orgAdmin', 'superAdmin']) });

const inviteBody = z.strictObject({
  name: text(1, 100),
  email: email(),
  phone: phone(),
  role: z.enum(['staff', 'orgAdmin', 'superAdmin']).default('staff'),
});

const viewerOf = (ctx: Context) => authOf(ctx).caregiver.role;

/** `/v1/orgs/*` (API-CONTRACT.md §4.5): organisations, their members' roles and invitations. */
export const orgRoutes = (identity: IdentityUseCases, requireAuth: Middleware): Router => {
  const router = new Router({ prefix: '/v1/orgs' });

  router.get('/', requireAuth, async (ctx) => {
    const query = parseWith(listQuery, ctx.query);
    const page = await identity.orgs.list(
      scopeOf(ctx),
      {
        page: query.page,
        limit: query.limit,
        sort: query.sortBy,
        ...(query.name === undefined || query.name === '' ? {} : { nameContains: query.name }),
      },
      actorOf(ctx),
    );
    ctx.body = mapPage(page, (view) => orgDto(view, viewerOf(ctx)));
  });

  router.get('/:orgId', requireAuth, async (ctx) => {
    const orgId = pathId(ctx.params['orgId'], 'orgId');
    ctx.body = orgDto(await identity.orgs.get(scopeOf(ctx), orgId, actorOf(ctx)), viewerOf(ctx));
  });

  router.patch('/:orgId', requireAuth, async (ctx) => {
    const orgId = pathId(ctx.params['orgId'], 'orgId');
    const { id, ...changes } = parseWith(updateBody, atLeastOneKey(ctx.request.body));
    if (id !== undefined && id !== orgId) throw new ValidationError([`"id" must be [${orgId}]`]);
    const dto = orgDto(await identity.orgs.update(scopeOf(ctx), orgId, changes, actorOf(ctx)), viewerOf(ctx));
    // The app's org store reads `org`, its Jest suite reads the top level: both carry the same OrgDTO.
    ctx.body = { ...dto, org: dto };
  });

  router.delete('/:orgId', requireAuth, async (ctx) => {
    const orgId = pathId(ctx.params['orgId'], 'orgId');
    await identity.orgs.delete(scopeOf(ctx), orgId, actorOf(ctx));
    ctx.status = 204;
  });

  router.post('/:orgId/caregiver/:caregiverId', requireAuth, async (ctx) => {
    const orgId = pathId(ctx.params['orgId'], 'orgId');
    const caregiverId = pathId(ctx.params['caregiverId'], 'caregiverId');
    ctx.body = orgDto(await identity.orgMembers.move(scopeOf(ctx), orgId, caregiverId, actorOf(ctx)), viewerOf(ctx));
  });

  router.delete('/:orgId/caregiver/:caregiverId', requireAuth, async (ctx) => {
    const orgId = pathId(ctx.params['orgId'], 'orgId');
    const caregiverId = pathId(ctx.params['caregiverId'], 'caregiverId');
    ctx.body = caregiverDto(await identity.orgMembers.remove(scopeOf(ctx), orgId, caregiverId, actorOf(ctx)));
  });

  router.patch('/:orgId/caregiver/:caregiverId/role', requireAuth, async (ctx) => {
    const orgId = pathId(ctx.params['orgId'], 'orgId');
    const caregiverId = pathId(ctx.params['caregiverId'], 'caregiverId');
    const { role } = parseWith(roleBody, ctx.request.body);
    ctx.body = caregiverDto(await identity.orgMembers.setRole(scopeOf(ctx), orgId, caregiverId, role, actorOf(ctx)));
  });

  router.patch('/:orgId/invite', requireAuth, async (ctx) => {
    const orgId = pathId(ctx.params['orgId'], 'orgId');
    const input = parseWith(inviteBody, ctx.request.body);
    const invited = await identity.invitations.invite(scopeOf(ctx), { orgId, ...input }, actorOf(ctx));
    ctx.body = { caregiver: caregiverDto(invited) };
  });

  router.patch('/:orgId/verify-invite/:token', requireAuth, async (ctx) => {
    const orgId = pathId(ctx.params['orgId'], 'orgId');
    const token = ctx.params['token'] ?? '';
    const { caregiver, expiresAt } = await identity.invitations.check(scopeOf(ctx), orgId, token);
    ctx.body = {
      valid: true,
      orgId: caregiver.orgId,
      name: caregiver.name,
      email: caregiver.email,
      expiresAt: expiresAt.toISOString(),
    };
  });

  return router;
};
