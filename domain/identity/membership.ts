import { noMfa, type Caregiver } from './caregiver';

/**
 * Rules about who belongs to an organisation (DOMAIN.md §2.2 rule 1, §2.4.12). Pure: the application layer
 * loads the members and patient count and applies the result.
 */

/**
 * The soft delete of an account: the address is released (kept only as a keyed hash for audit lookups), the
 * pending address, phone verification, MFA and SSO identities are cleared. Sessions, tokens and care-team
 * assignments live elsewhere and are revoked by the caller.
 */
export const softDeletedCaregiver = (caregiver: Caregiver, formerEmailHash: string | null, now: Date): Caregiver => ({
  ...caregiver,
  email: null,
  pendingEmail: null,
  formerEmailHash,
  isPhoneVerified: false,
  phoneVerifiedAt: null,
  phoneVerification: null,
  mfa: noMfa,
  mfaGraceStartedAt: null,
  ssoIdentities: [],
  deletedAt: now,
  updatedAt: now,
});

/**
 * Whether an organisation still satisfies "at least one active orgAdmin while it has any other active caregiver
 * or patient" once a change is made. `members` is the organisation's membership after the change (the leaving
 * caregiver removed, a demoted one present with the new role).
 */
export const keepsAnOrgAdmin = (members: readonly Caregiver[], patientCount: number): boolean => {
  if (members.some((member) => member.deletedAt === null && member.role === 'orgAdmin')) return true;
  return members.every((member) => member.deletedAt !== null) && patientCount === 0;
};
