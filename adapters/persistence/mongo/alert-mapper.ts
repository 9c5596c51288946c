import type { ObjectId } from 'mongodb';
import type {
  Alert,
  AlertKind,
  AlertType,
  AlertVisibility,
  CreatedModel,
  Importance,
} from '../../../domain/alerts/alert';
import { memberId, memberRef, type MemberRef } from './care-team-mapper';
import { hexOf, toObjectId } from './object-ids';

/**
 * What an alert refers to (patient, conversation, call, caregivers, `createdBy`) is stored as an ObjectId when it
 * is one of the app's 24-hex ids and as given otherwise (`createdBy` may name no record, e.g. `system`): every
 * reference reads back exactly as written, and an equality filter built the same way matches it.
 */
export const alertRef = (id: string): MemberRef => memberRef(id);
const refOrNull = (id: string | null): MemberRef | null => (id === null ? null : memberRef(id));
const idOrNull = (ref: MemberRef | null): string | null => (ref === null ? null : memberId(ref));

export interface AlertReadDocument {
  caregiverId: MemberRef;
  readAt: Date;
}

/** An alert as stored: `_id` and `orgId` are ObjectIds, instants are BSON dates, absent values are `null`. */
export interface AlertDocument {
  _id: ObjectId;
  orgId: ObjectId;
  kind: AlertKind;
  alertType: AlertType;
  patientId: MemberRef | null;
  conversationId: MemberRef | null;
  callId: MemberRef | null;
  importance: Importance;
  visibility: AlertVisibility;
  payload: Record<string, string | number | boolean | null>;
  message: string | null;
  createdBy: MemberRef;
  createdModel: CreatedModel;
  authorCaregiverId: MemberRef | null;
  readBy: AlertReadDocument[];
  requiresAck: boolean;
  acknowledgedAt: Date | null;
  acknowledgedBy: MemberRef | null;
  ackNote: string | null;
  escalationLevel: number;
  escalatedAt: Date | null;
  relevanceUntil: Date | null;
  deletedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

/** The fields stored as they are in the aggregate (everything but the ids; the payload copied). */
const plainFields = (a: Alert | AlertDocument) => ({
  kind: a.kind,
  alertType: a.alertType,
  importance: a.importance,
  visibility: a.visibility,
  payload: { ...a.payload },
  message: a.message,
  createdModel: a.createdModel,
  requiresAck: a.requiresAck,
  acknowledgedAt: a.acknowledgedAt,
  ackNote: a.ackNote,
  escalationLevel: a.escalationLevel,
  escalatedAt: a.escalatedAt,
  relevanceUntil: a.relevanceUntil,
  deletedAt: a.deletedAt,
  createdAt: a.createdAt,
  updatedAt: a.updatedAt,
  version: a.version,
});

export const alertToDocument = (a: Alert): AlertDocument => ({
  _id: toObjectId(a.id),
  orgId: toObjectId(a.orgId, 'orgId'),
  patientId: refOrNull(a.patientId),
  conversationId: refOrNull(a.conversationId),
  callId: refOrNull(a.callId),
  createdBy: memberRef(a.createdBy),
  authorCaregiverId: refOrNull(a.authorCaregiverId),
  readBy: a.readBy.map((read) => ({ caregiverId: memberRef(read.caregiverId), readAt: read.readAt })),
  acknowledgedBy: refOrNull(a.acknowledgedBy),
  ...plainFields(a),
});

export const alertFromDocument = (doc: AlertDocument): Alert => ({
  id: hexOf(doc._id),
  orgId: hexOf(doc.orgId),
  patientId: idOrNull(doc.patientId),
  conversationId: idOrNull(doc.conversationId),
  callId: idOrNull(doc.callId),
  createdBy: memberId(doc.createdBy),
  authorCaregiverId: idOrNull(doc.authorCaregiverId),
  readBy: doc.readBy.map((read) => ({ caregiverId: memberId(read.caregiverId), readAt: read.readAt })),
  acknowledgedBy: idOrNull(doc.acknowledgedBy),
  ...plainFields(doc),
});
