import { z } from 'zod';
import { isValidEmail, normalizeEmail, normalizePhone } from '../../domain/shared/contact';
import { ValidationError } from '../../domain/shared/errors';

/**
 * Request validation with zod, worded the way the caregiver app knows (Joi-style, RESOLUTIONS.md 23):
 * `"email" is required`, `"role" must be one of [a, b]`, `"extra" is not allowed`, joined with ", ".
 */
type Issue = z.core.$ZodIssue;

const valueAt = (data: unknown, path: readonly PropertyKey[]): unknown => {
  let current: unknown = data;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
};

const label = (path: readonly PropertyKey[]): string => `"${path.map(String).join('.')}"`;

const describe = (issue: Issue, data: unknown): string[] => {
  const field = label(issue.path);
  const value = valueAt(data, issue.path);
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => `${label([...issue.path, key])} is not allowed`);
    case 'custom':
      return [issue.message];
    case 'invalid_type':
      if (value === undefined) return [`${field} is required`];
      if (issue.expected === 'int') return [`${field} must be an integer`];
      if (issue.expected === 'object') return [`${field} must be of type object`];
      return [`${field} must be ${issue.expected === 'array' ? 'an array' : `a ${issue.expected}`}`];
    case 'invalid_value':
      if (value === undefined) return [`${field} is required`];
      return [`${field} must be one of [${issue.values.map(String).join(', ')}]`];
    case 'too_small':
      if (issue.origin === 'string') {
        return [
          Number(issue.minimum) <= 1
            ? `${field} is not allowed to be empty`
            : `${field} length must be at least ${issue.minimum} characters long`,
        ];
      }
      if (issue.origin === 'array') return [`${field} must contain at least ${issue.minimum} items`];
      return [`${field} must be greater than or equal to ${issue.minimum}`];
    case 'too_big':
      if (issue.origin === 'string')
        return [`${field} length must be less than or equal to ${issue.maximum} characters long`];
      if (issue.origin === 'array') return [`${field} must contain less than or equal to ${issue.maximum} items`];
      return [`${field} must be less than or equal to ${issue.maximum}`];
    case 'invalid_format':
      return [`${field} is invalid`];
    default:
      return [`${field} is invalid`];
  }
};

/** Parses `data` with `schema`; a failure is a 400 whose message lists every problem in order. */
export const parseWith = <S extends z.ZodType>(schema: S, data: unknown): z.output<S> => {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const problems = result.error.issues.flatMap((issue) => describe(issue, data));
  throw new ValidationError([...new Set(problems)]);
};

/** A message for a custom refinement, in the same wording as the generated ones. */
const custom = (ctx: z.core.$RefinementCtx, message: string): typeof z.NEVER => {
  ctx.addIssue({ code: 'custom', message });
  return z.NEVER;
};

/** Trimmed string with Joi-style length bounds. */
export const text = (min: number, max: number) => z.string().trim().min(min).max(max);

/** A normalised e-mail (trimmed, lower-case) or `"<name>" must be a valid email`. */
export const email = (name = 'email') =>
  z.string().transform((raw, ctx) => {
    const value = normalizeEmail(raw);
    return isValidEmail(value) ? value : custom(ctx, `"${name}" must be a valid email`);
  });

/** An E.164 phone number or `"<name>" must be a valid phone number`. */
export const phone = (name = 'phone') =>
  z.string().transform((raw, ctx) => normalizePhone(raw) ?? custom(ctx, `"${name}" must be a valid phone number`));

/** A 24-hex id or `"<name>" must be a valid id`. */
export const objectId = (name: string) =>
  z.string().refine((value) => /^[0-9a-f]{24}$/.test(value), { message: `"${name}" must be a valid id` });

export const LANGUAGES = ['en', 'es', 'fr', 'de', 'zh', 'ja', 'pt', 'it', 'ru', 'ko', 'ar'] as const;

/** A BCP 47 tag reduced to its primary subtag (`en-US` -> `en`), which must be a supported language. */
export const language = (name = 'preferredLanguage') =>
  z.string().transform((raw, ctx) => {
    const primary = raw.trim().split(/[-_]/)[0]?.toLowerCase() ?? '';
    return (LANGUAGES as readonly string[]).includes(primary)
      ? primary
      : custom(ctx, `"${name}" must be one of [${LANGUAGES.join(', ')}]`);
  });

/** Validates a path parameter id (400 `"<name>" must be a valid id`). */
export const pathId = (value: string | undefined, name: string): string => parseWith(objectId(name), value);

/** Pagination query (`page`, `limit`, `sortBy`) with the endpoint's sortable fields. */
export const pagination = <F extends string>(fields: readonly F[], defaultLimit: number, defaultSort: string) =>
  z.object({
    page: z.coerce.number({ error: '"page" must be a number' }).int().min(1).default(1),
    limit: z.coerce.number({ error: '"limit" must be a number' }).int().min(1).max(100).default(defaultLimit),
    sortBy: z
      .string()
      .default(defaultSort)
      .transform((raw, ctx) => {
        const keys = raw
          .split(',')
          .map((part) => part.trim())
          .filter((part) => part !== '');
        const parsed: Array<{ field: F; direction: 'asc' | 'desc' }> = [];
        for (const key of keys) {
          const [field, direction = 'asc'] = key.split(':');
          if (!(fields as readonly string[]).includes(field ?? '') || (direction !== 'asc' && direction !== 'desc')) {
            return custom(ctx, `"sortBy" must be one of [${fields.map((f) => `${f}:asc, ${f}:desc`).join(', ')}]`);
          }
          parsed.push({ field: field as F, direction });
        }
        return parsed;
      }),
  });
