import Router from '@koa/router';
import type { Middleware } from 'koa';
import { z } from 'zod';
import type { EmergencyPhraseUseCases } from '../../../application/emergency-phrases/emergency-phrase-use-cases';
import type { PhraseListInput } from '../../../application/emergency-phrases/list-emergency-phrases';
import {
  BOUNDARIES,
  CATEGORIES,
  isPhraseLanguage,
  PHRASE_LANGUAGES,
  PHRASE_LIMITS,
  PHRASE_SCOPES,
  SEVERITIES,
  type EmergencyPhraseChanges,
  type PhraseLanguage,
} from '../../../domain/emergencies/emergency-phrase';
import { scopeOf } from '../access-scope';
import { emergencyPhraseDto } from '../presenters/emergency-phrase-presenters';
import { actorOf } from '../request-meta';
import { atLeastOneKey } from '../update-fields';
import { objectId, parseWith, pathId, text } from '../validation';

/** A patient language; a regional tag (`es-MX`) counts as its language. */
const phraseLanguage = (name = 'language') =>
  z.string().transform((raw, ctx): PhraseLanguage => {
    const primary = raw.trim().split(/[-_]/)[0]?.toLowerCase() ?? '';
    if (isPhraseLanguage(primary)) return primary;
    ctx.addIssue({ code: 'custom', message: `"${name}" must be one of [${PHRASE_LANGUAGES.join(', ')}]` });
    return z.NEVER;
  });

/** The fields a phrase is created with (API-CONTRACT.md §6.3); an update takes any of them. */
const fields = {
  label: text(1, PHRASE_LIMITS.labelMax),
  // Not trimmed: spaces are part of a regular expression.
  pattern: z.string().min(1).max(PHRASE_LIMITS.patternMax),
  language: phraseLanguage(),
  category: z.enum(CATEGORIES),
  severity: z.enum(SEVERITIES),
  boundary: z.enum(BOUNDARIES).optional(),
  isActive: z.boolean().optional(),
  description: z.string().trim().max(PHRASE_LIMITS.descriptionMax).nullable().optional(),
  tags: z.array(text(1, PHRASE_LIMITS.tagMax)).max(PHRASE_LIMITS.tagsMax).optional(),
  scope: z.enum(PHRASE_SCOPES).optional(),
  org: objectId('org').nullable().optional(),
};

const createBody = z.strictObject(fields);

const updateBody = z.strictObject({
  ...fields,
  label: fields.label.optional(),
  pattern: fields.pattern.optional(),
  language: fields.language.optional(),
  category: fields.category.optional(),
  severity: fields.severity.optional(),
});

const listQuery = z.strictObject({
  language: phraseLanguage().optional(),
  category: z.enum(CATEGORIES).optional(),
  severity: z.enum(SEVERITIES).optional(),
  scope: z.enum(PHRASE_SCOPES).optional(),
  isActive: z
    .enum(['true', 'false'], { error: '"isActive" must be a boolean' })
    .transform((value) => value === 'true')
    .optional(),
  org: objectId('org').optional(),
});

const testBody = z.strictObject({ text: z.string().min(1).max(10_000), language: phraseLanguage() });

type Body = z.output<typeof updateBody>;

/** The body as the core names it (`org` -> `orgId`), without absent keys; an empty description clears it. */
const changesOf = (body: Body): EmergencyPhraseChanges => ({
  ...(body.label === undefined ? {} : { label: body.label }),
  ...(body.pattern === undefined ? {} : { pattern: body.pattern }),
  ...(body.language === undefined ? {} : { language: body.language }),
  ...(body.category === undefined ? {} : { category: body.category }),
  ...(body.severity === undefined ? {} : { severity: body.severity }),
  ...(body.boundary === undefined ? {} : { boundary: body.boundary }),
  ...(body.isActive === undefined ? {} : { isActive: body.isActive }),
  ...(body.tags === undefined ? {} : { tags: body.tags }),
  ...(body.scope === undefined ? {} : { scope: body.scope }),
  ...(body.org === undefined ? {} : { orgId: body.org }),
  ...(body.description === undefined ? {} : { description: body.description === '' ? null : body.description }),
});

/**
 * `/v1/emergency-phrases` (API-CONTRACT.md §6.3): lists are bare arrays of EmergencyPhraseDTOs; `POST /test` runs
 * the detector without raising anything. Mounted behind `authenticated`.
 */
export const emergencyPhraseRoutes = (phrases: EmergencyPhraseUseCases, authenticated: Middleware): Router => {
  const router = new Router({ prefix: '/v1/emergency-phrases' });

  router.get('/', authenticated, async (ctx) => {
    const query = parseWith(listQuery, ctx.query);
    const filters: PhraseListInput = {
      ...(query.language === undefined ? {} : { language: query.language }),
      ...(query.category === undefined ? {} : { category: query.category }),
      ...(query.severity === undefined ? {} : { severity: query.severity }),
      ...(query.scope === undefined ? {} : { scope: query.scope }),
      ...(query.isActive === undefined ? {} : { isActive: query.isActive }),
      ...(query.org === undefined ? {} : { orgId: query.org }),
    };
    const list = await phrases.list.execute(scopeOf(ctx), filters, actorOf(ctx));
    ctx.body = list.map(emergencyPhraseDto);
  });

  router.post('/test', authenticated, async (ctx) => {
    const body = parseWith(testBody, ctx.request.body);
    ctx.body = await phrases.test.execute(scopeOf(ctx), body, actorOf(ctx));
  });

  router.post('/', authenticated, async (ctx) => {
    const body = parseWith(createBody, ctx.request.body);
    const changes = changesOf(body);
    const phrase = await phrases.create.execute(
      scopeOf(ctx),
      {
        ...changes,
        label: body.label,
        pattern: body.pattern,
        language: body.language,
        category: body.category,
        severity: body.severity,
      },
      actorOf(ctx),
    );
    ctx.status = 201;
    ctx.body = emergencyPhraseDto(phrase);
  });

  router.get('/:id', authenticated, async (ctx) => {
    const id = pathId(ctx.params['id'], 'id');
    ctx.body = emergencyPhraseDto(await phrases.get.execute(scopeOf(ctx), id, actorOf(ctx)));
  });

  router.patch('/:id', authenticated, async (ctx) => {
    const id = pathId(ctx.params['id'], 'id');
    const body = parseWith(updateBody, atLeastOneKey(ctx.request.body));
    ctx.body = emergencyPhraseDto(await phrases.update.execute(scopeOf(ctx), id, changesOf(body), actorOf(ctx)));
  });

  router.delete('/:id', authenticated, async (ctx) => {
    const id = pathId(ctx.params['id'], 'id');
    await phrases.delete.execute(scopeOf(ctx), id, actorOf(ctx));
    ctx.status = 204;
  });

  return router;
};
