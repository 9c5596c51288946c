import Router from '@koa/router';
import type { Middleware } from 'koa';
import { z } from 'zod';
import type { PrivacyRequestAction } from '../../../application/privacy/handle-privacy-request';
import type { PrivacyUseCases } from '../../../application/privacy/privacy-use-cases';
import { CONSENT_LIMITS, CONSENT_METHODS, CONSENT_TYPES } from '../../../domain/privacy/consent';
import {
  PRIVACY_LIMITS,
  PRIVACY_REQUEST_STATUSES,
  PRIVACY_REQUEST_TYPES,
  type ExternalRequestor,
} from '../../../domain/privacy/privacy-request';
import { PRIVACY_SUBJECT_TYPES } from '../../../domain/privacy/privacy-subject';
import { scopeOf } from '../access-scope';
import { consentDto, privacyRequestDto } from '../presenters/privacy-presenters';
import { actorOf } from '../request-meta';
import { email, objectId, parseWith, pathId, phone, text } from '../validation';

/** A `true`/`false` query flag (or a JSON boolean), Joi-worded when it is neither. */
const flag = (name: string) =>
  z.unknown().transform((value, ctx) => {
    if (value === true || value === 'true') return true;
    if (value === false || value === 'false') return false;
    ctx.addIssue({ code: 'custom', message: `"${name}" must be a boolean` });
    return z.NEVER;
  });

const optionalText = (max: number) => z.string().trim().max(max).optional();

const externalRequestorBody = z.strictObject({
  name: text(1, 100),
  email: email('externalRequestor.email').optional(),
  phone: phone('externalRequestor.phone').optional(),
  relationship: optionalText(100),
  identityVerified: z.boolean().optional(),
  identityVerificationMethod: optionalText(200),
});

const createRequestBody = z.strictObject({
  requestType: z.enum(PRIVACY_REQUEST_TYPES),
  subjectType: z.enum(PRIVACY_SUBJECT_TYPES),
  subjectId: objectId('subjectId'),
  informationRequested: optionalText(PRIVACY_LIMITS.informationRequestedMax),
  correctionDetails: z
    .strictObject({
      field: z.string(),
      requestedValue: z.string().max(PRIVACY_LIMITS.reasonMax),
      reason: optionalText(PRIVACY_LIMITS.reasonMax),
    })
    .optional(),
  externalRequestor: externalRequestorBody.optional(),
});

const listRequestsQuery = z.strictObject({
  status: z.enum(PRIVACY_REQUEST_STATUSES).optional(),
  requestType: z.enum(PRIVACY_REQUEST_TYPES).optional(),
  approaching: flag('approaching').optional(),
  overdue: flag('overdue').optional(),
});

const ACTIONS = ['start', 'deny', 'extend', 'note', 'appeal-decision'] as const;
const actionOnly = z.object({ action: z.enum(ACTIONS) });
const reason = text(1, PRIVACY_LIMITS.reasonMax);
const actionBodies = {
  start: z.strictObject({ action: z.literal('start') }),
  deny: z.strictObject({ action: z.literal('deny'), reason }),
  extend: z.strictObject({ action: z.literal('extend'), reason }),
  note: z.strictObject({ action: z.literal('note'), note: text(1, PRIVACY_LIMITS.noteMax) }),
  'appeal-decision': z.strictObject({ action: z.literal('appeal-decision'), approve: z.boolean() }),
} as const;

/** One action per PATCH: the action is read first, so an unknown one is named before its fields. */
const parseAction = (body: unknown): PrivacyRequestAction => {
  const { action } = parseWith(actionOnly, body);
  return parseWith(actionBodies[action], body);
};

const reasonBody = z.strictObject({ reason: optionalText(PRIVACY_LIMITS.reasonMax) });

const consentBody = z.strictObject({
  subjectType: z.enum(PRIVACY_SUBJECT_TYPES),
  subjectId: objectId('subjectId'),
  consentType: z.enum(CONSENT_TYPES),
  purpose: text(1, CONSENT_LIMITS.purposeMax),
  method: z.enum(CONSENT_METHODS).optional(),
  providedVia: optionalText(CONSENT_LIMITS.providedViaMax),
});

const consentListQuery = z.strictObject({
  subjectType: z.enum(PRIVACY_SUBJECT_TYPES),
  subjectId: objectId('subjectId'),
  includeWithdrawn: flag('includeWithdrawn').optional(),
});

const externalRequestorOf = (body: z.output<typeof externalRequestorBody>): ExternalRequestor => ({
  name: body.name,
  email: body.email ?? null,
  phone: body.phone ?? null,
  relationship: body.relationship === undefined || body.relationship === '' ? null : body.relationship,
  identityVerified: body.identityVerified ?? false,
  identityVerificationMethod:
    body.identityVerificationMethod === undefined || body.identityVerificationMethod === ''
      ? null
      : body.identityVerificationMethod,
});

const reasonOf = (body: unknown): string | null => {
  const parsed = parseWith(reasonBody, body ?? {});
  return parsed.reason === undefined || parsed.reason === '' ? null : parsed.reason;
};

/**
 * `/v1/privacy/*` (API-CONTRACT.md §6.3 "Privacy requests and consent (D26)"). Lists are bare arrays. The export
 * is a JSON attachment, never cached.
 */
export const privacyRoutes = (privacy: PrivacyUseCases, authenticated: Middleware): Router => {
  const router = new Router({ prefix: '/v1/privacy' });

  router.post('/requests', authenticated, async (ctx) => {
    const body = parseWith(createRequestBody, ctx.request.body);
    const request = await privacy.createRequest.execute(
      scopeOf(ctx),
      {
        requestType: body.requestType,
        subjectType: body.subjectType,
        subjectId: body.subjectId,
        ...(body.informationRequested === undefined ? {} : { informationRequested: body.informationRequested }),
        ...(body.correctionDetails === undefined
          ? {}
          : {
              correctionDetails: {
                field: body.correctionDetails.field,
                requestedValue: body.correctionDetails.requestedValue,
                ...(body.correctionDetails.reason === undefined ? {} : { reason: body.correctionDetails.reason }),
              },
            }),
        ...(body.externalRequestor === undefined
          ? {}
          : { externalRequestor: externalRequestorOf(body.externalRequestor) }),
      },
      actorOf(ctx),
    );
    ctx.status = 201;
    ctx.body = privacyRequestDto(request);
  });

  router.get('/requests', authenticated, async (ctx) => {
    const query = parseWith(listRequestsQuery, ctx.query);
    const list = await privacy.listRequests.execute(
      scopeOf(ctx),
      {
        ...(query.status === undefined ? {} : { status: query.status }),
        ...(query.requestType === undefined ? {} : { requestType: query.requestType }),
        ...(query.approaching === undefined ? {} : { approaching: query.approaching }),
        ...(query.overdue === undefined ? {} : { overdue: query.overdue }),
      },
      actorOf(ctx),
    );
    ctx.body = list.map(privacyRequestDto);
  });

  router.get('/requests/:id', authenticated, async (ctx) => {
    const id = pathId(ctx.params['id'], 'id');
    ctx.body = privacyRequestDto(await privacy.getRequest.execute(scopeOf(ctx), id, actorOf(ctx)));
  });

  router.patch('/requests/:id', authenticated, async (ctx) => {
    const id = pathId(ctx.params['id'], 'id');
    const action = parseAction(ctx.request.body ?? {});
    ctx.body = privacyRequestDto(await privacy.updateRequest.execute(scopeOf(ctx), id, action, actorOf(ctx)));
  });

  router.post('/requests/:id/appeal', authenticated, async (ctx) => {
    const id = pathId(ctx.params['id'], 'id');
    const reason = reasonOf(ctx.request.body);
    ctx.body = privacyRequestDto(await privacy.appealRequest.execute(scopeOf(ctx), id, reason, actorOf(ctx)));
  });

  router.post('/requests/:id/complete', authenticated, async (ctx) => {
    const id = pathId(ctx.params['id'], 'id');
    ctx.body = privacyRequestDto(await privacy.completeRequest.execute(scopeOf(ctx), id, actorOf(ctx)));
  });

  router.get('/requests/:id/export', authenticated, async (ctx) => {
    const id = pathId(ctx.params['id'], 'id');
    const file = await privacy.downloadExport.execute(scopeOf(ctx), id, actorOf(ctx));
    ctx.set('Content-Disposition', `attachment; filename="${file.filename}"`);
    ctx.set('Cache-Control', 'no-store');
    ctx.type = 'application/json; charset=utf-8';
    ctx.body = file.content;
  });

  router.post('/consents', authenticated, async (ctx) => {
    const body = parseWith(consentBody, ctx.request.body);
    const consent = await privacy.recordConsent.execute(
      scopeOf(ctx),
      {
        subjectType: body.subjectType,
        subjectId: body.subjectId,
        consentType: body.consentType,
        purpose: body.purpose,
        ...(body.method === undefined ? {} : { method: body.method }),
        ...(body.providedVia === undefined || body.providedVia === '' ? {} : { providedVia: body.providedVia }),
      },
      actorOf(ctx),
    );
    ctx.status = 201;
    ctx.body = consentDto(consent);
  });

  router.get('/consents', authenticated, async (ctx) => {
    const query = parseWith(consentListQuery, ctx.query);
    const list = await privacy.listConsents.execute(
      scopeOf(ctx),
      { subjectType: query.subjectType, subjectId: query.subjectId, includeWithdrawn: query.includeWithdrawn ?? false },
      actorOf(ctx),
    );
    ctx.body = list.map(consentDto);
  });

  router.post('/consents/:id/withdraw', authenticated, async (ctx) => {
    const id = pathId(ctx.params['id'], 'id');
    const reason = reasonOf(ctx.request.body);
    ctx.body = consentDto(await privacy.withdrawConsent.execute(scopeOf(ctx), id, reason, actorOf(ctx)));
  });

  return router;
};
