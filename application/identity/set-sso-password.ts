import type { Caregiver } from '../../domain/identity/caregiver';
import type { Actor } from '../../domain/shared/actor';
import { audit } from './audit-trail';
import { invalid } from './identity-errors';
import { IdentityMail } from './identity-mail';
import type { IdentityPorts } from './identity-ports';
import { issueOneTimeToken } from './one-time-tokens';
import { hashNewPassword, withPassword } from './password-rules';

export const SSO_PASSWORD_SET = 'Password set';
export const SSO_PASSWORD_MAILED = 'If this account can use a password, we have sent you an email to set it.';

/**
 * Sets a password on an SSO account: directly with a session of that same account, otherwise only by e-mailing a
 * set-password link. It never sets a password for an unauthenticated caller (the reference did: account takeover).
 */
export class SetPasswordForSso {
  private readonly mail: IdentityMail;

  constructor(private readonly ports: IdentityPorts) {
    this.mail = new IdentityMail(ports);
  }

  async execute(
    input: { email: string; password: string; confirmPassword: string },
    session: Caregiver | null,
    actor: Actor,
  ): Promise<string> {
    if (input.password !== input.confirmPassword) throw invalid('PASSWORDS_DIFFER', 'Passwords do not match');
    const hash = await hashNewPassword(this.ports, input.password, session ?? undefined);
    const caregiver = await this.ports.caregivers.findByEmail(input.email);
    const ssoWithoutPassword =
      caregiver !== null && caregiver.passwordHash === null && caregiver.ssoIdentities.length > 0;
    if (session !== null && caregiver !== null && session.id === caregiver.id && ssoWithoutPassword) {
      await this.ports.caregivers.update(withPassword(caregiver, hash, this.ports.clock.now()));
      await audit(this.ports, actor, 'PASSWORD_SET', 'success', {
        type: 'caregiver',
        id: caregiver.id,
        orgId: caregiver.orgId,
      });
      return SSO_PASSWORD_SET;
    }
    if (caregiver !== null && ssoWithoutPassword && caregiver.email !== null) {
      if (!(await this.ports.rateLimiter.consume('account-mail', caregiver.email)).limited) {
        const token = await issueOneTimeToken(this.ports, caregiver, 'setSsoPassword');
        await this.mail.send(this.mail.setSsoPassword(caregiver.email, caregiver.name, token), 'set-sso-password');
      }
    }
    return SSO_PASSWORD_MAILED;
  }
}
