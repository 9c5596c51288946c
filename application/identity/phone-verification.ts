import type { Caregiver } from '../../domain/identity/caregiver';
import { addMs, minutes } from '../../domain/identity/identity-policy';
import { maskPhone, normalizePhone } from '../../domain/shared/contact';
import type { Actor } from '../../domain/shared/actor';
import { type DomainError, RateLimitedError } from '../../domain/shared/errors';
import { audit } from './audit-trail';
import { invalid } from './identity-errors';
import type { IdentityPorts } from './identity-ports';

export interface CodeSent {
  readonly expiresAt: Date;
  readonly maskedPhone: string;
}

const tooManySends = (retryAfterSeconds: number): DomainError => {
  const error = new RateLimitedError(retryAfterSeconds);
  return Object.assign(error, { message: 'Too many verification codes requested. Please try again later.' });
};

/** Phone verification by SMS code (API-CONTRACT.md §4.2): hashed codes, 10 minutes, 5 attempts, 3 sends an hour. */
export class VerifyPhone {
  constructor(private readonly ports: IdentityPorts) {}

  async sendCode(caregiver: Caregiver, phoneNumber: string | undefined, actor: Actor): Promise<CodeSent> {
    const raw = phoneNumber ?? caregiver.phone ?? '';
    if (raw.trim() === '') throw invalid('PHONE_REQUIRED', 'Phone number is required');
    const target = normalizePhone(raw);
    if (target === null) throw invalid('PHONE_INVALID', 'Invalid phone number format');
    if (caregiver.isPhoneVerified && caregiver.phone === target)
      throw invalid('PHONE_ALREADY_VERIFIED', 'Phone number is already verified');
    const limit = await this.ports.rateLimiter.consume('phone-send', caregiver.id);
    if (limit.limited) throw tooManySends(limit.retryAfterSeconds);

    const now = this.ports.clock.now();
    const code = this.ports.random.digits(6);
    const expiresAt = addMs(now, minutes(this.ports.policy.phoneCodeMinutes));
    await this.ports.caregivers.update({
      ...caregiver,
      phoneVerification: {
        codeHash: this.ports.hasher.hmac(`phone:${caregiver.id}:${code}`),
        targetNumber: target,
        expiresAt,
        attemptsLeft: this.ports.policy.phoneCodeAttempts,
      },
      updatedAt: now,
    });
    await this.ports.sms.send({
      to: target,
      text: `Your MyPhoneFriend verification code is ${code}. It expires in ${this.ports.policy.phoneCodeMinutes} minutes.`,
    });
    await audit(this.ports, actor, 'PHONE_CODE_SENT', 'success', {
      type: 'caregiver',
      id: caregiver.id,
      orgId: caregiver.orgId,
    });
    return { expiresAt, maskedPhone: maskPhone(target) };
  }

  async verify(caregiver: Caregiver, code: string, actor: Actor): Promise<void> {
    const { caregivers, orgs, clock, hasher } = this.ports;
    const now = clock.now();
    const live = caregiver.phoneVerification;
    if (live === null)
      throw invalid('PHONE_CODE_MISSING', 'No verification code found. Please request a new code.', 'CODE_EXPIRED');
    if (live.expiresAt <= now) {
      await caregivers.update({ ...caregiver, phoneVerification: null, updatedAt: now });
      throw invalid('PHONE_CODE_EXPIRED', 'Verification code expired. Please request a new code.', 'CODE_EXPIRED');
    }
    if (!hasher.equal(live.codeHash, hasher.hmac(`phone:${caregiver.id}:${code}`))) {
      const attemptsLeft = live.attemptsLeft - 1;
      await caregivers.update({
        ...caregiver,
        phoneVerification: attemptsLeft <= 0 ? null : { ...live, attemptsLeft },
        updatedAt: now,
      });
      await audit(this.ports, actor, 'PHONE_CODE_REJECTED', 'failure', {
        type: 'caregiver',
        id: caregiver.id,
        orgId: caregiver.orgId,
      });
      if (attemptsLeft <= 0)
        throw invalid('PHONE_CODE_ATTEMPTS', 'Too many incorrect attempts. Please request a new code.', 'CODE_WRONG');
      throw invalid('PHONE_CODE_WRONG', 'Invalid verification code', 'CODE_WRONG');
    }
    await caregivers.update({
      ...caregiver,
      phone: live.targetNumber,
      isPhoneVerified: true,
      phoneVerifiedAt: now,
      phoneVerification: null,
      updatedAt: now,
    });
    if (caregiver.role === 'orgAdmin') {
      const org = await orgs.findById(caregiver.orgId);
      if (org !== null && org.phone === null) await orgs.update({ ...org, phone: live.targetNumber, updatedAt: now });
    }
    await audit(this.ports, actor, 'PHONE_VERIFIED', 'success', {
      type: 'caregiver',
      id: caregiver.id,
      orgId: caregiver.orgId,
    });
  }
}
