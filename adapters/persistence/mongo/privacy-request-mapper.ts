import type { ObjectId } from 'mongodb';
import type { CorrectableField } from '../../../domain/privacy/correction';
import type {
  AppealDecision,
  ExternalRequestor,
  PrivacyRequest,
  PrivacyRequestStatus,
  PrivacyRequestType,
} from '../../../domain/privacy/privacy-request';
import type { PrivacySubjectType } from '../../../domain/privacy/privacy-subject';
import { hexOf, nullableHex, nullableObjectId, toObjectId } from './object-ids';

/** A privacy request as stored: ids are ObjectIds, dates BSON dates, absent values `null`. */
export interface PrivacyRequestDocument {
  _id: ObjectId;
  orgId: ObjectId;
  requestType: PrivacyRequestType;
  subjectType: PrivacySubjectType;
  subjectId: ObjectId;
  requestedBy: ObjectId;
  informationRequested: string | null;
  correctionDetails: { field: CorrectableField; requestedValue: string | null; reason: string | null } | null;
  externalRequestor: ExternalRequestor | null;
  status: PrivacyRequestStatus;
  responseDeadline: Date;
  extendedDeadline: Date | null;
  extensionReason: string | null;
  startedAt: Date | null;
  completedAt: Date | null;
  deniedAt: Date | null;
  denialReason: string | null;
  completionNote: string | null;
  exportAvailableUntil: Date | null;
  notes: { at: Date; by: ObjectId; text: string }[];
  appeal: {
    reason: string | null;
    filedAt: Date;
    filedBy: ObjectId;
    decision: AppealDecision;
    decidedAt: Date | null;
    decidedBy: ObjectId | null;
  } | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

/** The fields stored as they are in the aggregate. */
const plainFields = (r: PrivacyRequest | PrivacyRequestDocument) => ({
  requestType: r.requestType,
  subjectType: r.subjectType,
  informationRequested: r.informationRequested,
  correctionDetails: r.correctionDetails === null ? null : { ...r.correctionDetails },
  externalRequestor: r.externalRequestor === null ? null : { ...r.externalRequestor },
  status: r.status,
  responseDeadline: r.responseDeadline,
  extendedDeadline: r.extendedDeadline,
  extensionReason: r.extensionReason,
  startedAt: r.startedAt,
  completedAt: r.completedAt,
  deniedAt: r.deniedAt,
  denialReason: r.denialReason,
  completionNote: r.completionNote,
  exportAvailableUntil: r.exportAvailableUntil,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
  version: r.version,
});

export const privacyRequestToDocument = (r: PrivacyRequest): PrivacyRequestDocument => ({
  _id: toObjectId(r.id),
  orgId: toObjectId(r.orgId, 'orgId'),
  subjectId: toObjectId(r.subjectId, 'subjectId'),
  requestedBy: toObjectId(r.requestedBy, 'requestedBy'),
  ...plainFields(r),
  notes: r.notes.map((note) => ({ at: note.at, by: toObjectId(note.by, 'notes.by'), text: note.text })),
  appeal:
    r.appeal === null
      ? null
      : {
          ...r.appeal,
          filedBy: toObjectId(r.appeal.filedBy, 'appeal.filedBy'),
          decidedBy: nullableObjectId(r.appeal.decidedBy, 'appeal.decidedBy'),
        },
});

export const privacyRequestFromDocument = (doc: PrivacyRequestDocument): PrivacyRequest => ({
  id: hexOf(doc._id),
  orgId: hexOf(doc.orgId),
  subjectId: hexOf(doc.subjectId),
  requestedBy: hexOf(doc.requestedBy),
  ...plainFields(doc),
  notes: doc.notes.map((note) => ({ at: note.at, by: hexOf(note.by), text: note.text })),
  appeal:
    doc.appeal === null
      ? null
      : { ...doc.appeal, filedBy: hexOf(doc.appeal.filedBy), decidedBy: nullableHex(doc.appeal.decidedBy) },
});
