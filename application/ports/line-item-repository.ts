import type { LineItem } from '../../domain/billing/line-item';

/**
 * Billing line items (DOMAIN.md §9.6), inserted in the call's terminal transaction. One per call: a second insert
 * for the same call is refused (`LINE_ITEM_EXISTS`), so a replayed terminal event can never bill twice.
 */
export interface LineItemRepository {
  findById(id: string): Promise<LineItem | null>;
  findByCallId(callId: string): Promise<LineItem | null>;
  /** The organisation's items not yet invoiced with `occurredAt >= since`, oldest first (ties by id). */
  listUninvoiced(orgId: string, since: Date): Promise<readonly LineItem[]>;
  insert(item: LineItem): Promise<void>;
}
