import type { ObjectId } from 'mongodb';
import type { LineItem } from '../../../domain/billing/line-item';
import { hexOf, nullableHex, nullableObjectId, toObjectId } from './object-ids';

/** A line item as stored: ids are ObjectIds, amounts integers (millicents), dates BSON dates. */
export interface LineItemDocument {
  _id: ObjectId;
  orgId: ObjectId;
  patientId: ObjectId;
  callId: ObjectId;
  conversationId: ObjectId | null;
  invoiceId: ObjectId | null;
  description: string;
  billableSeconds: number;
  ratePerMinuteMillicents: number;
  amountMillicents: number;
  occurredAt: Date;
  periodKey: string;
  createdAt: Date;
}

const plainFields = (i: LineItem | LineItemDocument) => ({
  description: i.description,
  billableSeconds: i.billableSeconds,
  ratePerMinuteMillicents: i.ratePerMinuteMillicents,
  amountMillicents: i.amountMillicents,
  occurredAt: i.occurredAt,
  periodKey: i.periodKey,
  createdAt: i.createdAt,
});

export const lineItemToDocument = (i: LineItem): LineItemDocument => ({
  _id: toObjectId(i.id),
  orgId: toObjectId(i.orgId, 'orgId'),
  patientId: toObjectId(i.patientId, 'patientId'),
  callId: toObjectId(i.callId, 'callId'),
  conversationId: nullableObjectId(i.conversationId, 'conversationId'),
  invoiceId: nullableObjectId(i.invoiceId, 'invoiceId'),
  ...plainFields(i),
});

export const lineItemFromDocument = (doc: LineItemDocument): LineItem => ({
  id: hexOf(doc._id),
  orgId: hexOf(doc.orgId),
  patientId: hexOf(doc.patientId),
  callId: hexOf(doc.callId),
  conversationId: nullableHex(doc.conversationId),
  invoiceId: nullableHex(doc.invoiceId),
  ...plainFields(doc),
});
