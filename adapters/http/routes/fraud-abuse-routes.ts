import Router from '@koa/router';
import { z } from 'zod';
import type { AnalysisUseCases } from '../../../application/analysis/analysis-use-cases';
import type { Translator } from '../../../application/ports/translator';
import { fraudAnalysisDto, fraudReadingDto } from '../presenters/analysis-fraud-presenters';
import { scopeOf } from '../access-scope';
import { actorOf } from '../request-meta';
import { parseWith, pathId } from '../validation';
import { resultsQuery } from './medical-analysis-routes';
import { analysisLocale, type RequireAuthFactory } from './sentiment-routes';

const ISO_8601 = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** An ISO 8601 date or date-time, or `"<name>" must be a valid ISO 8601 date` (RESOLUTIONS.md 23). */
const isoDate = (name: string) =>
  z.string().transform((raw, ctx) => {
    const at = new Date(raw.trim());
    if (!ISO_8601.test(raw.trim()) || Number.isNaN(at.getTime())) {
      ctx.addIssue({ code: 'custom', message: `"${name}" must be a valid ISO 8601 date` });
      return z.NEVER;
    }
    return at;
  });

const analysisQuery = z.strictObject({
  timeRange: z.enum(['month', 'quarter', 'year', 'custom']).default('month'),
  startDate: isoDate('startDate').optional(),
  endDate: isoDate('endDate').optional(),
  includeBaseline: z
    .enum(['true', 'false'], { error: '"includeBaseline" must be a boolean' })
    .transform((value) => value === 'true')
    .optional(),
});

/**
 * `/v1/fraud-abuse-analysis/*` (API-CONTRACT.md §4.14). The fixed `results` and `trigger-patient` segments are
 * declared before `/:patientId`. A read reuses an analysis of the last 24 hours; an invalid custom window is
 * `400 Custom time range requires startDate and endDate` (or its order / one-year message).
 */
export const fraudAbuseRoutes = (
  analysis: AnalysisUseCases,
  requireAuth: RequireAuthFactory,
  translator: Translator,
): Router => {
  const router = new Router({ prefix: '/v1/fraud-abuse-analysis' });
  const authenticated = requireAuth();

  router.get('/results/:patientId', authenticated, async (ctx) => {
    const patientId = pathId(ctx.params['patientId'], 'patientId');
    const { limit } = parseWith(resultsQuery, ctx.query);
    const results = await analysis.results.fraudAbuse(scopeOf(ctx), patientId, limit, actorOf(ctx));
    const locale = analysisLocale(ctx, translator);
    ctx.body = { success: true, results: results.map((r) => fraudAnalysisDto(r, locale)), count: results.length };
  });

  router.post('/trigger-patient/:patientId', authenticated, async (ctx) => {
    const patientId = pathId(ctx.params['patientId'], 'patientId');
    const result = await analysis.fraudAbuse.trigger(scopeOf(ctx), patientId, actorOf(ctx));
    ctx.body = {
      success: true,
      message: 'Analysis completed',
      result: fraudAnalysisDto(result, analysisLocale(ctx, translator)),
    };
  });

  router.get('/:patientId', authenticated, async (ctx) => {
    const patientId = pathId(ctx.params['patientId'], 'patientId');
    const query = parseWith(analysisQuery, ctx.query);
    const reading = await analysis.fraudAbuse.get(
      scopeOf(ctx),
      {
        patientId,
        timeRange: query.timeRange,
        ...(query.startDate === undefined ? {} : { startDate: query.startDate }),
        ...(query.endDate === undefined ? {} : { endDate: query.endDate }),
        includeBaseline: query.includeBaseline ?? false,
      },
      actorOf(ctx),
    );
    ctx.body = fraudReadingDto(reading, analysisLocale(ctx, translator));
  });

  return router;
};
