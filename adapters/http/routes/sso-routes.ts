import Router from '@koa/router';
import type { Middleware } from 'koa';
import { z } from 'zod';
import type { IdentityUseCases } from '../../../application/identity/identity-use-cases';
import { DomainError, RateLimitedError } from '../../../domain/shared/errors';
import { caregiverDto, orgDto } from '../presenters/identity-presenters';
import { anonymous, clientIp } from '../request-meta';
import { parseWith } from '../validation';

const provider = z.enum(['google', 'microsoft']);
// The app also sends the profile it fetched itself; those fields are accepted and ignored (never trusted).
const loginBody = z.strictObject({
  provider,
  idToken: z.string().max(8192).optional(),
  mfaToken: z.string().max(64).optional(),
  email: z.unknown().optional(),
  name: z.unknown().optional(),
  id: z.unknown().optional(),
  picture: z.unknown().optional(),
});
const verifyBody = z.strictObject({ provider, token: z.string().min(1).max(8192) });

/** `/v1/sso/*` (API-CONTRACT.md §4.4): refusals are 403/409/501, never 401. */
export const ssoRoutes = (identity: IdentityUseCases, throttled: Middleware): Router => {
  const router = new Router({ prefix: '/v1/sso' });
  const ssoIp: Middleware = async (ctx, next) => {
    const limit = await identity.ports.rateLimiter.consume('sso-ip', clientIp(ctx));
    if (limit.limited) throw new RateLimitedError(limit.retryAfterSeconds);
    await next();
  };

  router.post('/login', ssoIp, throttled, async (ctx) => {
    const input = parseWith(loginBody, ctx.request.body);
    if (input.idToken === undefined || input.idToken.trim() === '') {
      if (!identity.ports.idTokens.isConfigured(input.provider)) {
        throw new DomainError('SSO_NOT_CONFIGURED', 'not-configured', 'SSO is not configured', {
          reason: 'NOT_CONFIGURED',
        });
      }
      throw new DomainError('SSO_TOKEN_REQUIRED', 'invalid', 'A provider ID token is required');
    }
    const result = await identity.sso.login(input.provider, input.idToken, input.mfaToken, anonymous(ctx));
    if (result.kind === 'mfa-required') {
      ctx.body = { requireMFA: true, tempToken: result.tempToken, message: 'MFA verification required' };
      return;
    }
    const { payload } = result;
    ctx.body = {
      success: true,
      message: 'SSO login successful',
      tokens: payload.tokens,
      user: caregiverDto(payload.caregiver),
      org: payload.org === null ? null : orgDto(payload.org, payload.viewerRole),
    };
  });

  router.post('/verify', ssoIp, throttled, async (ctx) => {
    const input = parseWith(verifyBody, ctx.request.body);
    const identityClaims = await identity.sso.verify(input.provider, input.token);
    ctx.body = {
      success: true,
      userInfo: {
        id: identityClaims.subject,
        email: identityClaims.email,
        name: identityClaims.name,
        ...(identityClaims.picture === null ? {} : { picture: identityClaims.picture }),
      },
    };
  });

  return router;
};
