import type { LineItem } from '../../../domain/billing/line-item';
import { conflict } from '../../../domain/shared/errors';
import type { LineItemRepository } from '../../../application/ports/line-item-repository';
import { duplicateId } from '../persistence-conflicts';
import type { MemoryDatabase } from './memory-database';
import { settle } from './settle';

/** Billing line items of the embedded store (collection `line_items`); one per call. */
export class InMemoryLineItemRepository implements LineItemRepository {
  constructor(private readonly db: MemoryDatabase) {}

  private get items() {
    return this.db.collection<LineItem>('line_items');
  }

  findById(id: string): Promise<LineItem | null> {
    return Promise.resolve(this.items.get(id) ?? null);
  }

  findByCallId(callId: string): Promise<LineItem | null> {
    return Promise.resolve(this.items.find((item) => item.callId === callId)[0] ?? null);
  }

  listUninvoiced(orgId: string, since: Date): Promise<readonly LineItem[]> {
    const found = this.items.find(
      (item) => item.orgId === orgId && item.invoiceId === null && item.occurredAt.getTime() >= since.getTime(),
    );
    return Promise.resolve(
      found.sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    );
  }

  insert(item: LineItem): Promise<void> {
    return settle(() => {
      if (this.items.get(item.id) !== undefined) throw duplicateId('Line item');
      if (this.items.count((stored) => stored.callId === item.callId) > 0) {
        throw conflict('LINE_ITEM_EXISTS', 'This call already has a line item');
      }
      this.items.put(item);
    });
  }
}
