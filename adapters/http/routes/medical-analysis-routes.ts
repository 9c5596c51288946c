import Router from '@koa/router';
import { z } from 'zod';
import type { AnalysisUseCases } from '../../../application/analysis/analysis-use-cases';
import type { Translator } from '../../../application/ports/translator';
import { MANUAL_BASELINE_METRICS } from '../../../domain/analysis/medical-baseline';
import { scopeOf } from '../access-scope';
import {
  analysisStatusDto,
  baselineDto,
  medicalAnalysisDto,
  medicalSummaryDto,
  medicalTrendDto,
  triggerAllDto,
} from '../presenters/analysis-medical-presenters';
import { actorOf } from '../request-meta';
import { objectId, parseWith, pathId } from '../validation';
import { analysisLocale, type RequireAuthFactory } from './sentiment-routes';

/** `limit` of the results lists: 1-50, default 10 (API-CONTRACT.md §4.13, §4.14). */
export const resultsQuery = z.strictObject({
  limit: z.coerce.number({ error: '"limit" must be a number' }).int().min(1).max(50).default(10),
});

const trendQuery = z.strictObject({ timeRange: z.enum(['month', 'quarter', 'year']).default('month') });
const triggerAllQuery = z.strictObject({ org: objectId('org').optional() });
const score = z.number().min(0).max(100);
const baselineBody = z.strictObject({
  metrics: z
    .strictObject(Object.fromEntries(MANUAL_BASELINE_METRICS.map((metric) => [metric, score.optional()])))
    .nullable(),
});

/**
 * `/v1/medical-analysis/*` (API-CONTRACT.md §4.13, baselines §6.3). Fixed segments (`results`, `trend`,
 * `summary`, `status`, `baseline`, ...) always come first: no path starts with a parameter (§6.5).
 */
export const medicalAnalysisRoutes = (
  analysis: AnalysisUseCases,
  requireAuth: RequireAuthFactory,
  translator: Translator,
): Router => {
  const router = new Router({ prefix: '/v1/medical-analysis' });
  const authenticated = requireAuth();

  router.get('/results/:patientId', authenticated, async (ctx) => {
    const patientId = pathId(ctx.params['patientId'], 'patientId');
    const { limit } = parseWith(resultsQuery, ctx.query);
    const results = await analysis.results.medical(scopeOf(ctx), patientId, limit, actorOf(ctx));
    const locale = analysisLocale(ctx, translator);
    ctx.body = { success: true, results: results.map((r) => medicalAnalysisDto(r, locale)), count: results.length };
  });

  router.get('/trend/:patientId', authenticated, async (ctx) => {
    const patientId = pathId(ctx.params['patientId'], 'patientId');
    const { timeRange } = parseWith(trendQuery, ctx.query);
    const trend = await analysis.medicalTrend.trend(scopeOf(ctx), patientId, timeRange, actorOf(ctx));
    ctx.body = { success: true, trend: medicalTrendDto(trend, analysisLocale(ctx, translator)) };
  });

  router.get('/summary/:patientId', authenticated, async (ctx) => {
    const patientId = pathId(ctx.params['patientId'], 'patientId');
    const summary = await analysis.medicalTrend.summary(scopeOf(ctx), patientId, actorOf(ctx));
    ctx.body = { success: true, summary: medicalSummaryDto(summary, analysisLocale(ctx, translator)) };
  });

  router.post('/trigger-patient/:patientId', authenticated, async (ctx) => {
    const patientId = pathId(ctx.params['patientId'], 'patientId');
    const result = await analysis.triggerMedical.execute(scopeOf(ctx), patientId, actorOf(ctx));
    ctx.body = {
      success: true,
      message: 'Analysis completed',
      result: medicalAnalysisDto(result, analysisLocale(ctx, translator)),
    };
  });

  router.post('/trigger-all', authenticated, async (ctx) => {
    const { org } = parseWith(triggerAllQuery, ctx.query);
    ctx.body = triggerAllDto(await analysis.triggerAllMedical.execute(scopeOf(ctx), org, actorOf(ctx)));
  });

  router.get('/status', authenticated, async (ctx) => {
    ctx.body = analysisStatusDto(await analysis.triggerAllMedical.status(scopeOf(ctx), actorOf(ctx)));
  });

  router.get('/baseline/:patientId', authenticated, async (ctx) => {
    const patientId = pathId(ctx.params['patientId'], 'patientId');
    ctx.body = {
      success: true,
      baseline: baselineDto(await analysis.baselines.get(scopeOf(ctx), patientId, actorOf(ctx))),
    };
  });

  router.put('/baseline/:patientId', authenticated, async (ctx) => {
    const patientId = pathId(ctx.params['patientId'], 'patientId');
    const { metrics } = parseWith(baselineBody, ctx.request.body);
    const saved = await analysis.baselines.setManual(scopeOf(ctx), patientId, metrics, actorOf(ctx));
    ctx.body = { success: true, baseline: baselineDto(saved) };
  });

  return router;
};
