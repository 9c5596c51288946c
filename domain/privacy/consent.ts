import { conflict, type DomainError } from '../shared/errors';
import type { PrivacySubjectType } from './privacy-subject';

/**
 * The ConsentRecord aggregate (DOMAIN.md §11.6) with the subjects and types of API-CONTRACT.md §6.3: caregivers
 * and patients (RESOLUTIONS.md 35: patient consent withdrawal is enforced). `active -> withdrawn` is terminal;
 * a newer record of the same subject and type supersedes the older ones, whose history is kept.
 */
export const CONSENT_TYPES = [
  'collection',
  'use',
  'disclosure',
  'recording',
  'transcription',
  'analysis',
  'marketing',
] as const;
export type ConsentType = (typeof CONSENT_TYPES)[number];

export const CONSENT_METHODS = ['explicit', 'implied'] as const;
export type ConsentMethod = (typeof CONSENT_METHODS)[number];

export const CONSENT_LIMITS = { purposeMax: 500, providedViaMax: 100, reasonMax: 1000 } as const;

/** DOMAIN.md §11.6: `PRIVACY_NOTICE_VERSION`, default `1.0` (no setting exists yet). */
export const DEFAULT_NOTICE_VERSION = '1.0';

export interface ConsentRecord {
  readonly id: string;
  readonly orgId: string;
  readonly subjectType: PrivacySubjectType;
  readonly subjectId: string;
  readonly consentType: ConsentType;
  readonly purpose: string;
  readonly method: ConsentMethod;
  /** How it was given (`app`, `registration`, `phone`, ...); free text from the caller. */
  readonly providedVia: string | null;
  readonly granted: boolean;
  readonly grantedAt: Date;
  /** The caregiver who recorded it (the subject, or staff/admin for a patient). */
  readonly recordedBy: string;
  readonly noticeVersion: string;
  readonly ipAddress: string | null;
  readonly userAgent: string | null;
  readonly withdrawnAt: Date | null;
  readonly withdrawnBy: string | null;
  readonly withdrawalReason: string | null;
  readonly supersededBy: string | null;
  readonly supersededAt: Date | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly version: number;
}

export interface NewConsent {
  readonly id: string;
  readonly orgId: string;
  readonly subjectType: PrivacySubjectType;
  readonly subjectId: string;
  readonly consentType: ConsentType;
  readonly purpose: string;
  readonly method?: ConsentMethod;
  readonly providedVia?: string | null;
  readonly recordedBy: string;
  readonly noticeVersion?: string;
  readonly ipAddress?: string | null;
  readonly userAgent?: string | null;
  readonly now: Date;
}

/** A granted consent; `explicit` unless the caller says otherwise. */
export const grantConsent = (input: NewConsent): ConsentRecord => ({
  id: input.id,
  orgId: input.orgId,
  subjectType: input.subjectType,
  subjectId: input.subjectId,
  consentType: input.consentType,
  purpose: input.purpose,
  method: input.method ?? 'explicit',
  providedVia: input.providedVia ?? null,
  granted: true,
  grantedAt: input.now,
  recordedBy: input.recordedBy,
  noticeVersion: input.noticeVersion ?? DEFAULT_NOTICE_VERSION,
  ipAddress: input.ipAddress ?? null,
  userAgent: input.userAgent ?? null,
  withdrawnAt: null,
  withdrawnBy: null,
  withdrawalReason: null,
  supersededBy: null,
  supersededAt: null,
  createdAt: input.now,
  updatedAt: input.now,
  version: 0,
});

export const consentAlreadyWithdrawn = (): DomainError =>
  conflict('CONSENT_ALREADY_WITHDRAWN', 'Consent already withdrawn', 'INVALID_TRANSITION');

export const isWithdrawn = (consent: ConsentRecord): boolean => consent.withdrawnAt !== null;

/** Granted, not withdrawn and not replaced by a newer record. */
export const isActiveConsent = (consent: ConsentRecord): boolean =>
  consent.granted && consent.withdrawnAt === null && consent.supersededBy === null;

/** `-> withdrawn`, once (409 `Consent already withdrawn` the second time). */
export const withdrawConsent = (
  consent: ConsentRecord,
  by: string,
  reason: string | null,
  now: Date,
): ConsentRecord => {
  if (isWithdrawn(consent)) throw consentAlreadyWithdrawn();
  return { ...consent, withdrawnAt: now, withdrawnBy: by, withdrawalReason: reason, updatedAt: now };
};

/** A newer record of the same subject and type replaces this one; already replaced records stay as they are. */
export const supersedeConsent = (consent: ConsentRecord, newerId: string, now: Date): ConsentRecord =>
  consent.supersededBy !== null ? consent : { ...consent, supersededBy: newerId, supersededAt: now, updatedAt: now };

/**
 * What the records of one subject and type say now. `none`: nothing recorded (for patients the organisation's
 * service agreement applies, DOMAIN.md O13); `active`: a current grant; `withdrawn`: records exist and none is
 * active, so the processing must stop.
 */
export type ConsentState = 'none' | 'active' | 'withdrawn';

export const consentState = (records: readonly ConsentRecord[], type: ConsentType): ConsentState => {
  const ofType = records.filter((record) => record.consentType === type);
  if (ofType.length === 0) return 'none';
  return ofType.some(isActiveConsent) ? 'active' : 'withdrawn';
};
