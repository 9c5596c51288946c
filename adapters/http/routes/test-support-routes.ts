import Router from '@koa/router';
import { z } from 'zod';
import type { IdentityUseCases } from '../../../application/identity/identity-use-cases';
import { issueOneTimeToken } from '../../../application/identity/one-time-tokens';
import { noMfa } from '../../../domain/identity/caregiver';
import type { MessageOutbox, CapturedMessage } from '../../../application/ports/message-outbox';
import { notFound, DomainError } from '../../../domain/shared/errors';
import { caregiverFields } from '../presenters/identity-presenters';
import { email, parseWith } from '../validation';

export interface TestSupportDeps {
  readonly identity: IdentityUseCases;
  readonly outbox: MessageOutbox;
  readonly clean: () => Promise<void>;
  readonly seed: () => Promise<{ org: string; caregiver: string; patients: readonly string[] }>;
}

const emailBody = z.strictObject({ email: email() });
const getEmailBody = z.strictObject({
  email: email(),
  waitForEmail: z.boolean().optional(),
  maxWaitMs: z.number().int().min(0).max(60_000).optional(),
});

const tokenIn = (text: string, path: string): string | null => {
  const match = new RegExp(`${path.replace(/[/?]/g, (c) => `\\${c}`)}\\?token=([A-Za-z0-9_.~-]+)`).exec(text);
  return match?.[1] ?? null;
};

const emailDto = (message: CapturedMessage) => ({
  subject: message.subject,
  from: message.from,
  to: message.to,
  text: message.text,
  html: message.html,
  date: message.sentAt.toISOString(),
  tokens: {
    verification: tokenIn(message.text, '/auth/verify-email'),
    invite: tokenIn(message.text, '/signup'),
    resetPassword: tokenIn(message.text, '/reset-password'),
  },
});

/**
 * `/v1/test/*` (API-CONTRACT.md §6.4): mounted only with TEST_SUPPORT_ROUTES=true outside production (the
 * configuration refuses it in production). No token: the app's e2e suite calls these without one.
 */
export const testSupportRoutes = (deps: TestSupportDeps): Router => {
  const router = new Router({ prefix: '/v1/test' });
  const { identity, outbox } = deps;
  const frontend = identity.ports.links.frontendUrl;

  const caregiverByEmail = async (address: string, message = 'Caregiver not found') => {
    const caregiver = await identity.ports.caregivers.findByEmail(address);
    if (caregiver === null) throw notFound('CAREGIVER_NOT_FOUND', message);
    return caregiver;
  };

  router.post('/clean', async (ctx) => {
    await deps.clean();
    ctx.body = { success: true, message: 'Database cleaned successfully' };
  });

  router.post('/seed', async (ctx) => {
    await deps.clean();
    const data = await deps.seed();
    ctx.body = {
      success: true,
      message: 'Database seeded successfully',
      data: { org: data.org, caregiver: data.caregiver, patients: data.patients },
    };
  });

  router.post('/get-email', async (ctx) => {
    const input = parseWith(getEmailBody, ctx.request.body);
    const deadline = Date.now() + (input.waitForEmail === true ? (input.maxWaitMs ?? 30_000) : 0);
    let message = outbox.lastTo(input.email);
    while (message === undefined && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      message = outbox.lastTo(input.email);
    }
    if (message === undefined || message.channel !== 'email') throw notFound('EMAIL_NOT_FOUND', 'Email not found');
    ctx.body = { success: true, email: emailDto(message) };
  });

  router.post('/send-verification-email', async (ctx) => {
    const { email: address } = parseWith(emailBody, ctx.request.body);
    const caregiver = await caregiverByEmail(address);
    const token = await issueOneTimeToken(identity.ports, caregiver, 'verifyEmail', { email: address });
    const link = `${frontend}/auth/verify-email?token=${token}`;
    await identity.ports.email.send({
      to: address,
      subject: 'Verify your email address',
      text: `Please confirm your email address.\n\n${link}\n`,
      html: `<p><a href="${link}">${link}</a></p>`,
    });
    ctx.body = { details: { verificationLinks: { frontend: link } } };
  });

  router.post('/generate-reset-password-link', async (ctx) => {
    const { email: address } = parseWith(emailBody, ctx.request.body);
    const caregiver = await caregiverByEmail(address);
    const token = await issueOneTimeToken(identity.ports, caregiver, 'resetPassword');
    ctx.body = { details: { resetPasswordLink: { frontend: `${frontend}/reset-password?token=${token}` }, token } };
  });

  router.post('/generate-invite-link', async (ctx) => {
    const { email: address } = parseWith(emailBody, ctx.request.body);
    const caregiver = await caregiverByEmail(address);
    if (caregiver.role !== 'invited')
      throw new DomainError('NOT_INVITED', 'invalid', 'Caregiver is not in invited state');
    const token = await issueOneTimeToken(identity.ports, caregiver, 'invite', {
      intendedRole: caregiver.intendedRole ?? 'staff',
      invitedBy: 'test-support',
    });
    ctx.body = { details: { inviteLink: { frontend: `${frontend}/signup?token=${token}` }, token } };
  });

  router.post('/reset-mfa', async (ctx) => {
    const { email: address } = parseWith(emailBody, ctx.request.body);
    const caregiver = await caregiverByEmail(address, 'User not found');
    if (!caregiver.mfa.enabled) {
      ctx.body = { success: true, message: 'MFA is already disabled for this user' };
      return;
    }
    await identity.ports.caregivers.update({ ...caregiver, mfa: noMfa, updatedAt: identity.ports.clock.now() });
    ctx.body = { success: true, message: 'MFA reset successfully' };
  });

  router.post('/get-caregiver-by-email', async (ctx) => {
    const { email: address } = parseWith(emailBody, ctx.request.body);
    ctx.body = caregiverFields(await caregiverByEmail(address));
  });

  router.post('/force-ethereal-init', (ctx) => {
    ctx.body = { success: true };
  });

  return router;
};
