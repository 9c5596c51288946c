import type { ObjectId } from 'mongodb';
import type { CareTeamAssignment } from '../../../domain/patients/care-team';
import { hexOf, objectIdOrNull, toObjectId } from './object-ids';

/**
 * One side of an assignment as stored. The port names patients and caregivers by opaque ids: the app's own
 * (24 lower-case hex) are stored as ObjectIds like every reference of the family, any other string as it is, so
 * the adapter takes whatever the memory adapter takes. Every id reads back exactly as written and matches only
 * itself: only lower-case hex converts, and a converted id never equals a stored string.
 */
export type MemberRef = ObjectId | string;

export const memberRef = (id: string): MemberRef => objectIdOrNull(id) ?? id;

export const memberId = (ref: MemberRef): string => (typeof ref === 'string' ? ref : hexOf(ref));

/** An assignment as stored: `_id` and `orgId` are ObjectIds, `assignedBy` a caregiver id or `system` as given. */
export interface CareTeamDocument {
  _id: ObjectId;
  orgId: ObjectId;
  patientId: MemberRef;
  caregiverId: MemberRef;
  assignedAt: Date;
  assignedBy: string;
}

export const careTeamToDocument = (a: CareTeamAssignment): CareTeamDocument => ({
  _id: toObjectId(a.id),
  orgId: toObjectId(a.orgId, 'orgId'),
  patientId: memberRef(a.patientId),
  caregiverId: memberRef(a.caregiverId),
  assignedAt: a.assignedAt,
  assignedBy: a.assignedBy,
});

export const careTeamFromDocument = (doc: CareTeamDocument): CareTeamAssignment => ({
  id: hexOf(doc._id),
  orgId: hexOf(doc.orgId),
  patientId: memberId(doc.patientId),
  caregiverId: memberId(doc.caregiverId),
  assignedAt: doc.assignedAt,
  assignedBy: doc.assignedBy,
});
