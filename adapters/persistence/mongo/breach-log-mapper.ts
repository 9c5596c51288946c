import type { ObjectId } from 'mongodb';
import type {
  BreachInvestigation,
  BreachRecord,
  BreachSeverity,
  MitigationStep,
  BreachStatus,
  BreachType,
} from '../../../application/ports/breach-log-repository';
import { hexOf, nullableHex, nullableObjectId, toObjectId } from './object-ids';

export interface BreachLogDocument {
  _id: ObjectId;
  type: BreachType;
  severity: BreachSeverity;
  status: BreachStatus;
  orgId: ObjectId | null;
  caregiverId: ObjectId | null;
  ip: string | null;
  detectedAt: Date;
  details: Record<string, string | number>;
  notificationDeadline: Date;
  investigation?: BreachInvestigationDocument;
}

type BreachInvestigationDocument = Omit<BreachInvestigation, 'mitigationSteps'> & {
  mitigationSteps: MitigationStep[];
};

const detailsOf = (details: Readonly<Record<string, string | number>>): Record<string, string | number> => {
  const copy: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(details)) if (value !== undefined) copy[key] = value;
  return copy;
};

export const breachToDocument = (r: BreachRecord): BreachLogDocument => ({
  _id: toObjectId(r.id),
  type: r.type,
  severity: r.severity,
  status: r.status,
  orgId: nullableObjectId(r.orgId, 'orgId'),
  caregiverId: nullableObjectId(r.caregiverId, 'caregiverId'),
  ip: r.ip,
  detectedAt: r.detectedAt,
  details: detailsOf(r.details),
  notificationDeadline: r.notificationDeadline,
  ...(r.investigation === undefined
    ? {}
    : {
        investigation: { ...r.investigation, mitigationSteps: r.investigation.mitigationSteps.map((m) => ({ ...m })) },
      }),
});

export const breachFromDocument = (doc: BreachLogDocument): BreachRecord => ({
  id: hexOf(doc._id),
  type: doc.type,
  severity: doc.severity,
  status: doc.status,
  orgId: nullableHex(doc.orgId),
  caregiverId: nullableHex(doc.caregiverId),
  ip: doc.ip,
  detectedAt: doc.detectedAt,
  details: detailsOf(doc.details),
  notificationDeadline: doc.notificationDeadline,
  ...(doc.investigation === undefined ? {} : { investigation: doc.investigation }),
});
