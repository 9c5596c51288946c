import type { Middleware } from 'koa';
import type { Logger } from '../../../application/ports/logger';

/** One line per request: method, path (never the query, which may hold tokens), status and duration. */
export const accessLog =
  (logger: Logger, now: () => bigint = () => process.hrtime.bigint()): Middleware =>
  async (ctx, next) => {
    const started = now();
    try {
      await next();
    } finally {
      const durationMs = Number(now() - started) / 1e6;
      logger.info(
        { method: ctx.method, path: ctx.path, status: ctx.status, durationMs: Math.round(durationMs * 100) / 100 },
        'request',
      );
    }
  };
