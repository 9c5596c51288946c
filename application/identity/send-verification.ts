import type { Caregiver } from '../../domain/identity/caregiver';
import { IdentityMail } from './identity-mail';
import type { IdentityPorts } from './identity-ports';
import { issueOneTimeToken } from './one-time-tokens';

/**
 * Sends a verification link for an unverified account or a pending address change, to the stored address
 * only, at most 3 per address per hour (`account-mail`; extra requests are dropped silently).
 */
export const sendVerificationIfDue = async (ports: IdentityPorts, caregiver: Caregiver): Promise<void> => {
  const mail = new IdentityMail(ports);
  if (caregiver.role === 'unverified' && caregiver.email !== null) {
    if ((await ports.rateLimiter.consume('account-mail', caregiver.email)).limited) return;
    const token = await issueOneTimeToken(ports, caregiver, 'verifyEmail', { email: caregiver.email });
    await mail.send(mail.verifyEmail(caregiver.email, caregiver.name, token), 'verify-email');
    return;
  }
  if (caregiver.pendingEmail !== null) {
    if ((await ports.rateLimiter.consume('account-mail', caregiver.pendingEmail)).limited) return;
    const token = await issueOneTimeToken(ports, caregiver, 'changeEmail', { newEmail: caregiver.pendingEmail });
    await mail.send(mail.changeEmail(caregiver.pendingEmail, caregiver.name, token), 'change-email');
  }
};
