import Router from '@koa/router';
import type { Context, Middleware } from 'koa';
import { z } from 'zod';
import type { CallUseCases } from '../../../application/calls/call-use-cases';
import { CALL_LIMITS, REPORTED_OUTCOMES, REPORTED_STATUSES } from '../../../domain/calls/call';
import { scopeOf } from '../access-scope';
import type { RequireAuthOptions } from '../middleware/require-auth';
import {
  activeCallDto,
  callStatusDto,
  callSummaryDto,
  endedCallBody,
  initiatedCallDto,
} from '../presenters/call-presenters';
import { actorOf, authOf } from '../request-meta';
import { objectId, parseWith, pathId } from '../validation';

/** Builds the authentication middleware; `{ passive: true }` for polls that must not count as activity (§2.6). */
export type RequireAuthFactory = (options?: RequireAuthOptions) => Middleware;

const notes = (name: string) =>
  z
    .string({ error: `"${name}" must be a string` })
    .trim()
    .max(CALL_LIMITS.notesMax, {
      error: `"${name}" length must be less than or equal to ${CALL_LIMITS.notesMax} characters long`,
    });

const initiateBody = z.strictObject({
  patientId: objectId('patientId'),
  callNotes: notes('callNotes').optional(),
});

const endBody = z.strictObject({
  outcome: z.enum(REPORTED_OUTCOMES),
  notes: notes('notes').optional(),
});

const reportBody = z.strictObject({
  status: z.enum(REPORTED_STATUSES),
  outcome: z.enum(REPORTED_OUTCOMES).optional(),
  notes: notes('notes').optional(),
});

const viewerOf = (ctx: Context) => authOf(ctx).caregiver.role;

/**
 * `/v1/calls/*` (API-CONTRACT.md §4.11, the app's "call workflow" module). The polls (`GET /:id/status`,
 * `GET /:id/conversation`) and the active list authenticate passively: the status use-case moves the session's
 * activity only while the call is running (§2.6, §7 item 3); `GET /active` never does. `:id` is the reserved
 * conversation id or the call id.
 */
export const callRoutes = (calls: CallUseCases, requireAuth: RequireAuthFactory): Router => {
  const router = new Router({ prefix: '/v1/calls' });
  const authenticated = requireAuth();
  const passive = requireAuth({ passive: true });

  router.post('/initiate', authenticated, async (ctx) => {
    const body = parseWith(initiateBody, ctx.request.body);
    const initiated = await calls.initiate.execute(scopeOf(ctx), body, actorOf(ctx));
    ctx.status = 201;
    ctx.body = initiatedCallDto(initiated);
  });

  // Before `/:id/...`, so `active` is never read as an id.
  router.get('/active', passive, async (ctx) => {
    const views = await calls.active.execute(scopeOf(ctx), actorOf(ctx));
    ctx.body = { data: views.map(activeCallDto), count: views.length };
  });

  router.get('/:id/status', passive, async (ctx) => {
    const id = pathId(ctx.params['id'], 'id');
    ctx.body = { data: callStatusDto(await calls.status.execute(scopeOf(ctx), id, actorOf(ctx))) };
  });

  router.get('/:id/conversation', passive, async (ctx) => {
    const id = pathId(ctx.params['id'], 'id');
    ctx.body = { data: callSummaryDto(await calls.status.execute(scopeOf(ctx), id, actorOf(ctx))) };
  });

  router.post('/:id/status', authenticated, async (ctx) => {
    const id = pathId(ctx.params['id'], 'id');
    const body = parseWith(reportBody, ctx.request.body);
    const view = await calls.report.execute(scopeOf(ctx), id, body, actorOf(ctx));
    ctx.body = endedCallBody(view, viewerOf(ctx));
  });

  router.post('/:id/end', authenticated, async (ctx) => {
    const id = pathId(ctx.params['id'], 'id');
    const body = parseWith(endBody, ctx.request.body);
    const view = await calls.end.execute(scopeOf(ctx), id, { status: 'ended', ...body }, actorOf(ctx));
    ctx.body = endedCallBody(view, viewerOf(ctx));
  });

  return router;
};
