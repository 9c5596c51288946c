import type { LineItem } from '../../domain/billing/line-item';
import type { LineItemRepository } from '../../application/ports/line-item-repository';
import type { UnitOfWork } from '../../application/ports/unit-of-work';

/** What the line-item contract needs from a persistence target. */
export interface LineItemStores {
  readonly uow: UnitOfWork;
  readonly lineItems: LineItemRepository;
}

const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));
const hex = (n: number) => n.toString(16).padStart(24, '0');
const ORG = 'a'.repeat(24);

const item = (n: number, fields: Partial<LineItem> = {}): LineItem => ({
  id: hex(n),
  orgId: ORG,
  patientId: hex(1000 + n),
  callId: hex(2000 + n),
  conversationId: hex(3000 + n),
  invoiceId: null,
  description: 'Wellness call, 1 min 5 s',
  billableSeconds: 65,
  ratePerMinuteMillicents: 10_000,
  amountMillicents: 10_833,
  occurredAt: at(n),
  periodKey: '2026-01',
  createdAt: at(n + 1),
  ...fields,
});

/** The LineItemRepository contract every adapter passes. */
export const describeLineItemRepositoryContract = (name: string, open: () => Promise<LineItemStores>): void => {
  describe(`LineItemRepository contract (${name})`, () => {
    let s: LineItemStores;
    beforeEach(async () => {
      s = await open();
    });

    it('round-trips every field, by id and by call', async () => {
      const full = item(1, { invoiceId: hex(9000), conversationId: null });
      await s.lineItems.insert(full);
      expect(await s.lineItems.findById(full.id)).toEqual(full);
      expect(await s.lineItems.findByCallId(full.callId)).toEqual(full);
      expect(await s.lineItems.findById(hex(2))).toBeNull();
      expect(await s.lineItems.findByCallId('nope')).toBeNull();
    });

    it('keeps one line item per call', async () => {
      await s.lineItems.insert(item(1));
      await expect(s.lineItems.insert(item(2, { callId: item(1).callId }))).rejects.toMatchObject({
        id: 'LINE_ITEM_EXISTS',
      });
      await expect(s.lineItems.insert(item(1))).rejects.toMatchObject({ kind: 'conflict' });
      expect(await s.lineItems.findById(hex(2))).toBeNull();
    });

    it("lists an organisation's uninvoiced items since an instant, oldest first", async () => {
      await s.lineItems.insert(item(3));
      await s.lineItems.insert(item(1));
      await s.lineItems.insert(item(2, { invoiceId: hex(9000) }));
      await s.lineItems.insert(item(4, { orgId: 'b'.repeat(24) }));
      await s.lineItems.insert(item(5));
      expect((await s.lineItems.listUninvoiced(ORG, at(0))).map((i) => i.id)).toEqual([hex(1), hex(3), hex(5)]);
      expect((await s.lineItems.listUninvoiced(ORG, at(3))).map((i) => i.id)).toEqual([hex(3), hex(5)]);
    });

    it('joins the transaction: a failed unit of work leaves no item behind', async () => {
      await expect(
        s.uow.run(async () => {
          await s.lineItems.insert(item(1));
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await s.lineItems.findById(hex(1))).toBeNull();
    });
  });
};
