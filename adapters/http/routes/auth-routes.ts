import Router from '@koa/router';
import { z } from 'zod';
import { DomainError, RateLimitedError } from '../../../domain/shared/errors';
import type { IdentityUseCases } from '../../../application/identity/identity-use-cases';
import { authThrottle } from '../middleware/auth-throttle';
import { caregiverDto, caregiverFields, loginPayloadDto } from '../presenters/identity-presenters';
import { anonymous, clientIp } from '../request-meta';
import { email, parseWith, phone, text } from '../validation';

const registerBody = z.strictObject({ name: text(1, 100), email: email(), password: z.string(), phone: phone() });
const loginBody = z.strictObject({
  email: z.string().trim().min(1),
  password: z.string().min(1),
  mfaToken: z.string().max(64).optional(),
  tempToken: z.string().max(256).optional(),
});
const refreshBody = z.strictObject({ refreshToken: z.string().min(1).max(512) });
const emailBody = z.strictObject({ email: email() });
const tokenQuery = z.object({ token: z.string().min(1).max(512) });
const passwordBody = z.strictObject({ password: z.string() });
const registerWithInviteBody = z.strictObject({
  token: z.string().min(1).max(512),
  email: email(),
  password: z.string(),
  name: text(1, 100),
  phone: phone(),
});
const sendVerificationBody = z.strictObject({
  caregiver: z.looseObject({ id: z.string().max(64).optional(), email: z.string().max(254).optional() }),
});
const setSsoPasswordBody = z.strictObject({ email: email(), password: z.string(), confirmPassword: z.string() });

/** `/v1/auth/*` (API-CONTRACT.md §4.1). Public: a bearer token sent with these requests is ignored. */
export const authRoutes = (identity: IdentityUseCases): Router => {
  const router = new Router({ prefix: '/v1/auth' });
  const throttled = authThrottle(identity.throttle);
  router.use(async (ctx, next) => {
    const limit = await identity.ports.rateLimiter.consume('public-ip', clientIp(ctx));
    if (limit.limited) throw new RateLimitedError(limit.retryAfterSeconds);
    await next();
  });

  router.post('/register', async (ctx) => {
    const input = parseWith(registerBody, ctx.request.body);
    const caregiver = await identity.register.execute(input, anonymous(ctx));
    ctx.status = 201;
    ctx.body = {
      message: 'Registration successful. Please check your email to verify your account.',
      caregiver: caregiverFields(caregiver),
      requiresEmailVerification: true,
    };
  });

  router.post('/login', throttled, async (ctx) => {
    const input = parseWith(loginBody, ctx.request.body);
    const result = await identity.login.execute(
      {
        email: input.email,
        password: input.password,
        ...(input.mfaToken === undefined ? {} : { mfaToken: input.mfaToken }),
      },
      anonymous(ctx),
    );
    ctx.body =
      result.kind === 'mfa-required'
        ? { requireMFA: true, tempToken: result.tempToken, message: 'MFA verification required' }
        : loginPayloadDto(result.payload);
  });

  router.post('/refresh-tokens', throttled, async (ctx) => {
    const { refreshToken } = parseWith(refreshBody, ctx.request.body);
    ctx.body = { tokens: await identity.refresh.execute(refreshToken, anonymous(ctx)) };
  });

  router.post('/logout', async (ctx) => {
    const { refreshToken } = parseWith(refreshBody, ctx.request.body);
    await identity.logout.execute(refreshToken, anonymous(ctx));
    ctx.status = 204;
  });

  router.post('/forgot-password', async (ctx) => {
    const { email: address } = parseWith(emailBody, ctx.request.body);
    await identity.requestPasswordReset.execute(address, anonymous(ctx));
    ctx.status = 204;
  });

  router.post('/reset-password', throttled, async (ctx) => {
    const { token } = parseWith(tokenQuery, ctx.query);
    const { password } = parseWith(passwordBody, ctx.request.body);
    await identity.resetPassword.execute(token, password, anonymous(ctx));
    ctx.status = 204;
  });

  router.post('/send-verification-email', async (ctx) => {
    const { caregiver } = parseWith(sendVerificationBody, ctx.request.body);
    await identity.resendVerification.execute({
      ...(caregiver.id === undefined ? {} : { id: caregiver.id }),
      ...(caregiver.email === undefined ? {} : { email: caregiver.email.trim().toLowerCase() }),
    });
    ctx.status = 204;
  });

  router.post('/resend-verification-email', async (ctx) => {
    const { email: address } = parseWith(emailBody, ctx.request.body);
    await identity.resendVerification.execute({ email: address });
    ctx.body = { message: 'Verification email sent successfully' };
  });

  router.get('/verify-email', throttled, async (ctx) => {
    const token = typeof ctx.query['token'] === 'string' ? ctx.query['token'] : '';
    if (token === '') throw new DomainError('VERIFICATION_TOKEN_MISSING', 'invalid', 'Verification token is required');
    const result = await identity.verifyEmail.execute(token, anonymous(ctx));
    if (result.kind === 'already-verified') {
      ctx.body = {
        success: true,
        message: 'Email already verified',
        alreadyVerified: true,
        caregiver: null,
        tokens: null,
        org: null,
        patients: [],
      };
      return;
    }
    const payload = result.kind === 'verified' ? result.payload : null;
    const dto = payload === null ? null : loginPayloadDto(payload);
    ctx.body = {
      success: true,
      message: 'Email verified successfully',
      alreadyVerified: false,
      caregiver: dto?.['caregiver'] ?? null,
      tokens: dto?.['tokens'] ?? null,
      org: dto?.['org'] ?? null,
      patients: dto?.['patients'] ?? [],
    };
  });

  router.get('/invite-info', throttled, async (ctx) => {
    const { token } = parseWith(tokenQuery, ctx.query);
    const { caregiver } = await identity.invitations.info(token);
    ctx.body = { name: caregiver.name, email: caregiver.email, phone: caregiver.phone ?? '' };
  });

  router.post('/registerWithInvite', throttled, async (ctx) => {
    const input = parseWith(registerWithInviteBody, ctx.request.body);
    const accepted = await identity.invitations.accept(input, anonymous(ctx));
    ctx.status = 201;
    ctx.body = { caregiver: caregiverDto(accepted.caregiver), tokens: accepted.tokens };
  });

  router.post('/set-password-for-sso', throttled, async (ctx) => {
    const input = parseWith(setSsoPasswordBody, ctx.request.body);
    const session = await sessionCaregiver(identity, ctx.get('authorization'));
    const message = await identity.setPasswordForSso.execute(input, session, anonymous(ctx));
    ctx.body = { success: true, message };
  });

  return router;
};

/** The one public route that looks at a bearer token: only a valid session counts, anything else is ignored. */
const sessionCaregiver = async (identity: IdentityUseCases, header: string) => {
  const bearer = /^Bearer\s+(\S+)$/i.exec(header)?.[1] ?? null;
  if (bearer === null) return null;
  try {
    return (await identity.authenticate.execute(bearer, { passive: true })).caregiver;
  } catch {
    return null;
  }
};
