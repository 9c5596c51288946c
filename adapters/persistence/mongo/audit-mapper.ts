import type { ObjectId } from 'mongodb';
import type { AuditEvent, AuditOutcome } from '../../../application/ports/audit-recorder';

type DetailValue = string | number | boolean | null;

/**
 * An audit entry as stored. `_id` is a fresh ObjectId (its order is the append order of this process); the ids
 * an entry names stay strings, because an entry records references as they were, whatever they point at.
 */
export interface AuditLogDocument {
  _id: ObjectId;
  action: string;
  outcome: AuditOutcome;
  actorKind: AuditEvent['actorKind'];
  actorId: string | null;
  orgId: string | null;
  resourceType: string;
  resourceId: string | null;
  /** Present only when the entry names patients (never stored as undefined). */
  patientIds?: string[];
  requestId: string | null;
  ip: string | null;
  at: Date;
  details: Record<string, DetailValue>;
}

const detailsOf = (details: Readonly<Record<string, DetailValue>>): Record<string, DetailValue> => {
  const copy: Record<string, DetailValue> = {};
  for (const [key, value] of Object.entries(details)) if (value !== undefined) copy[key] = value;
  return copy;
};

export const auditToDocument = (id: ObjectId, e: AuditEvent): AuditLogDocument => ({
  _id: id,
  action: e.action,
  outcome: e.outcome,
  actorKind: e.actorKind,
  actorId: e.actorId,
  orgId: e.orgId,
  resourceType: e.resourceType,
  resourceId: e.resourceId,
  ...(e.patientIds === undefined ? {} : { patientIds: [...e.patientIds] }),
  requestId: e.requestId,
  ip: e.ip,
  at: e.at,
  details: detailsOf(e.details),
});

export const auditFromDocument = (doc: AuditLogDocument): AuditEvent => ({
  action: doc.action,
  outcome: doc.outcome,
  actorKind: doc.actorKind,
  actorId: doc.actorId,
  orgId: doc.orgId,
  resourceType: doc.resourceType,
  resourceId: doc.resourceId,
  ...(doc.patientIds === undefined ? {} : { patientIds: [...doc.patientIds] }),
  requestId: doc.requestId,
  ip: doc.ip,
  at: doc.at,
  details: detailsOf(doc.details),
});
