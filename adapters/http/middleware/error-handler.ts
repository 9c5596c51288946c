import type { Middleware } from 'koa';
import { DomainError, RateLimitedError, type ErrorKind } from '../../../domain/shared/errors';
import type { Logger } from '../../../application/ports/logger';
import type { Translator } from '../../../application/ports/translator';

const statusOf: Readonly<Record<ErrorKind, number>> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  'too-large': 413,
  'rate-limited': 429,
  'not-configured': 501,
  'upstream-failed': 502,
  unavailable: 503,
};

interface HttpLikeError {
  status?: unknown;
  statusCode?: unknown;
  type?: unknown;
  expose?: unknown;
  message?: unknown;
}

export interface ErrorBody {
  code: number;
  message: string;
  reason?: string;
  [extra: string]: string | number | boolean | undefined;
}

/** Errors thrown by Koa's own stack (body parser, ctx.throw) carry an HTTP status; render them in our envelope. */
const fromHttpError = (error: HttpLikeError): ErrorBody | null => {
  const status =
    typeof error.status === 'number' ? error.status : typeof error.statusCode === 'number' ? error.statusCode : null;
  if (status === null || status < 400 || status >= 500) return null;
  if (status === 413 || error.type === 'entity.too.large') return { code: 413, message: 'Request body too large' };
  if (error.type === 'entity.parse.failed' || error.type === 'entity.verify.failed')
    return { code: 400, message: 'Malformed JSON body' };
  if (status === 415 || error.type === 'encoding.unsupported' || error.type === 'charset.unsupported') {
    return { code: 400, message: 'Unsupported body encoding' };
  }
  if (status === 404) return { code: 404, message: 'Not found' };
  return {
    code: status,
    message: error.expose === true && typeof error.message === 'string' ? error.message : 'Bad request',
  };
};

/**
 * The one place that writes error responses: typed errors become `{ code, message, reason? }` by kind, Koa's
 * HTTP errors keep their 4xx status, anything else is logged with the request id and answered 500 bare.
 */
/** The catalogue key of an error id; ids that share a text share a key. */
const catalogueKey = (id: string): string => {
  if (id === 'UNAUTHENTICATED_IDLE_TIMEOUT') return id;
  if (id.startsWith('UNAUTHENTICATED_')) return 'UNAUTHENTICATED';
  if (id.startsWith('REFRESH_INVALID_')) return 'REFRESH_INVALID';
  return id;
};

export const errorHandler =
  (logger: Logger, translator?: Translator): Middleware =>
  async (ctx, next) => {
    // Messages follow Accept-Language (API-CONTRACT.md §1.6); contract strings have no catalogue entry and stay English.
    const localise = (key: string, fallback: string): string => {
      if (translator === undefined) return fallback;
      const locale = translator.bestLocale(ctx.get('accept-language'));
      if (locale === 'en') return fallback;
      ctx.vary('Accept-Language');
      return translator.t(locale, key) ?? fallback;
    };
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) {
        ctx.status = 404;
        ctx.body = { code: 404, message: localise('NOT_FOUND', 'Not found') } satisfies ErrorBody;
      }
    } catch (error) {
      let body: ErrorBody;
      if (error instanceof DomainError) {
        body = { code: statusOf[error.kind], message: localise(catalogueKey(error.id), error.message), ...error.extra };
        if (error.reason !== undefined) body.reason = error.reason;
        if (error instanceof RateLimitedError)
          ctx.set('Retry-After', String(Math.max(1, Math.ceil(error.retryAfterSeconds))));
        logger.info({ errorId: error.id, status: body.code }, 'request rejected');
      } else {
        const fromHttp = error !== null && typeof error === 'object' ? fromHttpError(error) : null;
        if (fromHttp) {
          body = fromHttp;
          logger.info({ status: body.code }, 'request rejected');
        } else {
          body = { code: 500, message: localise('INTERNAL', 'Internal Server Error') };
          logger.error({ err: error, method: ctx.method, path: ctx.path }, 'unexpected error');
        }
      }
      ctx.status = body.code;
      ctx.type = 'application/json';
      ctx.body = body;
    }
  };
