import Router from '@koa/router';
import type { Middleware } from 'koa';
import { z } from 'zod';
import type { AlertUseCases } from '../../../application/alerts/alert-use-cases';
import {
  ALERT_LIMITS,
  ALERT_TYPES,
  ALERT_VISIBILITIES,
  CREATED_MODELS,
  IMPORTANCE_LEVELS,
} from '../../../domain/alerts/alert';
import { scopeOf } from '../access-scope';
import type { RequireAuthOptions } from '../middleware/require-auth';
import { alertDto } from '../presenters/alert-presenters';
import { actorOf } from '../request-meta';
import { atLeastOneKey } from '../update-fields';
import { objectId, parseWith, pathId, text } from '../validation';

/** Builds the authentication middleware; `{ passive: true }` for polls that must not count as activity (§2.6). */
export type RequireAuthFactory = (options?: RequireAuthOptions) => Middleware;

/** An ISO 8601 instant, or `"<name>" must be a valid date`. */
export const isoDate = (name: string) =>
  z.string().transform((raw, ctx) => {
    const at = new Date(raw);
    if (raw.trim() === '' || Number.isNaN(at.getTime())) {
      ctx.addIssue({ code: 'custom', message: `"${name}" must be a valid date` });
      return z.NEVER;
    }
    return at;
  });

/** The fields the API and the test-support router share (API-CONTRACT.md §4.10, §6.4). */
export const alertFields = {
  message: text(1, ALERT_LIMITS.messageMax),
  importance: z.enum(IMPORTANCE_LEVELS),
  alertType: z.enum(ALERT_TYPES),
  visibility: z.enum(ALERT_VISIBILITIES),
  relatedPatient: objectId('relatedPatient'),
  relevanceUntil: isoDate('relevanceUntil'),
};

const createBody = z.strictObject({
  message: alertFields.message,
  importance: alertFields.importance,
  alertType: alertFields.alertType,
  visibility: alertFields.visibility,
  createdModel: z.enum(CREATED_MODELS),
  createdBy: objectId('createdBy'),
  relatedPatient: alertFields.relatedPatient.optional(),
  relatedConversation: objectId('relatedConversation').optional(),
  relevanceUntil: alertFields.relevanceUntil.optional(),
  // Accepted and ignored (§4.10): the server keeps the read state.
  readBy: z.array(z.unknown()).optional(),
});

const updateBody = z.strictObject({
  message: alertFields.message.optional(),
  importance: alertFields.importance.optional(),
  relevanceUntil: alertFields.relevanceUntil.nullable().optional(),
});

const listQuery = z.strictObject({
  showRead: z
    .union([z.boolean(), z.enum(['true', 'false'])], { error: '"showRead" must be a boolean' })
    .transform((value) => value === true || value === 'true')
    .optional(),
  org: objectId('org').optional(),
});

const markAllBody = z.strictObject({ alertIds: z.array(objectId('alertIds')).max(1000) });

const acknowledgeBody = z.strictObject({ note: z.string().trim().max(ALERT_LIMITS.ackNoteMax).optional() });

/**
 * `/v1/alerts/*` (API-CONTRACT.md §4.10, and the acknowledge endpoint of §6.3). Lists are bare arrays of
 * AlertDTOs. `GET /alerts` is a passive poll (§2.6): it authenticates without moving the session's activity.
 */
export const alertRoutes = (alerts: AlertUseCases, requireAuth: RequireAuthFactory): Router => {
  const router = new Router({ prefix: '/v1/alerts' });
  const active = requireAuth();

  router.post('/', active, async (ctx) => {
    const {
      readBy: _ignored,
      relatedPatient,
      relatedConversation,
      relevanceUntil,
      ...fields
    } = parseWith(createBody, ctx.request.body);
    const { alert, created } = await alerts.create.execute(
      scopeOf(ctx),
      {
        ...fields,
        ...(relatedPatient === undefined ? {} : { relatedPatient }),
        ...(relatedConversation === undefined ? {} : { relatedConversation }),
        ...(relevanceUntil === undefined ? {} : { relevanceUntil }),
      },
      actorOf(ctx),
    );
    ctx.status = created ? 201 : 200;
    ctx.body = alertDto(alert);
  });

  router.get('/', requireAuth({ passive: true }), async (ctx) => {
    const query = parseWith(listQuery, ctx.query);
    const list = await alerts.list.execute(
      scopeOf(ctx),
      { showRead: query.showRead ?? false, ...(query.org === undefined ? {} : { orgId: query.org }) },
      actorOf(ctx),
    );
    ctx.body = list.map(alertDto);
  });

  router.post('/markAsRead', active, async (ctx) => {
    parseWith(markAllBody, ctx.request.body);
    ctx.body = (await alerts.markAllRead.execute(scopeOf(ctx), actorOf(ctx))).map(alertDto);
  });

  router.post('/markAsRead/:alertId', active, async (ctx) => {
    const alertId = pathId(ctx.params['alertId'], 'alertId');
    ctx.body = alertDto(await alerts.markRead.execute(scopeOf(ctx), alertId, actorOf(ctx)));
  });

  router.get('/:alertId', active, async (ctx) => {
    const alertId = pathId(ctx.params['alertId'], 'alertId');
    ctx.body = alertDto(await alerts.get.execute(scopeOf(ctx), alertId, actorOf(ctx)));
  });

  router.patch('/:alertId', active, async (ctx) => {
    const alertId = pathId(ctx.params['alertId'], 'alertId');
    const changes = parseWith(updateBody, atLeastOneKey(ctx.request.body));
    const alert = await alerts.update.execute(
      scopeOf(ctx),
      alertId,
      {
        ...(changes.message === undefined ? {} : { message: changes.message }),
        ...(changes.importance === undefined ? {} : { importance: changes.importance }),
        ...(changes.relevanceUntil === undefined ? {} : { relevanceUntil: changes.relevanceUntil }),
      },
      actorOf(ctx),
    );
    ctx.body = alertDto(alert);
  });

  router.delete('/:alertId', active, async (ctx) => {
    const alertId = pathId(ctx.params['alertId'], 'alertId');
    await alerts.delete.execute(scopeOf(ctx), alertId, actorOf(ctx));
    ctx.status = 204;
  });

  router.post('/:alertId/acknowledge', active, async (ctx) => {
    const alertId = pathId(ctx.params['alertId'], 'alertId');
    const body = parseWith(acknowledgeBody, ctx.request.body ?? {});
    const note = body.note === undefined || body.note === '' ? null : body.note;
    ctx.body = alertDto(await alerts.acknowledge.execute(scopeOf(ctx), alertId, note, actorOf(ctx)));
  });

  return router;
};

const testCreateBody = z.object({
  caregiverId: objectId('caregiverId'),
  message: alertFields.message,
  importance: alertFields.importance.optional(),
  alertType: alertFields.alertType.optional(),
  relatedPatient: alertFields.relatedPatient.optional(),
  visibility: alertFields.visibility.optional(),
  relevanceUntil: alertFields.relevanceUntil.optional(),
});

/**
 * `POST /v1/test/create-alert` (API-CONTRACT.md §6.4): no token; a custom alert written as the named caregiver.
 * Defaults: importance `medium`, type `patient` with a patient and `system` without, visibility `allCaregivers`.
 * Mount it only with the test-support router.
 */
export const alertTestSupportRoutes = (alerts: AlertUseCases): Router => {
  const router = new Router({ prefix: '/v1/test' });

  router.post('/create-alert', async (ctx) => {
    const body = parseWith(testCreateBody, ctx.request.body);
    const { alert } = await alerts.create.asCaregiver(
      body.caregiverId,
      {
        message: body.message,
        importance: body.importance ?? 'medium',
        alertType: body.alertType ?? (body.relatedPatient === undefined ? 'system' : 'patient'),
        visibility: body.visibility ?? 'allCaregivers',
        ...(body.relatedPatient === undefined ? {} : { relatedPatient: body.relatedPatient }),
        ...(body.relevanceUntil === undefined ? {} : { relevanceUntil: body.relevanceUntil }),
      },
      { kind: 'system', requestId: (ctx.state['requestId'] as string | undefined) ?? 'test-support' },
    );
    ctx.status = 201;
    ctx.body = alertDto(alert);
  });

  return router;
};
