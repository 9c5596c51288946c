import { bodyParser } from '@koa/bodyparser';
import type { Middleware } from 'koa';
import { DomainError } from '../../../domain/shared/errors';

export const DEFAULT_JSON_LIMIT = '1mb';
export const INLINE_IMAGE_JSON_LIMIT = '8mb';

export type LargeBodyRoute = (method: string, path: string) => boolean;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

const toBodyError = (error: unknown): DomainError => {
  const status = (error as { status?: unknown } | null)?.status;
  if (status === 413) return new DomainError('BODY_TOO_LARGE', 'too-large', 'Request body too large');
  if (status === 415) return new DomainError('BODY_ENCODING_UNSUPPORTED', 'invalid', 'Unsupported body encoding');
  return new DomainError('MALFORMED_JSON', 'invalid', 'Malformed JSON body');
};

/**
 * JSON bodies only, at most 1 MB (8 MB on the inline-image routes, API-CONTRACT.md §1.5). A body that is not a
 * JSON object is `400 Malformed JSON body`; a request without a body is treated as `{}`.
 */
export const jsonBody = (isLargeBodyRoute: LargeBodyRoute = () => false): Middleware => {
  const options = { enableTypes: ['json' as const], jsonStrict: true, encoding: 'utf-8' as const };
  const regular = bodyParser({ ...options, jsonLimit: DEFAULT_JSON_LIMIT });
  const large = bodyParser({ ...options, jsonLimit: INLINE_IMAGE_JSON_LIMIT });
  const noop = (): Promise<void> => Promise.resolve();
  return async (ctx, next) => {
    const parser = isLargeBodyRoute(ctx.method, ctx.path) ? large : regular;
    try {
      await parser(ctx, noop);
    } catch (error) {
      // Parser errors can quote the body (PHI): keep only what kind of failure it was.
      throw toBodyError(error);
    }
    const body: unknown = ctx.request.body;
    if (body === undefined || body === null || body === '') ctx.request.body = {};
    else if (!isPlainObject(body)) throw new DomainError('MALFORMED_JSON', 'invalid', 'Malformed JSON body');
    await next();
  };
};
