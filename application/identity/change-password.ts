import type { Caregiver } from '../../domain/identity/caregiver';
import type { Actor } from '../../domain/shared/actor';
import { RateLimitedError } from '../../domain/shared/errors';
import { audit } from './audit-trail';
import { invalid } from './identity-errors';
import type { IdentityPorts } from './identity-ports';
import { modifyCaregiver } from './modify-caregiver';
import { hashNewPassword, withPassword } from './password-rules';

export interface ChangePasswordInput {
  readonly currentPassword: string;
  readonly newPassword: string;
}

const currentPasswordIncorrect = () => invalid('CURRENT_PASSWORD_INCORRECT', 'Current password is incorrect');

/**
 * `POST /auth/change-password` (DOMAIN.md §2.4.1, use-case 11): the caller proves the current password, the new
 * one passes the policy and differs from the last 5; then every other session of the caller ends and the calling
 * session stays. A wrong current password is a 400 (never 401, API-CONTRACT.md §2.7) and is audited. An SSO
 * account without a password has no current password to prove: it sets one through `set-password-for-sso`.
 */
export class ChangePassword {
  constructor(private readonly ports: IdentityPorts) {}

  async execute(caregiver: Caregiver, input: ChangePasswordInput, actor: Actor): Promise<void> {
    const { passwords, uow, clock, sessions } = this.ports;
    const resource = { type: 'caregiver', id: caregiver.id, orgId: caregiver.orgId };
    const provenHash = caregiver.passwordHash;
    // A stolen access token must not become a password oracle: wrong guesses share the strict `mfa` limit (5 / 15 min).
    const limit = await this.ports.rateLimiter.status('mfa', caregiver.id);
    if (limit.limited) throw new RateLimitedError(limit.retryAfterSeconds);
    if (provenHash === null || !(await passwords.verify(input.currentPassword, provenHash))) {
      await this.ports.rateLimiter.penalize('mfa', caregiver.id);
      await audit(this.ports, actor, 'PASSWORD_CHANGE_FAILED', 'failure', resource, { cause: 'current_password' });
      throw currentPasswordIncorrect();
    }
    const hash = await hashNewPassword(this.ports, input.newPassword, caregiver);
    await uow.run(async () => {
      const now = clock.now();
      await modifyCaregiver(this.ports, caregiver.id, (current) => {
        // The proof holds for the password it was checked against, not for one set meanwhile.
        if (current.passwordHash !== provenHash) throw currentPasswordIncorrect();
        return withPassword(current, hash, now);
      });
      await audit(this.ports, actor, 'PASSWORD_CHANGED', 'success', resource);
    });
    await sessions.revokeAllOf(caregiver.id, 'password_changed', clock.now(), actor.sessionId);
  }
}
