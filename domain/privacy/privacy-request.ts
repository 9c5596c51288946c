import { conflict, type DomainError } from '../shared/errors';
import type { CorrectableField } from './correction';
import type { PrivacySubjectType } from './privacy-subject';

/**
 * The PrivacyRequest aggregate (DOMAIN.md §11.5) in the wire vocabulary of API-CONTRACT.md §6.3, which
 * RESOLUTIONS.md 35 makes the rule: `requestType`, `subjectType`, statuses `pending`, `processing`, `completed`,
 * `partially_fulfilled` and `denied` (api-endpoints.json names the started state `processing`), a 7-day export
 * window. Time never comes from inside: every transition takes `now`.
 */
export const PRIVACY_REQUEST_TYPES = ['access', 'correction', 'deletion'] as const;
export type PrivacyRequestType = (typeof PRIVACY_REQUEST_TYPES)[number];

export const PRIVACY_REQUEST_STATUSES = [
  'pending',
  'processing',
  'completed',
  'partially_fulfilled',
  'denied',
] as const;
export type PrivacyRequestStatus = (typeof PRIVACY_REQUEST_STATUSES)[number];

/** The numbers of DOMAIN.md §13 (privacy) and API-CONTRACT.md §6.3. */
export const PRIVACY_LIMITS = {
  informationRequestedMax: 1000,
  reasonMax: 1000,
  noteMax: 1000,
  responseDays: 30,
  extensionDays: 30,
  approachingDays: 5,
  exportDays: 7,
} as const;

const DAY_MS = 86_400_000;
export const addDays = (at: Date, days: number): Date => new Date(at.getTime() + days * DAY_MS);

export interface CorrectionDetails {
  readonly field: CorrectableField;
  /** Already normalised by the correction rules (e-mail lower-cased, phone in E.164); null clears the field. */
  readonly requestedValue: string | null;
  readonly reason: string | null;
}

/** Someone outside the system on whose behalf an admin files the request (a patient who phoned, a relative). */
export interface ExternalRequestor {
  readonly name: string;
  readonly email: string | null;
  readonly phone: string | null;
  readonly relationship: string | null;
  readonly identityVerified: boolean;
  readonly identityVerificationMethod: string | null;
}

export interface PrivacyNote {
  readonly at: Date;
  readonly by: string;
  readonly text: string;
}

export type AppealDecision = 'pending' | 'approved' | 'rejected';

/** A requester's appeal of a denial; decided once by an admin. */
export interface PrivacyAppeal {
  readonly reason: string | null;
  readonly filedAt: Date;
  readonly filedBy: string;
  readonly decision: AppealDecision;
  readonly decidedAt: Date | null;
  readonly decidedBy: string | null;
}

export interface PrivacyRequest {
  readonly id: string;
  /** The organisation of the subject. */
  readonly orgId: string;
  readonly requestType: PrivacyRequestType;
  readonly subjectType: PrivacySubjectType;
  readonly subjectId: string;
  /** The caregiver who filed it: the subject, or an admin acting for the subject or an external requestor. */
  readonly requestedBy: string;
  readonly informationRequested: string | null;
  readonly correctionDetails: CorrectionDetails | null;
  readonly externalRequestor: ExternalRequestor | null;
  readonly status: PrivacyRequestStatus;
  readonly responseDeadline: Date;
  readonly extendedDeadline: Date | null;
  readonly extensionReason: string | null;
  readonly startedAt: Date | null;
  readonly completedAt: Date | null;
  readonly deniedAt: Date | null;
  readonly denialReason: string | null;
  /** What completion did and what was kept (deletion: the retained records). */
  readonly completionNote: string | null;
  /** Access requests: until when the export may be downloaded. */
  readonly exportAvailableUntil: Date | null;
  readonly notes: readonly PrivacyNote[];
  readonly appeal: PrivacyAppeal | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly version: number;
}

export interface NewPrivacyRequest {
  readonly id: string;
  readonly orgId: string;
  readonly requestType: PrivacyRequestType;
  readonly subjectType: PrivacySubjectType;
  readonly subjectId: string;
  readonly requestedBy: string;
  readonly informationRequested?: string | null;
  readonly correctionDetails?: CorrectionDetails | null;
  readonly externalRequestor?: ExternalRequestor | null;
  readonly now: Date;
}

/** A new request: `pending`, due 30 days after it was filed. */
export const createPrivacyRequest = (input: NewPrivacyRequest): PrivacyRequest => ({
  id: input.id,
  orgId: input.orgId,
  requestType: input.requestType,
  subjectType: input.subjectType,
  subjectId: input.subjectId,
  requestedBy: input.requestedBy,
  informationRequested: input.informationRequested ?? null,
  correctionDetails: input.correctionDetails ?? null,
  externalRequestor: input.externalRequestor ?? null,
  status: 'pending',
  responseDeadline: addDays(input.now, PRIVACY_LIMITS.responseDays),
  extendedDeadline: null,
  extensionReason: null,
  startedAt: null,
  completedAt: null,
  deniedAt: null,
  denialReason: null,
  completionNote: null,
  exportAvailableUntil: null,
  notes: [],
  appeal: null,
  createdAt: input.now,
  updatedAt: input.now,
  version: 0,
});

/** 409 `Invalid status transition` (reason `INVALID_TRANSITION`, API-CONTRACT.md §3.1). */
export const invalidTransition = (): DomainError =>
  conflict('INVALID_TRANSITION', 'Invalid status transition', 'INVALID_TRANSITION');

/** Still awaiting an answer: the deadline runs, and it may be started, extended, denied or completed. */
export const isOpen = (request: PrivacyRequest): boolean =>
  request.status === 'pending' || request.status === 'processing';

export const effectiveDeadline = (request: PrivacyRequest): Date =>
  request.extendedDeadline ?? request.responseDeadline;

/** Open and past its effective deadline. */
export const isOverdue = (request: PrivacyRequest, now: Date): boolean =>
  isOpen(request) && now.getTime() > effectiveDeadline(request).getTime();

/** Open, not yet overdue, and due within 5 days. */
export const isApproaching = (request: PrivacyRequest, now: Date): boolean =>
  isOpen(request) &&
  !isOverdue(request, now) &&
  effectiveDeadline(request).getTime() - now.getTime() <= PRIVACY_LIMITS.approachingDays * DAY_MS;

const requireOpen = (request: PrivacyRequest): void => {
  if (!isOpen(request)) throw invalidTransition();
};

/** `pending -> processing`. */
export const startRequest = (request: PrivacyRequest, now: Date): PrivacyRequest => {
  if (request.status !== 'pending') throw invalidTransition();
  return { ...request, status: 'processing', startedAt: now, updatedAt: now };
};

/** `pending | processing -> denied`, with the reason the requester is told. */
export const denyRequest = (request: PrivacyRequest, reason: string, now: Date): PrivacyRequest => {
  requireOpen(request);
  return { ...request, status: 'denied', deniedAt: now, denialReason: reason, updatedAt: now };
};

/** Once, while open: the deadline moves 30 days past the original one. */
export const extendRequest = (request: PrivacyRequest, reason: string, now: Date): PrivacyRequest => {
  requireOpen(request);
  if (request.extendedDeadline !== null) throw invalidTransition();
  return {
    ...request,
    extendedDeadline: addDays(request.responseDeadline, PRIVACY_LIMITS.extensionDays),
    extensionReason: reason,
    updatedAt: now,
  };
};

/** Notes document the handling; they change no state, so any request takes them, closed ones included. */
export const addNote = (request: PrivacyRequest, by: string, text: string, now: Date): PrivacyRequest => ({
  ...request,
  notes: [...request.notes, { at: now, by, text }],
  updatedAt: now,
});

/** The requester contests a denial, once. */
export const appealRequest = (
  request: PrivacyRequest,
  by: string,
  reason: string | null,
  now: Date,
): PrivacyRequest => {
  if (request.status !== 'denied' || request.appeal !== null) throw invalidTransition();
  return {
    ...request,
    appeal: { reason, filedAt: now, filedBy: by, decision: 'pending', decidedAt: null, decidedBy: null },
    updatedAt: now,
  };
};

/**
 * An admin decides a pending appeal: approval reopens the request (`processing`, denial cleared, deadlines
 * unchanged, so a late answer still shows as overdue); rejection keeps it denied.
 */
export const decideAppeal = (request: PrivacyRequest, by: string, approve: boolean, now: Date): PrivacyRequest => {
  if (request.status !== 'denied' || request.appeal?.decision !== 'pending') throw invalidTransition();
  const appeal: PrivacyAppeal = {
    ...request.appeal,
    decision: approve ? 'approved' : 'rejected',
    decidedAt: now,
    decidedBy: by,
  };
  if (!approve) return { ...request, appeal, updatedAt: now };
  return { ...request, appeal, status: 'processing', deniedAt: null, denialReason: null, updatedAt: now };
};

export interface Completion {
  /** `partially_fulfilled` when part of the data is kept by law (deletion). */
  readonly status: 'completed' | 'partially_fulfilled';
  readonly note: string | null;
  /** Access requests: the end of the download window. */
  readonly exportAvailableUntil?: Date;
}

/** `pending | processing -> completed | partially_fulfilled`. */
export const completeRequest = (request: PrivacyRequest, completion: Completion, now: Date): PrivacyRequest => {
  requireOpen(request);
  return {
    ...request,
    status: completion.status,
    completedAt: now,
    completionNote: completion.note,
    exportAvailableUntil: completion.exportAvailableUntil ?? null,
    updatedAt: now,
  };
};

/** Whether the access export of a request may be downloaded at `now`. */
export const exportDownloadable = (request: PrivacyRequest, now: Date): boolean =>
  request.requestType === 'access' &&
  request.status === 'completed' &&
  request.exportAvailableUntil !== null &&
  now.getTime() < request.exportAvailableUntil.getTime();

/** List order (API-CONTRACT.md §6.3): earliest effective deadline first, then oldest, then id. */
export const compareByDeadline = (a: PrivacyRequest, b: PrivacyRequest): number =>
  effectiveDeadline(a).getTime() - effectiveDeadline(b).getTime() ||
  a.createdAt.getTime() - b.createdAt.getTime() ||
  (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
