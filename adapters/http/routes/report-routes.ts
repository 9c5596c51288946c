import Router from '@koa/router';
import type { Middleware } from 'koa';
import { z } from 'zod';
import type { PeriodBound } from '../../../application/reports/report-period';
import type { ReportUseCases } from '../../../application/reports/report-use-cases';
import { parseLocalDate } from '../../../domain/schedules/local-date';
import { scopeOf } from '../access-scope';
import { reportDto } from '../presenters/report-presenters';
import { actorOf } from '../request-meta';
import { objectId, parseWith, pathId } from '../validation';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * A period bound: a calendar date (`2026-05-01`, read in the organisation's time zone by the use-case) or an
 * ISO 8601 instant with its offset; anything else is `"<name>" must be a valid ISO 8601 date`.
 */
const periodBound = (name: string) =>
  z.string().transform((raw, ctx): PeriodBound => {
    const value = raw.trim();
    if (DATE_ONLY.test(value) && parseLocalDate(value) !== null) return { date: value };
    const instant = new Date(value);
    if (DATE_TIME.test(value) && !Number.isNaN(instant.getTime())) return { instant };
    ctx.addIssue({ code: 'custom', message: `"${name}" must be a valid ISO 8601 date` });
    return z.NEVER;
  });

const createBody = z.strictObject({
  patientId: objectId('patientId'),
  periodStart: periodBound('periodStart').optional(),
  periodEnd: periodBound('periodEnd').optional(),
});

const listQuery = z.strictObject({ patientId: objectId('patientId').optional() });

/** `/v1/reports` (API-CONTRACT.md §6.3): lists are bare arrays of Reports, newest first. */
export const reportRoutes = (reports: ReportUseCases, authenticated: Middleware): Router => {
  const router = new Router({ prefix: '/v1/reports' });

  router.post('/', authenticated, async (ctx) => {
    const body = parseWith(createBody, ctx.request.body);
    const report = await reports.create.execute(
      scopeOf(ctx),
      {
        patientId: body.patientId,
        ...(body.periodStart === undefined ? {} : { periodStart: body.periodStart }),
        ...(body.periodEnd === undefined ? {} : { periodEnd: body.periodEnd }),
      },
      actorOf(ctx),
    );
    ctx.status = 201;
    ctx.body = reportDto(report);
  });

  router.get('/', authenticated, async (ctx) => {
    const query = parseWith(listQuery, ctx.query);
    const list = await reports.list.execute(
      scopeOf(ctx),
      query.patientId === undefined ? {} : { patientId: query.patientId },
      actorOf(ctx),
    );
    ctx.body = list.map(reportDto);
  });

  router.get('/:id', authenticated, async (ctx) => {
    const id = pathId(ctx.params['id'], 'id');
    ctx.body = reportDto(await reports.get.execute(scopeOf(ctx), id, actorOf(ctx)));
  });

  router.delete('/:id', authenticated, async (ctx) => {
    const id = pathId(ctx.params['id'], 'id');
    await reports.delete.execute(scopeOf(ctx), id, actorOf(ctx));
    ctx.status = 204;
  });

  return router;
};
