import koaCors from '@koa/cors';
import type { Middleware } from 'koa';

const localOrigin = /^http:\/\/(localhost|127\.0\.0\.1)(:\d{1,5})?$/;

/**
 * CORS by allow-list (API-CONTRACT.md §1.2). `null` allows any localhost / 127.0.0.1 origin, the default of
 * development and test where the app's web build runs on a local port. A disallowed origin gets no CORS
 * headers, so the browser blocks the response.
 */
export const cors = (allowList: readonly string[] | null): Middleware =>
  koaCors({
    origin: (ctx) => {
      const origin = ctx.get('Origin');
      const allowed = allowList === null ? localOrigin.test(origin) : allowList.includes(origin);
      return allowed ? origin : '';
    },
    allowMethods: 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
    allowHeaders: 'Authorization, Content-Type, Accept, Accept-Language, X-Requested-With',
    exposeHeaders: 'Retry-After, X-Request-Id',
    maxAge: 600,
    secureContext: false,
    keepHeadersOnError: true,
  });
