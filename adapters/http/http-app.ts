import Koa from 'koa';
import type Router from '@koa/router';
import type { Logger } from '../../application/ports/logger';
import type { Translator } from '../../application/ports/translator';
import { accessLog } from './middleware/access-log';
import { cors } from './middleware/cors';
import { errorHandler } from './middleware/error-handler';
import type { InFlightRequests } from './middleware/in-flight';
import { jsonBody, type LargeBodyRoute } from './middleware/json-body';
import { requestId } from './middleware/request-id';
import { securityHeaders } from './middleware/security-headers';

export interface HttpAppOptions {
  readonly logger: Logger;
  readonly production: boolean;
  readonly corsOrigins: readonly string[] | null;
  readonly trustProxyHops: number;
  readonly inFlight: InFlightRequests;
  /** Routers mounted in order; API routers carry their own `/v1` prefix. */
  readonly routers: readonly Router[];
  readonly isLargeBodyRoute?: LargeBodyRoute;
  readonly translator?: Translator;
}

/**
 * The Koa application: request id first (so every later line has it), then the error envelope, headers,
 * CORS, body parsing, and the routers. No `allowedMethods()`: a wrong method is a plain 404 (RESOLUTIONS.md 19).
 */
export const createHttpApp = (options: HttpAppOptions): Koa => {
  const app = new Koa({ proxy: options.trustProxyHops > 0, maxIpsCount: options.trustProxyHops });
  app.silent = true;
  app.use(requestId());
  app.use(options.inFlight.middleware);
  app.use(accessLog(options.logger));
  app.use(errorHandler(options.logger, options.translator));
  app.use(securityHeaders(options.production));
  app.use(cors(options.corsOrigins));
  app.use(jsonBody(options.isLargeBodyRoute));
  for (const router of options.routers) app.use(router.routes());
  return app;
};
