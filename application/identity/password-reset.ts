import { activeLock } from '../../domain/identity/caregiver';
import type { Actor } from '../../domain/shared/actor';
import { normalizeEmail } from '../../domain/shared/contact';
import { audit } from './audit-trail';
import { caregiverNotFound, resetTokenInvalid } from './identity-errors';
import { IdentityMail } from './identity-mail';
import type { IdentityPorts } from './identity-ports';
import { issueOneTimeToken, lookUpOneTimeToken } from './one-time-tokens';
import { hashNewPassword, withPassword } from './password-rules';

/** Forgot password: always succeeds (no account enumeration); at most 3 e-mails per address per hour. */
export class RequestPasswordReset {
  private readonly mail: IdentityMail;

  constructor(private readonly ports: IdentityPorts) {
    this.mail = new IdentityMail(ports);
  }

  async execute(rawEmail: string, actor: Actor): Promise<void> {
    const email = normalizeEmail(rawEmail);
    const caregiver = await this.ports.caregivers.findByEmail(email);
    if (caregiver === null || caregiver.role === 'invited') return;
    if ((await this.ports.rateLimiter.consume('account-mail', email)).limited) return;
    const token = await issueOneTimeToken(this.ports, caregiver, 'resetPassword');
    await audit(this.ports, actor, 'PASSWORD_RESET_REQUESTED', 'success', {
      type: 'caregiver',
      id: caregiver.id,
      orgId: caregiver.orgId,
    });
    await this.mail.send(this.mail.resetPassword(email, caregiver.name, token, 'requested'), 'reset-password');
  }
}

/**
 * Completes a reset (or an SSO set-password link): new password, every session revoked, failed-login counters
 * and a failed-login lock cleared; MFA stays as it is (a reset never bypasses MFA).
 */
export class ResetPassword {
  constructor(private readonly ports: IdentityPorts) {}

  async execute(plainToken: string, password: string, actor: Actor): Promise<void> {
    const { uow, caregivers, tokens, sessions, clock } = this.ports;
    const lookup = await lookUpOneTimeToken(this.ports, plainToken, ['resetPassword', 'setSsoPassword']);
    if (!lookup.ok) throw resetTokenInvalid(lookup.problem);
    const caregiver = await caregivers.findById(lookup.token.caregiverId);
    if (caregiver === null) throw caregiverNotFound();
    const hash = await hashNewPassword(this.ports, password, caregiver);
    await uow.run(async () => {
      const now = clock.now();
      const current = (await caregivers.findById(caregiver.id)) ?? caregiver;
      const lock = activeLock(current, now);
      await caregivers.update({
        ...withPassword(current, hash, now),
        failedLogins: { count: 0, windowStartedAt: null },
        lock: lock !== null && lock.reason === 'failed_logins' ? null : current.lock,
      });
      await tokens.markUsed(lookup.token.id, now);
      await audit(this.ports, actor, 'PASSWORD_RESET', 'success', {
        type: 'caregiver',
        id: caregiver.id,
        orgId: caregiver.orgId,
      });
    });
    await sessions.revokeAllOf(caregiver.id, 'password_reset', clock.now());
  }
}
