import type { Collection } from 'mongodb';
import type { LineItem } from '../../../domain/billing/line-item';
import { conflict } from '../../../domain/shared/errors';
import type { LineItemRepository } from '../../../application/ports/line-item-repository';
import { duplicateId } from '../persistence-conflicts';
import { CALL_COLLECTIONS, CALL_UNIQUE_INDEXES } from './call-indexes';
import { lineItemFromDocument, lineItemToDocument, type LineItemDocument } from './line-item-mapper';
import type { MongoDatabase } from './mongo-connection';
import { writeOrConflict, type UniqueRule } from './mongo-errors';
import { objectIdOrNull } from './object-ids';

const UNIQUE: readonly UniqueRule[] = [
  {
    index: CALL_UNIQUE_INDEXES.lineItemOfCall,
    field: 'callId',
    conflict: () => conflict('LINE_ITEM_EXISTS', 'This call already has a line item'),
  },
  { index: '_id_', field: '_id', conflict: () => duplicateId('Line item') },
];

/** Billing line items in `line_items`; one per call (unique index on `callId`). */
export class MongoLineItemRepository implements LineItemRepository {
  constructor(private readonly db: MongoDatabase) {}

  private get items(): Collection<LineItemDocument> {
    return this.db.collection<LineItemDocument>(CALL_COLLECTIONS.lineItems);
  }

  async findById(id: string): Promise<LineItem | null> {
    const _id = objectIdOrNull(id);
    if (_id === null) return null;
    const doc = await this.items.findOne({ _id }, this.db.options());
    return doc === null ? null : lineItemFromDocument(doc);
  }

  async findByCallId(callId: string): Promise<LineItem | null> {
    const id = objectIdOrNull(callId);
    if (id === null) return null;
    const doc = await this.items.findOne({ callId: id }, this.db.options());
    return doc === null ? null : lineItemFromDocument(doc);
  }

  async listUninvoiced(orgId: string, since: Date): Promise<readonly LineItem[]> {
    const org = objectIdOrNull(orgId);
    if (org === null) return [];
    const docs = await this.items
      .find({ orgId: org, invoiceId: null, occurredAt: { $gte: since } }, this.db.options())
      .sort({ occurredAt: 1, _id: 1 })
      .toArray();
    return docs.map(lineItemFromDocument);
  }

  async insert(item: LineItem): Promise<void> {
    const doc = lineItemToDocument(item);
    await writeOrConflict(() => this.items.insertOne(doc, this.db.options()), UNIQUE);
  }
}
