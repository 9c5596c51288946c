import type { ObjectId } from 'mongodb';
import type { Report, ReportContent } from '../../../application/reports/report';
import { hexOf, toObjectId } from './object-ids';

/** A report as stored: ids are ObjectIds, dates are BSON dates, the computed content an embedded document. */
export interface ReportDocument {
  _id: ObjectId;
  orgId: ObjectId;
  patientId: ObjectId;
  periodStart: Date;
  periodEnd: Date;
  generatedAt: Date;
  generatedBy: ObjectId;
  content: ReportContent;
}

export const reportToDocument = (r: Report): ReportDocument => ({
  _id: toObjectId(r.id),
  orgId: toObjectId(r.orgId, 'orgId'),
  patientId: toObjectId(r.patientId, 'patientId'),
  periodStart: r.periodStart,
  periodEnd: r.periodEnd,
  generatedAt: r.generatedAt,
  generatedBy: toObjectId(r.generatedBy, 'generatedBy'),
  content: r.content,
});

export const reportFromDocument = (doc: ReportDocument): Report => ({
  id: hexOf(doc._id),
  orgId: hexOf(doc.orgId),
  patientId: hexOf(doc.patientId),
  periodStart: doc.periodStart,
  periodEnd: doc.periodEnd,
  generatedAt: doc.generatedAt,
  generatedBy: hexOf(doc.generatedBy),
  content: doc.content,
});
