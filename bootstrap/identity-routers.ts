import type Router from '@koa/router';
import type { IdentityUseCases } from '../application/identity/identity-use-cases';
import { authThrottle } from '../adapters/http/middleware/auth-throttle';
import { requireAuth } from '../adapters/http/middleware/require-auth';
import { authRoutes } from '../adapters/http/routes/auth-routes';
import { caregiverRoutes } from '../adapters/http/routes/caregiver-routes';
import { orgRoutes } from '../adapters/http/routes/org-routes';
import { mfaRoutes } from '../adapters/http/routes/mfa-routes';
import { phoneVerificationRoutes } from '../adapters/http/routes/phone-verification-routes';
import { ssoRoutes } from '../adapters/http/routes/sso-routes';

/** The identity context's routers, sharing one authentication middleware. */
export const identityRouters = (identity: IdentityUseCases): Router[] => {
  const authenticated = requireAuth(identity.authenticate, identity.ports.rateLimiter);
  return [
    authRoutes(identity),
    mfaRoutes(identity, authenticated),
    phoneVerificationRoutes(identity, authenticated),
    ssoRoutes(identity, authThrottle(identity.throttle)),
    orgRoutes(identity, authenticated),
    caregiverRoutes(identity, authenticated),
  ];
};
