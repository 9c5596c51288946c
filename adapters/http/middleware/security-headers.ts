import helmet from 'koa-helmet';
import type { Middleware } from 'koa';

/** The hardened header set of API-CONTRACT.md §1.7; HSTS only where TLS is terminated in front (production). */
export const securityHeaders = (production: boolean): Middleware =>
  helmet({
    contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
    referrerPolicy: { policy: 'no-referrer' },
    frameguard: { action: 'deny' },
    strictTransportSecurity: production ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    crossOriginResourcePolicy: { policy: 'same-origin' },
  });
