import { DomainError } from '../../domain/shared/errors';
import type { TokenProblem } from '../../domain/identity/one-time-token';

/** The identity context's wire errors, with the exact texts and reasons of API-CONTRACT.md §2-§4. */
export const invalidCredentials = (): DomainError =>
  new DomainError('INVALID_CREDENTIALS', 'unauthenticated', 'Incorrect email or password');

export const accountLocked = (minutesRemaining: number | null): DomainError =>
  new DomainError(
    'ACCOUNT_LOCKED',
    'forbidden',
    'This account is locked. Try again later or ask your administrator to unlock it.',
    {
      reason: 'ACCOUNT_LOCKED',
      ...(minutesRemaining === null ? {} : { extra: { minutesRemaining } }),
    },
  );

export const ssoPasswordNotSet = (provider: string): DomainError =>
  new DomainError(
    'SSO_PASSWORD_NOT_SET',
    'forbidden',
    'This account was set up with single sign-on (SSO). Link a password to it or continue with SSO.',
    { reason: 'SSO_PASSWORD_NOT_SET', extra: { requiresPasswordLinking: true, ssoProvider: provider } },
  );

export const emailNotVerified = (): DomainError =>
  new DomainError(
    'EMAIL_NOT_VERIFIED',
    'forbidden',
    'Please verify your email before logging in. We have sent you a new verification email.',
    { reason: 'EMAIL_NOT_VERIFIED' },
  );

export const mfaInvalid = (): DomainError =>
  new DomainError('MFA_INVALID', 'invalid', 'Invalid MFA code', { reason: 'MFA_INVALID' });

export const mfaEnrollmentRequired = (): DomainError =>
  new DomainError(
    'MFA_ENROLLMENT_REQUIRED',
    'forbidden',
    'Multi-factor authentication must be set up for administrator accounts. Ask another administrator to extend your setup period.',
    { reason: 'MFA_ENROLLMENT_REQUIRED' },
  );

export const passwordExpiredError = (): DomainError =>
  new DomainError(
    'PASSWORD_EXPIRED',
    'forbidden',
    'Your password has expired. We have emailed you instructions to choose a new one.',
    {
      reason: 'PASSWORD_EXPIRED',
    },
  );

export type UnauthenticatedReason =
  'TOKEN_MISSING' | 'TOKEN_INVALID' | 'SESSION_REVOKED' | 'SESSION_EXPIRED' | 'IDLE_TIMEOUT';

export const unauthenticated = (reason: UnauthenticatedReason, extra?: Record<string, number>): DomainError =>
  new DomainError(
    `UNAUTHENTICATED_${reason}`,
    'unauthenticated',
    reason === 'IDLE_TIMEOUT' ? 'Session expired due to inactivity' : 'Please authenticate',
    extra === undefined ? { reason } : { reason, extra },
  );

export type RefreshFailure = 'TOKEN_INVALID' | 'SESSION_EXPIRED' | 'SESSION_REVOKED' | 'IDLE_TIMEOUT';

export const refreshInvalid = (reason: RefreshFailure): DomainError =>
  new DomainError(`REFRESH_INVALID_${reason}`, 'invalid', 'Invalid or expired refresh token', { reason });

export const passwordPolicy = (message: string): DomainError => new DomainError('PASSWORD_POLICY', 'invalid', message);

export const invalid = (id: string, message: string, reason?: string): DomainError =>
  new DomainError(id, 'invalid', message, reason === undefined ? {} : { reason });

const tokenReason = (problem: TokenProblem): string => `TOKEN_${problem}`;

export const inviteTokenInvalid = (problem: TokenProblem): DomainError =>
  problem === 'EXPIRED'
    ? invalid('INVITE_TOKEN_EXPIRED', 'Invite token has expired', 'TOKEN_EXPIRED')
    : invalid('INVITE_TOKEN_INVALID', 'Invalid or expired invite token', tokenReason(problem));

export const resetTokenInvalid = (problem: TokenProblem): DomainError =>
  invalid('RESET_TOKEN_INVALID', 'Invalid or expired password reset token', tokenReason(problem));

export const verificationTokenInvalid = (problem: TokenProblem): DomainError =>
  invalid('VERIFICATION_TOKEN_INVALID', 'Invalid or expired verification link', tokenReason(problem));

export const emailTaken = (): DomainError =>
  new DomainError('EMAIL_TAKEN', 'conflict', 'Email already taken', { reason: 'EMAIL_TAKEN' });

export const caregiverNotFound = (): DomainError =>
  new DomainError('CAREGIVER_NOT_FOUND', 'not-found', 'Caregiver not found');
export const orgNotFound = (): DomainError => new DomainError('ORG_NOT_FOUND', 'not-found', 'Org not found');

export const lastOrgAdmin = (): DomainError =>
  new DomainError('LAST_ORG_ADMIN', 'conflict', 'An organization must keep at least one orgAdmin', {
    reason: 'LAST_ORG_ADMIN',
  });
