import type { ObjectId } from 'mongodb';
import type { ConsentMethod, ConsentRecord, ConsentType } from '../../../domain/privacy/consent';
import type { PrivacySubjectType } from '../../../domain/privacy/privacy-subject';
import { hexOf, nullableHex, nullableObjectId, toObjectId } from './object-ids';

/** A consent record as stored: ids are ObjectIds, dates BSON dates, absent values `null`. */
export interface ConsentDocument {
  _id: ObjectId;
  orgId: ObjectId;
  subjectType: PrivacySubjectType;
  subjectId: ObjectId;
  consentType: ConsentType;
  purpose: string;
  method: ConsentMethod;
  providedVia: string | null;
  granted: boolean;
  grantedAt: Date;
  recordedBy: ObjectId;
  noticeVersion: string;
  ipAddress: string | null;
  userAgent: string | null;
  withdrawnAt: Date | null;
  withdrawnBy: ObjectId | null;
  withdrawalReason: string | null;
  supersededBy: ObjectId | null;
  supersededAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

const plainFields = (c: ConsentRecord | ConsentDocument) => ({
  subjectType: c.subjectType,
  consentType: c.consentType,
  purpose: c.purpose,
  method: c.method,
  providedVia: c.providedVia,
  granted: c.granted,
  grantedAt: c.grantedAt,
  noticeVersion: c.noticeVersion,
  ipAddress: c.ipAddress,
  userAgent: c.userAgent,
  withdrawnAt: c.withdrawnAt,
  withdrawalReason: c.withdrawalReason,
  supersededAt: c.supersededAt,
  createdAt: c.createdAt,
  updatedAt: c.updatedAt,
  version: c.version,
});

export const consentToDocument = (c: ConsentRecord): ConsentDocument => ({
  _id: toObjectId(c.id),
  orgId: toObjectId(c.orgId, 'orgId'),
  subjectId: toObjectId(c.subjectId, 'subjectId'),
  recordedBy: toObjectId(c.recordedBy, 'recordedBy'),
  withdrawnBy: nullableObjectId(c.withdrawnBy, 'withdrawnBy'),
  supersededBy: nullableObjectId(c.supersededBy, 'supersededBy'),
  ...plainFields(c),
});

export const consentFromDocument = (doc: ConsentDocument): ConsentRecord => ({
  id: hexOf(doc._id),
  orgId: hexOf(doc.orgId),
  subjectId: hexOf(doc.subjectId),
  recordedBy: hexOf(doc.recordedBy),
  withdrawnBy: nullableHex(doc.withdrawnBy),
  supersededBy: nullableHex(doc.supersededBy),
  ...plainFields(doc),
});
