import Router from '@koa/router';
import type { Middleware } from 'koa';
import { z } from 'zod';
import type { ParsedScheduleBody } from '../../../application/schedules/schedule-directory';
import type { ScheduleUseCases } from '../../../application/schedules/schedule-use-cases';
import type { Interval } from '../../../domain/schedules/recurrence';
import type { SchedulePatch } from '../../../domain/schedules/schedule';
import type { ScheduleEcho } from '../../../domain/schedules/schedule-policy';
import { scopeOf } from '../access-scope';
import { scheduleDto } from '../presenters/schedule-presenters';
import { actorOf } from '../request-meta';
import { atLeastOneKey } from '../update-fields';
import { parseWith, pathId } from '../validation';

/** More entries than any real schedule needs (31 days of the month, 7 weekdays x a few periods). */
export const MAX_INTERVALS = 100;

const issue = (ctx: z.core.$RefinementCtx, message: string): typeof z.NEVER => {
  ctx.addIssue({ code: 'custom', message });
  return z.NEVER;
};

/** An integer field of an interval entry, worded like the domain's range checks (`"intervals[0].day" ...`). */
const integerAt = (ctx: z.core.$RefinementCtx, path: string, value: unknown, required: boolean): number | undefined => {
  if (value === undefined) {
    if (required) issue(ctx, `"${path}" is required`);
    return undefined;
  }
  if (typeof value !== 'number' || Number.isNaN(value)) {
    issue(ctx, `"${path}" must be a number`);
    return undefined;
  }
  if (!Number.isInteger(value)) {
    issue(ctx, `"${path}" must be an integer`);
    return undefined;
  }
  return value;
};

/**
 * `intervals`: `[{day, weeks?}]` with integers only and no other key. The ranges depend on `frequency` and are the
 * domain's (weekly 0-6 and 1-52, monthly 1-31, daily stored as given); its messages use the same
 * `intervals[<index>].<field>` paths.
 */
const intervalsField = () =>
  z
    .array(z.unknown())
    .max(MAX_INTERVALS)
    .transform((items, ctx): Interval[] => {
      const intervals: Interval[] = [];
      items.forEach((item, index) => {
        const path = `intervals[${index}]`;
        if (item === null || typeof item !== 'object' || Array.isArray(item)) {
          issue(ctx, `"${path}" must be of type object`);
          return;
        }
        const entry = item as Record<string, unknown>;
        const day = integerAt(ctx, `${path}.day`, entry['day'], true);
        const weeks = integerAt(ctx, `${path}.weeks`, entry['weeks'], false);
        for (const key of Object.keys(entry)) {
          if (key !== 'day' && key !== 'weeks') issue(ctx, `"${path}.${key}" is not allowed`);
        }
        if (day !== undefined) intervals.push(weeks === undefined ? { day } : { day, weeks });
      });
      return intervals;
    });

/**
 * An IANA zone in the canonical spelling of the runtime's time-zone database when it knows the name (as patient
 * zones are stored, so an echo compares equal); anything else is left for the domain to refuse with
 * `"timezone" must be a valid IANA time zone`.
 */
const timeZoneField = () =>
  z.string().transform((raw) => {
    const name = raw.trim();
    if (name === '' || /^[+-]/.test(name)) return name;
    try {
      return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
    } catch {
      return name;
    }
  });

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * The read-only keys the schedule form sends back (API-CONTRACT.md §3.6, §4.8), never taken from the client: `id`
 * and `patient` are checked against the schedule by the use-case; `nextCallDate` must look like the date we sent.
 */
const echoFields = {
  id: z.string().max(64).optional(),
  patient: z.string().max(64).optional(),
  nextCallDate: z
    .string()
    .refine((value) => ISO_INSTANT.test(value) && !Number.isNaN(Date.parse(value)), {
      message: '"nextCallDate" must be a valid ISO 8601 date',
    })
    .nullable()
    .optional(),
};

/** The schedule body of §4.8 (create and replace): value rules and their messages are the domain's. */
const scheduleBody = z.strictObject({
  frequency: z.string().max(32),
  intervals: intervalsField().optional(),
  time: z.string().max(32),
  isActive: z.boolean().optional(),
  timezone: timeZoneField().optional(),
  ...echoFields,
});

/** PATCH: any subset of the body's fields (at least one, checked by the domain), plus the same echoes. */
const schedulePatch = z.strictObject({
  frequency: z.string().max(32).optional(),
  intervals: intervalsField().optional(),
  time: z.string().max(32).optional(),
  isActive: z.boolean().optional(),
  timezone: timeZoneField().optional(),
  ...echoFields,
});

const echoOf = (parsed: { id?: string; patient?: string; nextCallDate?: string | null }): ScheduleEcho => ({
  ...(parsed.id === undefined ? {} : { id: parsed.id }),
  ...(parsed.patient === undefined ? {} : { patient: parsed.patient }),
  ...(parsed.nextCallDate === undefined || parsed.nextCallDate === null ? {} : { nextCallDate: parsed.nextCallDate }),
});

/**
 * Parses one schedule body (a route's, or one of the `schedules` of `POST /patients`); throws the 400 listing every
 * problem. Exported for the schedules context, which validates embedded schedules with the same schema.
 */
export const parseScheduleBody = (raw: unknown): ParsedScheduleBody => {
  const { id, patient, nextCallDate, ...fields } = parseWith(scheduleBody, raw);
  return { body: fields, echo: echoOf({ id, patient, nextCallDate }) };
};

const parseSchedulePatch = (raw: unknown): { patch: SchedulePatch; echo: ScheduleEcho } => {
  const { id, patient, nextCallDate, ...fields } = parseWith(schedulePatch, atLeastOneKey(raw));
  return { patch: fields, echo: echoOf({ id, patient, nextCallDate }) };
};

/**
 * `/v1/schedules/*` (API-CONTRACT.md §4.8): create for a patient, read, replace (PUT), change (PATCH) and delete one
 * schedule. Every answer is a ScheduleDTO, except DELETE (204, no body).
 */
export const scheduleRoutes = (schedules: ScheduleUseCases, requireAuth: Middleware): Router => {
  const router = new Router({ prefix: '/v1/schedules' });

  router.post('/patients/:patientId', requireAuth, async (ctx) => {
    const patientId = pathId(ctx.params['patientId'], 'patientId');
    const { body, echo } = parseScheduleBody(ctx.request.body);
    const schedule = await schedules.create.execute(scopeOf(ctx), patientId, body, echo, actorOf(ctx));
    ctx.status = 201;
    ctx.body = scheduleDto(schedule);
  });

  router.get('/:scheduleId', requireAuth, async (ctx) => {
    const scheduleId = pathId(ctx.params['scheduleId'], 'scheduleId');
    ctx.body = scheduleDto(await schedules.get.execute(scopeOf(ctx), scheduleId, actorOf(ctx)));
  });

  router.put('/:scheduleId', requireAuth, async (ctx) => {
    const scheduleId = pathId(ctx.params['scheduleId'], 'scheduleId');
    const { body, echo } = parseScheduleBody(ctx.request.body);
    ctx.body = scheduleDto(await schedules.replace.execute(scopeOf(ctx), scheduleId, body, echo, actorOf(ctx)));
  });

  router.patch('/:scheduleId', requireAuth, async (ctx) => {
    const scheduleId = pathId(ctx.params['scheduleId'], 'scheduleId');
    const { patch, echo } = parseSchedulePatch(ctx.request.body);
    ctx.body = scheduleDto(await schedules.patch.execute(scopeOf(ctx), scheduleId, patch, echo, actorOf(ctx)));
  });

  router.delete('/:scheduleId', requireAuth, async (ctx) => {
    const scheduleId = pathId(ctx.params['scheduleId'], 'scheduleId');
    await schedules.delete.execute(scopeOf(ctx), scheduleId, actorOf(ctx));
    ctx.status = 204;
  });

  return router;
};
