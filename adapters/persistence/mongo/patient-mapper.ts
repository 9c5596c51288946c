import type { ObjectId } from 'mongodb';
import type { Patient, PatientStatus } from '../../../domain/patients/patient';
import { hexOf, toObjectId } from './object-ids';

/** A patient as stored: `_id` and `orgId` are ObjectIds, dates are BSON dates, absent values are `null`. */
export interface PatientDocument {
  _id: ObjectId;
  orgId: ObjectId;
  name: string;
  preferredName: string | null;
  email: string | null;
  phone: string;
  avatar: string | null;
  age: number | null;
  notes: string | null;
  preferredLanguage: string;
  timezone: string | null;
  isEmailVerified: boolean;
  lastContactAt: Date | null;
  status: PatientStatus;
  deletedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

/** The fields stored as they are in the aggregate (everything but the ids). */
const plainFields = (p: Patient | PatientDocument) => ({
  name: p.name,
  preferredName: p.preferredName,
  email: p.email,
  phone: p.phone,
  avatar: p.avatar,
  age: p.age,
  notes: p.notes,
  preferredLanguage: p.preferredLanguage,
  timezone: p.timezone,
  isEmailVerified: p.isEmailVerified,
  lastContactAt: p.lastContactAt,
  status: p.status,
  deletedAt: p.deletedAt,
  createdAt: p.createdAt,
  updatedAt: p.updatedAt,
  version: p.version,
});

export const patientToDocument = (p: Patient): PatientDocument => ({
  _id: toObjectId(p.id),
  orgId: toObjectId(p.orgId, 'orgId'),
  ...plainFields(p),
});

export const patientFromDocument = (doc: PatientDocument): Patient => ({
  id: hexOf(doc._id),
  orgId: hexOf(doc.orgId),
  ...plainFields(doc),
});
