import type { ObjectId } from 'mongodb';
import type {
  AccountLock,
  Caregiver,
  LockReason,
  MfaState,
  PhoneVerification,
  SsoIdentity,
  SsoProviderName,
  ThemePreference,
} from '../../../domain/identity/caregiver';
import type { IntendedRole, Role } from '../../../domain/identity/roles';
import { hexOf, toObjectId } from './object-ids';

export interface SsoIdentityDocument {
  provider: SsoProviderName;
  subject: string;
  emailAtLink: string;
  linkedAt: Date;
}

export interface MfaDocument {
  enabled: boolean;
  secretCiphertext: string | null;
  pendingSecretCiphertext: string | null;
  pendingBackupCodeHashes: string[];
  pendingExpiresAt: Date | null;
  enrolledAt: Date | null;
  backupCodeHashes: string[];
  lastAcceptedStep: number | null;
}

export interface LockDocument {
  lockedAt: Date;
  lockedUntil: Date | null;
  reason: LockReason;
  lockedBy: string;
}

export interface PhoneVerificationDocument {
  codeHash: string;
  targetNumber: string;
  expiresAt: Date;
  attemptsLeft: number;
}

/** A caregiver as stored: `_id` and `orgId` are ObjectIds, dates are BSON dates, absent values are `null`. */
export interface CaregiverDocument {
  _id: ObjectId;
  orgId: ObjectId;
  name: string;
  email: string | null;
  pendingEmail: string | null;
  phone: string | null;
  isPhoneVerified: boolean;
  phoneVerifiedAt: Date | null;
  phoneVerification: PhoneVerificationDocument | null;
  avatar: string | null;
  role: Role;
  intendedRole: IntendedRole | null;
  isEmailVerified: boolean;
  emailVerifiedAt: Date | null;
  passwordHash: string | null;
  passwordChangedAt: Date | null;
  passwordHistory: string[];
  ssoIdentities: SsoIdentityDocument[];
  mfa: MfaDocument;
  mfaGraceStartedAt: Date | null;
  failedLogins: { count: number; windowStartedAt: Date | null };
  lock: LockDocument | null;
  preferredLanguage: string;
  themePreference: ThemePreference;
  telemetryOptIn: boolean | null;
  lastLoginAt: Date | null;
  deletedAt: Date | null;
  formerEmailHash: string | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

const ssoIdentityOf = (s: SsoIdentity | SsoIdentityDocument): SsoIdentityDocument => ({
  provider: s.provider,
  subject: s.subject,
  emailAtLink: s.emailAtLink,
  linkedAt: s.linkedAt,
});

const mfaOf = (m: MfaState | MfaDocument): MfaDocument => ({
  enabled: m.enabled,
  secretCiphertext: m.secretCiphertext,
  pendingSecretCiphertext: m.pendingSecretCiphertext,
  pendingBackupCodeHashes: [...m.pendingBackupCodeHashes],
  pendingExpiresAt: m.pendingExpiresAt,
  enrolledAt: m.enrolledAt,
  backupCodeHashes: [...m.backupCodeHashes],
  lastAcceptedStep: m.lastAcceptedStep,
});

const lockOf = (l: AccountLock | LockDocument | null): LockDocument | null =>
  l === null ? null : { lockedAt: l.lockedAt, lockedUntil: l.lockedUntil, reason: l.reason, lockedBy: l.lockedBy };

const phoneVerificationOf = (
  p: PhoneVerification | PhoneVerificationDocument | null,
): PhoneVerificationDocument | null =>
  p === null
    ? null
    : { codeHash: p.codeHash, targetNumber: p.targetNumber, expiresAt: p.expiresAt, attemptsLeft: p.attemptsLeft };

/** The fields stored as they are in the aggregate (everything but the ids and the nested values copied above). */
const plainFields = (c: Caregiver | CaregiverDocument) => ({
  name: c.name,
  email: c.email,
  pendingEmail: c.pendingEmail,
  phone: c.phone,
  isPhoneVerified: c.isPhoneVerified,
  phoneVerifiedAt: c.phoneVerifiedAt,
  avatar: c.avatar,
  role: c.role,
  intendedRole: c.intendedRole,
  isEmailVerified: c.isEmailVerified,
  emailVerifiedAt: c.emailVerifiedAt,
  passwordHash: c.passwordHash,
  passwordChangedAt: c.passwordChangedAt,
  mfaGraceStartedAt: c.mfaGraceStartedAt,
  failedLogins: { count: c.failedLogins.count, windowStartedAt: c.failedLogins.windowStartedAt },
  preferredLanguage: c.preferredLanguage,
  themePreference: c.themePreference,
  telemetryOptIn: c.telemetryOptIn,
  lastLoginAt: c.lastLoginAt,
  deletedAt: c.deletedAt,
  formerEmailHash: c.formerEmailHash,
  createdAt: c.createdAt,
  updatedAt: c.updatedAt,
  version: c.version,
});

export const caregiverToDocument = (c: Caregiver): CaregiverDocument => ({
  _id: toObjectId(c.id),
  orgId: toObjectId(c.orgId, 'orgId'),
  ...plainFields(c),
  phoneVerification: phoneVerificationOf(c.phoneVerification),
  passwordHistory: [...c.passwordHistory],
  ssoIdentities: c.ssoIdentities.map(ssoIdentityOf),
  mfa: mfaOf(c.mfa),
  lock: lockOf(c.lock),
});

export const caregiverFromDocument = (doc: CaregiverDocument): Caregiver => ({
  id: hexOf(doc._id),
  orgId: hexOf(doc.orgId),
  ...plainFields(doc),
  phoneVerification: phoneVerificationOf(doc.phoneVerification),
  passwordHistory: [...doc.passwordHistory],
  ssoIdentities: doc.ssoIdentities.map(ssoIdentityOf),
  mfa: mfaOf(doc.mfa),
  lock: lockOf(doc.lock),
});
