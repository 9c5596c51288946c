import Router from '@koa/router';
import { z } from 'zod';
import type { ComplianceUseCases } from '../../../application/compliance/compliance-use-cases';
import { mapPage } from '../../../domain/shared/page';
import { scopeOf } from '../access-scope';
import { auditEntryDto, breachDto } from '../presenters/compliance-presenters';
import { actorOf } from '../request-meta';
import { atLeastOneKey } from '../update-fields';
import { objectId, parseWith, pathId, text } from '../validation';
import { isoDate, type RequireAuthFactory } from './alert-routes';

const page = z.coerce.number({ error: '"page" must be a number' }).int().min(1).default(1);
const limit = z.coerce.number({ error: '"limit" must be a number' }).int().min(1).max(100).default(20);
const flag = (name: string) =>
  z.enum(['true', 'false'], { error: `"${name}" must be a boolean` }).transform((value) => value === 'true');
const code = (name: string) =>
  z
    .string()
    .regex(/^[A-Za-z_.:-]{1,64}$/, { error: `"${name}" must be a code` })
    .max(64);

const entriesQuery = z.strictObject({
  resource: code('resource').optional(),
  resourceId: z.string().trim().min(1).max(64).optional(),
  caregiverId: objectId('caregiverId').optional(),
  patientId: objectId('patientId').optional(),
  action: code('action').optional(),
  outcome: z
    .string()
    .transform((value) => value.toLowerCase())
    .pipe(z.enum(['success', 'failure', 'denied'], { error: '"outcome" must be one of [success, failure, denied]' }))
    .optional(),
  requiresReview: flag('requiresReview').optional(),
  from: isoDate('from').optional(),
  to: isoDate('to').optional(),
  page,
  limit,
});

const reportQuery = z.strictObject({ from: isoDate('from'), to: isoDate('to') });

const verifyBody = z.strictObject({
  fromSeq: z.number({ error: '"fromSeq" must be a number' }).int().min(1).optional(),
  toSeq: z.number({ error: '"toSeq" must be a number' }).int().min(1).optional(),
});

const STATUSES = ['INVESTIGATING', 'CONFIRMED', 'FALSE_POSITIVE', 'MITIGATED', 'RESOLVED'] as const;
const SEVERITIES = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;
const TYPES = [
  'excessive_failed_logins',
  'unusual_data_access_volume',
  'data_exfiltration_attempt',
  'off_hours_access',
  'brute_force_attempt',
  'audit_integrity_failure',
  'unauthorized_export_attempt',
  'privilege_escalation_attempt',
  'other',
] as const;

const breachQuery = z.strictObject({
  status: z.enum(STATUSES).optional(),
  type: z.enum(TYPES).optional(),
  severity: z.enum(SEVERITIES).optional(),
  page,
  limit,
});

const breachPatch = z.strictObject({
  status: z.enum(STATUSES).optional(),
  mitigationStep: z.strictObject({ action: text(1, 500), result: text(1, 1000) }).optional(),
  rootCause: text(1, 2000).optional(),
  resolutionNotes: text(1, 4000).optional(),
  individualsNotifiedAt: isoDate('individualsNotifiedAt').optional(),
  hhsNotifiedAt: isoDate('hhsNotifiedAt').optional(),
});

const defined = <T extends object>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>;
  };

/** `/v1/audit/*` and `/v1/breaches/*` (API-CONTRACT.md §6.3 "Audit (D12) and breaches (D13)"). */
export const complianceRoutes = (compliance: ComplianceUseCases, requireAuth: RequireAuthFactory): Router => {
  const router = new Router({ prefix: '/v1' });
  const active = requireAuth();

  router.get('/audit/entries', active, async (ctx) => {
    const query = defined(parseWith(entriesQuery, ctx.query));
    const found = await compliance.searchAudit.execute(scopeOf(ctx), query, actorOf(ctx));
    ctx.body = mapPage(found, auditEntryDto);
  });

  router.get('/audit/report', active, async (ctx) => {
    const window = parseWith(reportQuery, ctx.query);
    ctx.body = await compliance.auditReport.execute(scopeOf(ctx), window, actorOf(ctx));
  });

  router.post('/audit/verify', active, async (ctx) => {
    const body = defined(parseWith(verifyBody, ctx.request.body ?? {}));
    ctx.body = await compliance.verifyAudit.execute(scopeOf(ctx), body, actorOf(ctx));
  });

  router.get('/breaches', active, async (ctx) => {
    const query = defined(parseWith(breachQuery, ctx.query));
    ctx.body = mapPage(await compliance.listBreaches.execute(scopeOf(ctx), query, actorOf(ctx)), breachDto);
  });

  router.get('/breaches/:id', active, async (ctx) => {
    const id = pathId(ctx.params['id'], 'id');
    ctx.body = breachDto(await compliance.getBreach.execute(scopeOf(ctx), id, actorOf(ctx)));
  });

  router.patch('/breaches/:id', active, async (ctx) => {
    const id = pathId(ctx.params['id'], 'id');
    const patch = defined(parseWith(breachPatch, atLeastOneKey(ctx.request.body)));
    ctx.body = breachDto(await compliance.updateBreach.execute(scopeOf(ctx), id, patch, actorOf(ctx)));
  });

  return router;
};
