import Router from '@koa/router';
import type { Middleware } from 'koa';
import { z } from 'zod';
import type { IdentityUseCases } from '../../../application/identity/identity-use-cases';
import { ValidationError } from '../../../domain/shared/errors';
import { actorOf, authOf } from '../request-meta';
import { parseWith } from '../validation';

const sendBody = z.strictObject({ phoneNumber: z.string().max(40).optional() });
const verifyBody = z.strictObject({ code: z.string() });

/** `/v1/phone-verification/*` (API-CONTRACT.md §4.2): verify the caller's own phone by SMS code. */
export const phoneVerificationRoutes = (identity: IdentityUseCases, requireAuth: Middleware): Router => {
  const router = new Router({ prefix: '/v1/phone-verification' });

  const send: Middleware = async (ctx) => {
    const { phoneNumber } = parseWith(sendBody, ctx.request.body);
    const sent = await identity.phone.sendCode(authOf(ctx).caregiver, phoneNumber, actorOf(ctx));
    ctx.body = {
      success: true,
      message: 'Verification code sent',
      expiresAt: sent.expiresAt.toISOString(),
      phoneNumber: sent.maskedPhone,
    };
  };
  router.post('/send-code', requireAuth, send);
  router.post('/resend', requireAuth, send);

  router.post('/verify', requireAuth, async (ctx) => {
    const { code } = parseWith(verifyBody, ctx.request.body);
    if (!/^\d{6}$/.test(code.trim())) throw new ValidationError(['Verification code must be 6 digits']);
    await identity.phone.verify(authOf(ctx).caregiver, code.trim(), actorOf(ctx));
    ctx.body = { success: true, message: 'Phone number verified successfully' };
  });

  return router;
};
