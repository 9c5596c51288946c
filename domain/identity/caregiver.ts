import { addMs, days, minutes, type IdentityPolicy } from './identity-policy';
import { isAdminRole, type IntendedRole, type Role } from './roles';

export type SsoProviderName = 'google' | 'microsoft';
export type LockReason = 'failed_logins' | 'data_volume' | 'consent_withdrawn' | 'admin';
export type ThemePreference = 'healthcare' | 'colorblind';

export interface SsoIdentity {
  readonly provider: SsoProviderName;
  readonly subject: string;
  readonly emailAtLink: string;
  readonly linkedAt: Date;
}

export interface MfaState {
  readonly enabled: boolean;
  readonly secretCiphertext: string | null;
  readonly pendingSecretCiphertext: string | null;
  readonly pendingBackupCodeHashes: readonly string[];
  readonly pendingExpiresAt: Date | null;
  readonly enrolledAt: Date | null;
  readonly backupCodeHashes: readonly string[];
  readonly lastAcceptedStep: number | null;
}

export interface AccountLock {
  readonly lockedAt: Date;
  readonly lockedUntil: Date | null;
  readonly reason: LockReason;
  readonly lockedBy: string;
}

export interface PhoneVerification {
  readonly codeHash: string;
  readonly targetNumber: string;
  readonly expiresAt: Date;
  readonly attemptsLeft: number;
}

/** A caregiver account (DOMAIN.md §2.1). `passwordHash` never leaves the persistence boundary. */
export interface Caregiver {
  readonly id: string;
  readonly orgId: string;
  readonly name: string;
  readonly email: string | null;
  readonly pendingEmail: string | null;
  readonly phone: string | null;
  readonly isPhoneVerified: boolean;
  readonly phoneVerifiedAt: Date | null;
  readonly phoneVerification: PhoneVerification | null;
  readonly avatar: string | null;
  readonly role: Role;
  readonly intendedRole: IntendedRole | null;
  readonly isEmailVerified: boolean;
  readonly emailVerifiedAt: Date | null;
  readonly passwordHash: string | null;
  readonly passwordChangedAt: Date | null;
  readonly passwordHistory: readonly string[];
  readonly ssoIdentities: readonly SsoIdentity[];
  readonly mfa: MfaState;
  readonly mfaGraceStartedAt: Date | null;
  readonly failedLogins: { readonly count: number; readonly windowStartedAt: Date | null };
  readonly lock: AccountLock | null;
  readonly preferredLanguage: string;
  readonly themePreference: ThemePreference;
  readonly telemetryOptIn: boolean | null;
  readonly lastLoginAt: Date | null;
  readonly deletedAt: Date | null;
  readonly formerEmailHash: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly version: number;
}

export const noMfa: MfaState = {
  enabled: false,
  secretCiphertext: null,
  pendingSecretCiphertext: null,
  pendingBackupCodeHashes: [],
  pendingExpiresAt: null,
  enrolledAt: null,
  backupCodeHashes: [],
  lastAcceptedStep: null,
};

export interface NewCaregiver {
  readonly id: string;
  readonly orgId: string;
  readonly name: string;
  readonly email: string;
  readonly phone: string | null;
  readonly role: Role;
  readonly intendedRole: IntendedRole | null;
  readonly passwordHash: string | null;
  readonly isEmailVerified: boolean;
  readonly now: Date;
}

export const createCaregiver = (input: NewCaregiver): Caregiver => ({
  id: input.id,
  orgId: input.orgId,
  name: input.name,
  email: input.email,
  pendingEmail: null,
  phone: input.phone,
  isPhoneVerified: false,
  phoneVerifiedAt: null,
  phoneVerification: null,
  avatar: null,
  role: input.role,
  intendedRole: input.intendedRole,
  isEmailVerified: input.isEmailVerified,
  emailVerifiedAt: input.isEmailVerified ? input.now : null,
  passwordHash: input.passwordHash,
  passwordChangedAt: input.passwordHash === null ? null : input.now,
  passwordHistory: input.passwordHash === null ? [] : [input.passwordHash],
  ssoIdentities: [],
  mfa: noMfa,
  mfaGraceStartedAt: isAdminRole(input.role) ? input.now : null,
  failedLogins: { count: 0, windowStartedAt: null },
  lock: null,
  preferredLanguage: 'en',
  themePreference: 'healthcare',
  telemetryOptIn: null,
  lastLoginAt: null,
  deletedAt: null,
  formerEmailHash: null,
  createdAt: input.now,
  updatedAt: input.now,
  version: 1,
});

/** A lock whose `lockedUntil` has passed counts as absent (auto-unlock is lazy). */
export const activeLock = (caregiver: Caregiver, now: Date): AccountLock | null => {
  const lock = caregiver.lock;
  if (lock === null) return null;
  if (lock.lockedUntil !== null && lock.lockedUntil.getTime() <= now.getTime()) return null;
  return lock;
};

export const lockMinutesRemaining = (lock: AccountLock, now: Date): number | null =>
  lock.lockedUntil === null ? null : Math.max(1, Math.ceil((lock.lockedUntil.getTime() - now.getTime()) / 60_000));

/**
 * Counts a failed login in the sliding window; the limit-th failure locks the account. Returns the updated
 * caregiver and whether this failure caused the lock.
 */
export const recordFailedLogin = (
  caregiver: Caregiver,
  now: Date,
  policy: IdentityPolicy,
): { caregiver: Caregiver; lockedNow: boolean } => {
  const start = caregiver.failedLogins.windowStartedAt;
  const inWindow = start !== null && now.getTime() - start.getTime() < minutes(policy.failedLoginWindowMinutes);
  const count = inWindow ? caregiver.failedLogins.count + 1 : 1;
  const windowStartedAt = inWindow ? start : now;
  if (count >= policy.failedLoginLimit && activeLock(caregiver, now) === null) {
    return {
      caregiver: {
        ...caregiver,
        failedLogins: { count: 0, windowStartedAt: null },
        lock: {
          lockedAt: now,
          lockedUntil: addMs(now, minutes(policy.lockMinutes)),
          reason: 'failed_logins',
          lockedBy: 'system',
        },
        updatedAt: now,
      },
      lockedNow: true,
    };
  }
  return { caregiver: { ...caregiver, failedLogins: { count, windowStartedAt }, updatedAt: now }, lockedNow: false };
};

export const mfaGraceEndsAt = (caregiver: Caregiver, policy: IdentityPolicy): Date | null => {
  if (!isAdminRole(caregiver.role) || caregiver.mfa.enabled || caregiver.mfaGraceStartedAt === null) return null;
  return addMs(caregiver.mfaGraceStartedAt, days(policy.mfaGraceDays));
};

export const mfaEnrollmentOverdue = (caregiver: Caregiver, now: Date, policy: IdentityPolicy): boolean => {
  if (!isAdminRole(caregiver.role) || caregiver.mfa.enabled) return false;
  const endsAt = mfaGraceEndsAt(caregiver, policy);
  return endsAt === null || now.getTime() > endsAt.getTime();
};

export const passwordExpired = (caregiver: Caregiver, now: Date, policy: IdentityPolicy): boolean => {
  if (!isAdminRole(caregiver.role) || caregiver.passwordChangedAt === null) return false;
  return caregiver.passwordChangedAt.getTime() + days(policy.passwordMaxAgeDays) <= now.getTime();
};

/** Moves an unverified or invited account into its intended role; admin roles start the MFA grace period. */
export const activate = (caregiver: Caregiver, now: Date): Caregiver => {
  const role: Role =
    caregiver.role === 'unverified' || caregiver.role === 'invited'
      ? (caregiver.intendedRole ?? 'staff')
      : caregiver.role;
  return withRole(
    { ...caregiver, isEmailVerified: true, emailVerifiedAt: caregiver.emailVerifiedAt ?? now, intendedRole: null },
    role,
    now,
  );
};

/** Sets a role; entering an admin role without MFA starts the grace period. */
export const withRole = (caregiver: Caregiver, role: Role, now: Date): Caregiver => {
  const enteringAdmin = isAdminRole(role) && !isAdminRole(caregiver.role);
  const mfaGraceStartedAt = enteringAdmin && !caregiver.mfa.enabled ? now : caregiver.mfaGraceStartedAt;
  return { ...caregiver, role, mfaGraceStartedAt, updatedAt: now };
};

export const isLoginCapable = (caregiver: Caregiver): boolean =>
  caregiver.deletedAt === null &&
  (caregiver.role === 'staff' || caregiver.role === 'orgAdmin' || caregiver.role === 'superAdmin');
