/** Whom a privacy request or a consent record is about (API-CONTRACT.md §6.3). */
export const PRIVACY_SUBJECT_TYPES = ['caregiver', 'patient'] as const;
export type PrivacySubjectType = (typeof PRIVACY_SUBJECT_TYPES)[number];

export interface PrivacySubject {
  readonly type: PrivacySubjectType;
  readonly id: string;
  /** The subject's organisation. */
  readonly orgId: string;
}
