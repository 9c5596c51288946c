import type { ConsentRecord } from '../../../domain/privacy/consent';
import { effectiveDeadline, type PrivacyRequest } from '../../../domain/privacy/privacy-request';

const iso = (at: Date | null): string | null => (at === null ? null : at.toISOString());

/**
 * PrivacyRequest as API-CONTRACT.md §6.3 names it (the DOMAIN.md §11.5 fields in the contract's vocabulary).
 * Internal-only values (none so far) would be left out here.
 */
export interface PrivacyRequestDto {
  id: string;
  org: string;
  requestType: string;
  subjectType: string;
  subjectId: string;
  requestedBy: string;
  status: string;
  informationRequested: string | null;
  correctionDetails: { field: string; requestedValue: string | null; reason: string | null } | null;
  externalRequestor: {
    name: string;
    email: string | null;
    phone: string | null;
    relationship: string | null;
    identityVerified: boolean;
    identityVerificationMethod: string | null;
  } | null;
  responseDeadline: string;
  extendedDeadline: string | null;
  effectiveDeadline: string;
  extensionReason: string | null;
  startedAt: string | null;
  completedAt: string | null;
  deniedAt: string | null;
  denialReason: string | null;
  completionNote: string | null;
  exportAvailableUntil: string | null;
  notes: { at: string; by: string; text: string }[];
  appeal: {
    reason: string | null;
    filedAt: string;
    filedBy: string;
    decision: string;
    decidedAt: string | null;
    decidedBy: string | null;
  } | null;
  createdAt: string;
  updatedAt: string;
}

export const privacyRequestDto = (r: PrivacyRequest): PrivacyRequestDto => ({
  id: r.id,
  org: r.orgId,
  requestType: r.requestType,
  subjectType: r.subjectType,
  subjectId: r.subjectId,
  requestedBy: r.requestedBy,
  status: r.status,
  informationRequested: r.informationRequested,
  correctionDetails: r.correctionDetails === null ? null : { ...r.correctionDetails },
  externalRequestor: r.externalRequestor === null ? null : { ...r.externalRequestor },
  responseDeadline: r.responseDeadline.toISOString(),
  extendedDeadline: iso(r.extendedDeadline),
  effectiveDeadline: effectiveDeadline(r).toISOString(),
  extensionReason: r.extensionReason,
  startedAt: iso(r.startedAt),
  completedAt: iso(r.completedAt),
  deniedAt: iso(r.deniedAt),
  denialReason: r.denialReason,
  completionNote: r.completionNote,
  exportAvailableUntil: iso(r.exportAvailableUntil),
  notes: r.notes.map((note) => ({ at: note.at.toISOString(), by: note.by, text: note.text })),
  appeal:
    r.appeal === null
      ? null
      : {
          reason: r.appeal.reason,
          filedAt: r.appeal.filedAt.toISOString(),
          filedBy: r.appeal.filedBy,
          decision: r.appeal.decision,
          decidedAt: iso(r.appeal.decidedAt),
          decidedBy: r.appeal.decidedBy,
        },
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

/** ConsentRecord (DOMAIN.md §11.6 with the subjects of API-CONTRACT.md §6.3); IP and user agent stay internal. */
export interface ConsentRecordDto {
  id: string;
  org: string;
  subjectType: string;
  subjectId: string;
  consentType: string;
  purpose: string;
  method: string;
  providedVia: string | null;
  granted: boolean;
  grantedAt: string;
  recordedBy: string;
  noticeVersion: string;
  withdrawn: boolean;
  withdrawnAt: string | null;
  withdrawnBy: string | null;
  withdrawalReason: string | null;
  superseded: boolean;
  supersededBy: string | null;
  createdAt: string;
}

export const consentDto = (c: ConsentRecord): ConsentRecordDto => ({
  id: c.id,
  org: c.orgId,
  subjectType: c.subjectType,
  subjectId: c.subjectId,
  consentType: c.consentType,
  purpose: c.purpose,
  method: c.method,
  providedVia: c.providedVia,
  granted: c.granted,
  grantedAt: c.grantedAt.toISOString(),
  recordedBy: c.recordedBy,
  noticeVersion: c.noticeVersion,
  withdrawn: c.withdrawnAt !== null,
  withdrawnAt: iso(c.withdrawnAt),
  withdrawnBy: c.withdrawnBy,
  withdrawalReason: c.withdrawalReason,
  superseded: c.supersededBy !== null,
  supersededBy: c.supersededBy,
  createdAt: c.createdAt.toISOString(),
});
