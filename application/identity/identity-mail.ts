import type { EmailMessage } from '../ports/email-sender';
import type { IdentityPorts } from './identity-ports';

/**
 * The identity e-mails. Links carry tokens only in the path the app expects; texts state the real lifetime.
 * Sending happens after commit and never fails the request that caused it (the user can ask again).
 */
const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

const message = (to: string, subject: string, lines: readonly string[], link: string): EmailMessage => ({
  to,
  subject,
  text: [...lines, '', link, ''].join('\n'),
  html: `${lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('')}<p><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p>`,
});

const lifetime = (minutes: number): string =>
  minutes % (24 * 60) === 0
    ? `${minutes / (24 * 60)} day${minutes === 24 * 60 ? '' : 's'}`
    : minutes % 60 === 0
      ? `${minutes / 60} hour${minutes === 60 ? '' : 's'}`
      : `${minutes} minutes`;

export class IdentityMail {
  constructor(private readonly ports: IdentityPorts) {}

  private link(path: string, token: string): string {
    return `${this.ports.links.frontendUrl}${path}?token=${token}`;
  }

  verifyEmail(to: string, name: string, token: string): EmailMessage {
    const minutes = this.ports.policy.tokenLifetimesMinutes.verifyEmail;
    return message(
      to,
      'Verify your email address',
      [`Hello ${name},`, `Please confirm your email address. This link is valid for ${lifetime(minutes)}.`],
      this.link('/auth/verify-email', token),
    );
  }

  changeEmail(to: string, name: string, token: string): EmailMessage {
    const minutes = this.ports.policy.tokenLifetimesMinutes.changeEmail;
    return message(
      to,
      'Confirm your new email address',
      [
        `Hello ${name},`,
        `Please confirm this new email address for your account. This link is valid for ${lifetime(minutes)}.`,
      ],
      this.link('/auth/verify-email', token),
    );
  }

  resetPassword(to: string, name: string, token: string, reason: 'requested' | 'expired'): EmailMessage {
    const minutes = this.ports.policy.tokenLifetimesMinutes.resetPassword;
    const intro =
      reason === 'expired'
        ? 'Your password has expired and must be changed.'
        : 'We received a request to reset your password.';
    return message(
      to,
      'Reset your password',
      [`Hello ${name},`, intro, `This link is valid for ${lifetime(minutes)}.`],
      this.link('/reset-password', token),
    );
  }

  setSsoPassword(to: string, name: string, token: string): EmailMessage {
    const minutes = this.ports.policy.tokenLifetimesMinutes.setSsoPassword;
    return message(
      to,
      'Set a password for your account',
      [`Hello ${name},`, `Use this link to set a password for your account. It is valid for ${lifetime(minutes)}.`],
      this.link('/reset-password', token),
    );
  }

  invite(to: string, name: string, orgName: string, token: string): EmailMessage {
    const minutes = this.ports.policy.tokenLifetimesMinutes.invite;
    return message(
      to,
      `You are invited to join ${orgName}`,
      [
        `Hello ${name},`,
        `You have been invited to join ${orgName} on MyPhoneFriend. This invitation is valid for ${lifetime(minutes)}.`,
      ],
      this.link('/signup', token),
    );
  }

  accountLocked(to: string, name: string, minutes: number): EmailMessage {
    return {
      to,
      subject: 'Your account was locked',
      text: `Hello ${name},\n\nAfter several failed sign-in attempts your account is locked for ${minutes} minutes. If this was not you, reset your password.\n`,
      html: `<p>Hello ${escapeHtml(name)},</p><p>After several failed sign-in attempts your account is locked for ${minutes} minutes. If this was not you, reset your password.</p>`,
    };
  }

  /** Sends, logging (without recipient or content) instead of failing the caller. */
  async send(mail: EmailMessage, purpose: string): Promise<void> {
    try {
      await this.ports.email.send(mail);
    } catch (error) {
      this.ports.logger.warn({ err: error, purpose }, 'e-mail could not be sent');
    }
  }
}
