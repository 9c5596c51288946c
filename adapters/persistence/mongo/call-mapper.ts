import type { ObjectId } from 'mongodb';
import {
  ACTIVE_CALL_STATUSES,
  type AnsweredBy,
  type Call,
  type CallOutcome,
  type CallStatus,
  type CallTrigger,
  type CaregiverReport,
  type EndReason,
  type ReportedOutcome,
  type TelephonyProviderName,
} from '../../../domain/calls/call';
import { hexOf, nullableHex, nullableObjectId, toObjectId } from './object-ids';

interface CaregiverReportDocument {
  caregiverId: ObjectId;
  status: CaregiverReport['status'];
  outcome: ReportedOutcome | null;
  notes: string | null;
  at: Date;
}

/**
 * A call as stored: ids are ObjectIds, dates BSON dates, absent values `null`. `active` (non-terminal) and
 * `scheduled` are derived on write so the partial unique indexes filter on plain equality, which every server
 * (and the wire test server) evaluates the same way; a status list or a `$type` test would not.
 */
export interface CallDocument {
  _id: ObjectId;
  orgId: ObjectId;
  patientId: ObjectId;
  conversationId: ObjectId;
  trigger: CallTrigger;
  direction: 'outbound';
  scheduleId: ObjectId | null;
  occurrenceAt: Date | null;
  attempt: number;
  originalCallId: ObjectId | null;
  maxRetries: number;
  retryScheduledAt: Date | null;
  initiatedBy: ObjectId | null;
  callNotes: string;
  endNotes: string | null;
  reportedOutcome: ReportedOutcome | null;
  reports: CaregiverReportDocument[];
  status: CallStatus;
  active: boolean;
  /** Derived: the call belongs to a schedule's occurrence (the partial filter of its unique index). */
  scheduled: boolean;
  outcome: CallOutcome | null;
  endReason: EndReason | null;
  failureCode: string | null;
  answeredBy: AnsweredBy | null;
  telephonyProvider: TelephonyProviderName;
  providerCallRef: string | null;
  queuedAt: Date;
  dialingAt: Date | null;
  ringingAt: Date | null;
  answeredAt: Date | null;
  agentConnectedAt: Date | null;
  endedAt: Date | null;
  lastPatientSpeechAt: Date | null;
  durationSeconds: number;
  billableSeconds: number;
  costMillicents: number;
  lineItemId: ObjectId | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

/** The fields stored as they are in the aggregate (everything but ids and embedded reports). */
const plainFields = (c: Call | CallDocument) => ({
  trigger: c.trigger,
  direction: c.direction,
  occurrenceAt: c.occurrenceAt,
  attempt: c.attempt,
  maxRetries: c.maxRetries,
  retryScheduledAt: c.retryScheduledAt,
  callNotes: c.callNotes,
  endNotes: c.endNotes,
  reportedOutcome: c.reportedOutcome,
  status: c.status,
  outcome: c.outcome,
  endReason: c.endReason,
  failureCode: c.failureCode,
  answeredBy: c.answeredBy,
  telephonyProvider: c.telephonyProvider,
  providerCallRef: c.providerCallRef,
  queuedAt: c.queuedAt,
  dialingAt: c.dialingAt,
  ringingAt: c.ringingAt,
  answeredAt: c.answeredAt,
  agentConnectedAt: c.agentConnectedAt,
  endedAt: c.endedAt,
  lastPatientSpeechAt: c.lastPatientSpeechAt,
  durationSeconds: c.durationSeconds,
  billableSeconds: c.billableSeconds,
  costMillicents: c.costMillicents,
  createdAt: c.createdAt,
  updatedAt: c.updatedAt,
  version: c.version,
});

export const callToDocument = (c: Call): CallDocument => ({
  _id: toObjectId(c.id),
  orgId: toObjectId(c.orgId, 'orgId'),
  patientId: toObjectId(c.patientId, 'patientId'),
  conversationId: toObjectId(c.conversationId, 'conversationId'),
  scheduleId: nullableObjectId(c.scheduleId, 'scheduleId'),
  originalCallId: nullableObjectId(c.originalCallId, 'originalCallId'),
  initiatedBy: nullableObjectId(c.initiatedBy, 'initiatedBy'),
  lineItemId: nullableObjectId(c.lineItemId, 'lineItemId'),
  reports: c.reports.map((r) => ({ ...r, caregiverId: toObjectId(r.caregiverId, 'caregiverId') })),
  active: ACTIVE_CALL_STATUSES.includes(c.status),
  scheduled: c.scheduleId !== null,
  ...plainFields(c),
});

export const callFromDocument = (doc: CallDocument): Call => ({
  id: hexOf(doc._id),
  orgId: hexOf(doc.orgId),
  patientId: hexOf(doc.patientId),
  conversationId: hexOf(doc.conversationId),
  scheduleId: nullableHex(doc.scheduleId),
  originalCallId: nullableHex(doc.originalCallId),
  initiatedBy: nullableHex(doc.initiatedBy),
  lineItemId: nullableHex(doc.lineItemId),
  reports: doc.reports.map((r) => ({
    caregiverId: hexOf(r.caregiverId),
    status: r.status,
    outcome: r.outcome,
    notes: r.notes,
    at: r.at,
  })),
  ...plainFields(doc),
});
