import Router from '@koa/router';
import type { Context, Middleware } from 'koa';
import { z } from 'zod';
import type { PatientUseCases } from '../../../application/patients/patient-use-cases';
import type { PatientUpdateInput } from '../../../application/patients/update-patient';
import { PATIENT_LANGUAGES, PATIENT_LIMITS } from '../../../domain/patients/patient';
import { isValidEmail, normalizeEmail } from '../../../domain/shared/contact';
import { ValidationError } from '../../../domain/shared/errors';
import { mapPage } from '../../../domain/shared/page';
import { scopeOf } from '../access-scope';
import { caregiverDto } from '../presenters/identity-presenters';
import { patientDto } from '../presenters/patient-presenters';
import { readUploadedFile } from '../multipart';
import { actorOf, authOf } from '../request-meta';
import { atLeastOneKey, imageField } from '../update-fields';
import { objectId, pagination, parseWith, pathId, phone, text } from '../validation';

const issue = (ctx: z.core.$RefinementCtx, message: string): typeof z.NEVER => {
  ctx.addIssue({ code: 'custom', message });
  return z.NEVER;
};

/** A zone the runtime's time-zone database knows, in its canonical spelling; `""` and null mean "the org's". */
const timeZone = () =>
  z
    .string()
    .nullable()
    .transform((raw, ctx): string | null => {
      const name = raw?.trim() ?? '';
      if (name === '') return null;
      if (!/^[+-]/.test(name)) {
        try {
          return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
        } catch {
          // Not a zone: reported below.
        }
      }
      return issue(ctx, '"timezone" must be a valid IANA time zone');
    });

/** A BCP 47 tag reduced to its primary subtag (`ko-KR` -> `ko`), which must be a patient language (§3.5). */
const patientLanguage = () =>
  z.string().transform((raw, ctx) => {
    const primary = raw.trim().split(/[-_]/)[0]?.toLowerCase() ?? '';
    return (PATIENT_LANGUAGES as readonly string[]).includes(primary)
      ? primary
      : issue(ctx, `"preferredLanguage" must be one of [${PATIENT_LANGUAGES.join(', ')}]`);
  });

/** An optional address: `""` and null mean none; anything else must be a valid e-mail (normalised). */
const optionalEmail = () =>
  z
    .string()
    .nullable()
    .transform((raw, ctx): string | null => {
      const value = normalizeEmail(raw ?? '');
      if (value === '') return null;
      return isValidEmail(value) ? value : issue(ctx, '"email" must be a valid email');
    });

/** Optional text: trimmed, at most `max` characters, `""` and null clear it. */
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .transform((value) => (value === null || value === '' ? null : value));

const age = () => z.number().int().min(PATIENT_LIMITS.ageMin).max(PATIENT_LIMITS.ageMax).nullable();

const distinct = (values: readonly string[], ctx: z.core.$RefinementCtx, name: string): void => {
  const seen = new Set<string>();
  values.forEach((value, index) => {
    if (seen.has(value)) ctx.addIssue({ code: 'custom', message: `"${name}[${index}]" contains a duplicate value` });
    seen.add(value);
  });
};

const careFields = {
  email: optionalEmail().optional(),
  avatar: imageField('avatar').optional(),
  preferredLanguage: patientLanguage().optional(),
  preferredName: optionalText(PATIENT_LIMITS.preferredNameMax).optional(),
  timezone: timeZone().optional(),
  age: age().optional(),
  notes: optionalText(PATIENT_LIMITS.notesMax).optional(),
};

const createBody = z.strictObject({
  name: text(1, PATIENT_LIMITS.nameMax),
  phone: phone(),
  ...careFields,
  org: objectId('org').optional(),
  caregivers: z
    .array(objectId('caregivers'))
    .max(500)
    .superRefine((ids, ctx) => distinct(ids, ctx, 'caregivers'))
    .optional(),
  schedules: z.array(z.record(z.string(), z.unknown())).max(50).optional(),
});

/** The editable keys plus the read-only echoes the patient form sends back (§3.6, §4.7; ECHO_TOLERATED_KEYS). */
const updateBody = z.strictObject({
  name: text(1, PATIENT_LIMITS.nameMax).optional(),
  phone: phone().optional(),
  ...careFields,
  id: z.string().optional(),
  org: z.string().optional(),
  caregivers: z.array(z.unknown()).optional(),
  schedules: z.array(z.unknown()).optional(),
  isEmailVerified: z.boolean().optional(),
  lastContactAt: z.string().nullable().optional(),
});

const listQuery = z.strictObject({
  ...pagination(['name', 'email', 'createdAt'] as const, 100, 'createdAt:asc').shape,
  org: objectId('org').optional(),
  name: z.string().max(100).optional(),
  email: z.string().max(254).optional(),
  // The app's tests send `role`; it means nothing for patients.
  role: z.string().max(32).optional(),
});

const unassignedQuery = z.strictObject({ org: objectId('org').optional() });

const assignUnassignedBody = z.strictObject({
  caregiverId: objectId('caregiverId'),
  patientIds: z
    .array(objectId('patientIds'))
    .max(500)
    .superRefine((ids, ctx) => {
      // The contract's exact text (§4.7); the shared wording would say "1 items".
      if (ids.length === 0) issue(ctx, '"patientIds" must contain at least 1 item');
      distinct(ids, ctx, 'patientIds');
    }),
});

const viewerOf = (ctx: Context) => authOf(ctx).caregiver.role;

/** Splits a parsed update body into the changes and the echoed identity; refuses a body of echoes only. */
const updateInput = (
  body: z.output<typeof updateBody>,
): { changes: PatientUpdateInput; echo: { id?: string; org?: string } } => {
  const { id, org, caregivers: _c, schedules: _s, isEmailVerified: _e, lastContactAt: _l, ...changes } = body;
  if (Object.values(changes).every((value) => value === undefined)) {
    throw new ValidationError(['"value" must have at least 1 key']);
  }
  return {
    changes,
    echo: { ...(id === undefined ? {} : { id }), ...(org === undefined ? {} : { org }) },
  };
};

/**
 * `/v1/patients/*` (API-CONTRACT.md §4.7): patients, their care teams and the unassigned patients. Lists other than
 * `GET /patients` are bare arrays; every PatientDTO is in the caller's role view. `POST /patients/:id/avatar`
 * takes a multipart upload (one file field `avatar`).
 */
export const patientRoutes = (patients: PatientUseCases, requireAuth: Middleware): Router => {
  const router = new Router({ prefix: '/v1/patients' });

  router.post('/', requireAuth, async (ctx) => {
    const { org, caregivers, schedules, ...fields } = parseWith(createBody, ctx.request.body);
    const view = await patients.create.execute(
      scopeOf(ctx),
      {
        ...fields,
        ...(org === undefined ? {} : { orgId: org }),
        ...(caregivers === undefined ? {} : { caregiverIds: caregivers }),
        ...(schedules === undefined ? {} : { schedules }),
      },
      actorOf(ctx),
    );
    ctx.status = 201;
    ctx.body = patientDto(view, viewerOf(ctx));
  });

  router.get('/', requireAuth, async (ctx) => {
    const query = parseWith(listQuery, ctx.query);
    const email = query.email === undefined ? '' : normalizeEmail(query.email);
    const page = await patients.list.execute(
      scopeOf(ctx),
      {
        page: query.page,
        limit: query.limit,
        sort: query.sortBy,
        ...(query.org === undefined ? {} : { orgId: query.org }),
        ...(query.name === undefined || query.name === '' ? {} : { nameContains: query.name }),
        ...(email === '' ? {} : { email }),
      },
      actorOf(ctx),
    );
    ctx.body = mapPage(page, (view) => patientDto(view, viewerOf(ctx)));
  });

  router.get('/unassigned', requireAuth, async (ctx) => {
    const query = parseWith(unassignedQuery, ctx.query);
    const views = await patients.listUnassigned.execute(
      scopeOf(ctx),
      query.org === undefined ? {} : { orgId: query.org },
      actorOf(ctx),
    );
    ctx.body = views.map((view) => patientDto(view, viewerOf(ctx)));
  });

  router.post('/assign-unassigned', requireAuth, async (ctx) => {
    const body = parseWith(assignUnassignedBody, ctx.request.body);
    const views = await patients.assignUnassigned.execute(scopeOf(ctx), body, actorOf(ctx));
    ctx.body = views.map((view) => patientDto(view, viewerOf(ctx)));
  });

  router.get('/:id', requireAuth, async (ctx) => {
    const id = pathId(ctx.params['id'], 'id');
    ctx.body = patientDto(await patients.get.execute(scopeOf(ctx), id, actorOf(ctx)), viewerOf(ctx));
  });

  router.patch('/:id', requireAuth, async (ctx) => {
    const id = pathId(ctx.params['id'], 'id');
    const { changes, echo } = updateInput(parseWith(updateBody, atLeastOneKey(ctx.request.body)));
    const view = await patients.update.execute(scopeOf(ctx), id, changes, echo, actorOf(ctx));
    ctx.body = patientDto(view, viewerOf(ctx));
  });

  router.post('/:id/avatar', requireAuth, async (ctx) => {
    const id = pathId(ctx.params['id'], 'id');
    const bytes = await readUploadedFile(ctx, 'avatar');
    const view = await patients.uploadAvatar.execute(scopeOf(ctx), id, bytes, actorOf(ctx));
    ctx.body = patientDto(view, viewerOf(ctx));
  });

  router.delete('/:id', requireAuth, async (ctx) => {
    const id = pathId(ctx.params['id'], 'id');
    await patients.delete.execute(scopeOf(ctx), id, actorOf(ctx));
    ctx.status = 204;
  });

  router.get('/:patientId/caregivers', requireAuth, async (ctx) => {
    const patientId = pathId(ctx.params['patientId'], 'patientId');
    const views = await patients.listCaregivers.execute(scopeOf(ctx), patientId, actorOf(ctx));
    ctx.body = views.map(caregiverDto);
  });

  router.post('/:patientId/caregivers/:caregiverId', requireAuth, async (ctx) => {
    const patientId = pathId(ctx.params['patientId'], 'patientId');
    const caregiverId = pathId(ctx.params['caregiverId'], 'caregiverId');
    const view = await patients.assignCaregiver.execute(scopeOf(ctx), patientId, caregiverId, actorOf(ctx));
    ctx.body = patientDto(view, viewerOf(ctx));
  });

  router.delete('/:patientId/caregivers/:caregiverId', requireAuth, async (ctx) => {
    const patientId = pathId(ctx.params['patientId'], 'patientId');
    const caregiverId = pathId(ctx.params['caregiverId'], 'caregiverId');
    const view = await patients.unassignCaregiver.execute(scopeOf(ctx), patientId, caregiverId, actorOf(ctx));
    ctx.body = patientDto(view, viewerOf(ctx));
  });

  return router;
};

/**
 * `GET /v1/caregivers/:caregiverId/patients[/:patientId]` (API-CONTRACT.md §4.6) answered with PatientDTOs in the
 * caller's role view. Mount it before identity's caregiver router, whose handlers for these two paths answer
 * short patient refs.
 */
export const caregiverPatientRoutes = (patients: PatientUseCases, requireAuth: Middleware): Router => {
  const router = new Router({ prefix: '/v1/caregivers' });

  router.get('/:caregiverId/patients', requireAuth, async (ctx) => {
    const caregiverId = pathId(ctx.params['caregiverId'], 'caregiverId');
    const views = await patients.caregiverPatients.list(scopeOf(ctx), caregiverId, actorOf(ctx));
    ctx.body = views.map((view) => patientDto(view, viewerOf(ctx)));
  });

  router.get('/:caregiverId/patients/:patientId', requireAuth, async (ctx) => {
    const caregiverId = pathId(ctx.params['caregiverId'], 'caregiverId');
    const patientId = pathId(ctx.params['patientId'], 'patientId');
    const view = await patients.caregiverPatients.get(scopeOf(ctx), caregiverId, patientId, actorOf(ctx));
    ctx.body = patientDto(view, viewerOf(ctx));
  });

  return router;
};
