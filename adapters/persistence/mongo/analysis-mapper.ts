import type { ObjectId } from 'mongodb';
import type { FraudAbuseAnalysis } from '../../../domain/analysis/fraud-abuse-analysis';
import type { MedicalAnalysis } from '../../../domain/analysis/medical-analysis';
import type { MedicalBaseline } from '../../../domain/analysis/medical-baseline';
import { hexOf, toObjectId } from './object-ids';

/**
 * Analysis results as stored: `_id`, `orgId` and `patientId` are ObjectIds, instants BSON dates, the nested
 * metrics plain sub-documents (numbers, strings, arrays). Mappers never write `undefined`: optional manual
 * baseline values that are absent are left out.
 */
interface Owned {
  _id: ObjectId;
  orgId: ObjectId;
  patientId: ObjectId;
}

export type MedicalAnalysisDocument = Owned & Omit<MedicalAnalysis, 'id' | 'orgId' | 'patientId'>;
export type FraudAbuseAnalysisDocument = Owned & Omit<FraudAbuseAnalysis, 'id' | 'orgId' | 'patientId'>;
export type MedicalBaselineDocument = Owned & Omit<MedicalBaseline, 'id' | 'orgId' | 'patientId'>;

const ownedToDocument = (record: { id: string; orgId: string; patientId: string }): Owned => ({
  _id: toObjectId(record.id),
  orgId: toObjectId(record.orgId, 'orgId'),
  patientId: toObjectId(record.patientId, 'patientId'),
});

const ownedFromDocument = (doc: Owned) => ({
  id: hexOf(doc._id),
  orgId: hexOf(doc.orgId),
  patientId: hexOf(doc.patientId),
});

export const medicalToDocument = ({ id, orgId, patientId, ...body }: MedicalAnalysis): MedicalAnalysisDocument => ({
  ...ownedToDocument({ id, orgId, patientId }),
  ...body,
});

export const medicalFromDocument = ({ _id, orgId, patientId, ...body }: MedicalAnalysisDocument): MedicalAnalysis => ({
  ...ownedFromDocument({ _id, orgId, patientId }),
  ...body,
});

export const fraudToDocument = ({ id, orgId, patientId, ...body }: FraudAbuseAnalysis): FraudAbuseAnalysisDocument => ({
  ...ownedToDocument({ id, orgId, patientId }),
  ...body,
});

export const fraudFromDocument = ({
  _id,
  orgId,
  patientId,
  ...body
}: FraudAbuseAnalysisDocument): FraudAbuseAnalysis => ({
  ...ownedFromDocument({ _id, orgId, patientId }),
  ...body,
});

const definedOnly = <T extends object>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T;

export const baselineToDocument = ({ id, orgId, patientId, ...body }: MedicalBaseline): MedicalBaselineDocument => ({
  ...ownedToDocument({ id, orgId, patientId }),
  ...body,
  manual: body.manual === null ? null : { ...body.manual, metrics: definedOnly(body.manual.metrics) },
});

export const baselineFromDocument = ({ _id, orgId, patientId, ...body }: MedicalBaselineDocument): MedicalBaseline => ({
  ...ownedFromDocument({ _id, orgId, patientId }),
  ...body,
});
