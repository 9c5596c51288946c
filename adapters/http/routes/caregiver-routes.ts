import Router from '@koa/router';
import type { Middleware } from 'koa';
import { z } from 'zod';
import type { IdentityUseCases } from '../../../application/identity/identity-use-cases';
import { ROLES } from '../../../domain/identity/roles';
import { mapPage } from '../../../domain/shared/page';
import { scopeOf } from '../access-scope';
import { caregiverDto } from '../presenters/identity-presenters';
import { readUploadedFile } from '../multipart';
import { actorOf } from '../request-meta';
import { atLeastOneKey, imageField, optionalPhone } from '../update-fields';
import { email, language, objectId, pagination, parseWith, pathId, text } from '../validation';

const listQuery = z.strictObject({
  ...pagination(['name', 'email', 'role', 'createdAt'] as const, 100, 'createdAt:asc').shape,
  org: objectId('org').optional(),
  name: z.string().max(100).optional(),
  role: z.enum(ROLES).optional(),
});

const updateBody = z.strictObject({
  name: text(1, 100).optional(),
  email: email().optional(),
  phone: optionalPhone().optional(),
  avatar: imageField('avatar').optional(),
  preferredLanguage: language().optional(),
  themePreference: z.enum(['healthcare', 'colorblind']).optional(),
  telemetryOptIn: z.boolean().optional(),
});

/**
 * `/v1/caregivers/*` (API-CONTRACT.md §4.6). `POST /caregivers/:id/avatar` takes a multipart upload (one file
 * field `avatar`), like the patient avatar.
 */
export const caregiverRoutes = (identity: IdentityUseCases, requireAuth: Middleware): Router => {
  const router = new Router({ prefix: '/v1/caregivers' });

  router.get('/', requireAuth, async (ctx) => {
    const query = parseWith(listQuery, ctx.query);
    const page = await identity.caregivers.list(
      scopeOf(ctx),
      {
        page: query.page,
        limit: query.limit,
        sort: query.sortBy,
        ...(query.org === undefined ? {} : { orgId: query.org }),
        ...(query.name === undefined || query.name === '' ? {} : { nameContains: query.name }),
        ...(query.role === undefined ? {} : { role: query.role }),
      },
      actorOf(ctx),
    );
    ctx.body = mapPage(page, caregiverDto);
  });

  router.get('/:id', requireAuth, async (ctx) => {
    const id = pathId(ctx.params['id'], 'id');
    ctx.body = caregiverDto(await identity.caregivers.get(scopeOf(ctx), id, actorOf(ctx)));
  });

  router.patch('/:id', requireAuth, async (ctx) => {
    const id = pathId(ctx.params['id'], 'id');
    const changes = parseWith(updateBody, atLeastOneKey(ctx.request.body));
    ctx.body = caregiverDto(await identity.caregivers.update(scopeOf(ctx), id, changes, actorOf(ctx)));
  });

  router.post('/:id/avatar', requireAuth, async (ctx) => {
    const id = pathId(ctx.params['id'], 'id');
    const bytes = await readUploadedFile(ctx, 'avatar');
    ctx.body = caregiverDto(await identity.caregiverAvatar.execute(scopeOf(ctx), id, bytes, actorOf(ctx)));
  });

  router.delete('/:id', requireAuth, async (ctx) => {
    const id = pathId(ctx.params['id'], 'id');
    await identity.caregivers.delete(scopeOf(ctx), id, actorOf(ctx));
    ctx.status = 204;
  });

  router.get('/:caregiverId/patients', requireAuth, async (ctx) => {
    const caregiverId = pathId(ctx.params['caregiverId'], 'caregiverId');
    ctx.body = await identity.caregivers.patients(scopeOf(ctx), caregiverId, actorOf(ctx));
  });

  router.get('/:caregiverId/patients/:patientId', requireAuth, async (ctx) => {
    const caregiverId = pathId(ctx.params['caregiverId'], 'caregiverId');
    const patientId = pathId(ctx.params['patientId'], 'patientId');
    ctx.body = await identity.caregivers.patient(scopeOf(ctx), caregiverId, patientId, actorOf(ctx));
  });

  return router;
};
