import { z } from 'zod';
import { normalizePhone } from '../../domain/shared/contact';
import { ValidationError } from '../../domain/shared/errors';
import type { ImageChange } from '../../application/identity/image-change';

// What update bodies share beyond validation.ts: inline images, clearable phone numbers, the one-key minimum.

/** Longest image URL stored as given (API-CONTRACT.md §1.3). */
export const MAX_IMAGE_URL_LENGTH = 2048;

const issue = (ctx: z.core.$RefinementCtx, message: string): typeof z.NEVER => {
  ctx.addIssue({ code: 'custom', message });
  return z.NEVER;
};

const isHttpUrl = (value: string): boolean => {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
};

const DATA_IMAGE = /^data:image\/[a-z0-9.+-]+;base64,([A-Za-z0-9+/\s]*={0,2})$/i;

/**
 * An inline image field (`avatar`, `logo`) classified by API-CONTRACT.md §1.3: an http(s) URL is stored (at most
 * 2048 characters), `""` or null clears, a device-local URI (`file:`, `blob:`, `content:`, `ph:`, ...) keeps the
 * current image, and a base64 `data:image/...` value is decoded for the use-case to check (by content, like an
 * upload) and store. Any other `data:` value is refused.
 */
export const imageField = (name: string) =>
  z
    .string()
    .nullable()
    .transform((raw, ctx): ImageChange => {
      const value = raw?.trim() ?? '';
      if (value === '') return { kind: 'clear' };
      if (/^https?:/i.test(value)) {
        if (value.length > MAX_IMAGE_URL_LENGTH) {
          return issue(ctx, `"${name}" length must be less than or equal to ${MAX_IMAGE_URL_LENGTH} characters long`);
        }
        return isHttpUrl(value) ? { kind: 'url', url: value } : issue(ctx, `"${name}" must be a valid image URL`);
      }
      if (/^data:/i.test(value)) {
        const encoded = DATA_IMAGE.exec(value)?.[1];
        if (encoded === undefined) return issue(ctx, `"${name}" must be a valid image URL`);
        return { kind: 'inline', bytes: new Uint8Array(Buffer.from(encoded.replace(/\s/g, ''), 'base64')) };
      }
      if (/^[a-z][a-z0-9+.-]*:/i.test(value)) return { kind: 'keep' };
      return issue(ctx, `"${name}" must be a valid image URL`);
    });

/**
 * A phone number on an update body: E.164, or null for `""`/null (an echo of "no phone", which the use-case
 * accepts only while no phone is stored).
 */
export const optionalPhone = (name = 'phone') =>
  z
    .string()
    .nullable()
    .transform((raw, ctx): string | null => {
      if (raw === null || raw.trim() === '') return null;
      return normalizePhone(raw) ?? issue(ctx, `"${name}" must be a valid phone number`);
    });

/** Update bodies need at least one key (Joi's wording); returns the body for parsing. */
export const atLeastOneKey = (body: unknown): unknown => {
  if (body !== null && typeof body === 'object' && Object.keys(body).length === 0) {
    throw new ValidationError(['"value" must have at least 1 key']);
  }
  return body;
};
