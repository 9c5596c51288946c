import type { OutboxStore } from '../../application/ports/event-outbox';
import type { UnitOfWork } from '../../application/ports/unit-of-work';
import { anEvent, at, newId, T0 } from './persistence-fixtures';

export interface OutboxStores {
  readonly outbox: OutboxStore;
  readonly uow: UnitOfWork;
}

/** The `OutboxStore` port's behaviour (what the relay relies on), run against every implementation. */
export const describeOutboxStoreContract = (name: string, open: () => Promise<OutboxStores>): void => {
  describe(`OutboxStore contract: ${name}`, () => {
    let outbox: OutboxStore;
    let uow: UnitOfWork;
    const NOW = at(0);

    beforeEach(async () => {
      ({ outbox, uow } = await open());
    });

    const append = (...events: ReturnType<typeof anEvent>[]) => uow.run(() => outbox.append(events));

    it('refuses appends outside a transaction and stores nothing', async () => {
      await expect(outbox.append([anEvent()])).rejects.toThrow(/inside UnitOfWork.run/);
      expect(await outbox.pending(10, NOW)).toEqual([]);
    });

    it('stores events appended in a committed transaction, unchanged, in append order, with no attempts', async () => {
      const first = anEvent({ type: 'org.registered' });
      const second = anEvent({ actor: { kind: 'system' }, orgId: null, payload: {} });
      const third = anEvent({ occurredAt: new Date(T0.getTime() - 60_000) });
      await append(first, second);
      await append(third);

      expect(await outbox.pending(10, NOW)).toEqual([
        { event: first, attempts: 0 },
        { event: second, attempts: 0 },
        { event: third, attempts: 0 },
      ]);
    });

    it('keeps append order across many events and honours the limit', async () => {
      const events = Array.from({ length: 12 }, () => anEvent());
      for (const e of events) await append(e);
      const batch = await outbox.pending(5, NOW);
      expect(batch.map((p) => p.event.eventId)).toEqual(events.slice(0, 5).map((e) => e.eventId));
      expect(await outbox.pending(0, NOW)).toEqual([]);
    });

    it('drops events appended in a transaction that fails', async () => {
      const kept = anEvent();
      await append(kept);
      await expect(
        uow.run(async () => {
          await outbox.append([anEvent(), anEvent()]);
          throw new Error('the change failed');
        }),
      ).rejects.toThrow('the change failed');

      expect((await outbox.pending(10, NOW)).map((p) => p.event.eventId)).toEqual([kept.eventId]);
    });

    it('no longer hands out a dispatched event; unknown ids are ignored', async () => {
      const a = anEvent();
      const b = anEvent();
      await append(a, b);
      await outbox.markDispatched(a.eventId, NOW);
      await outbox.markDispatched(newId(), NOW);
      expect((await outbox.pending(10, NOW)).map((p) => p.event.eventId)).toEqual([b.eventId]);
    });

    it('holds a failed event back until its retry time, counting the attempt', async () => {
      const e = anEvent();
      await append(e);
      await outbox.markFailed(e.eventId, at(5));

      expect(await outbox.pending(10, at(4))).toEqual([]);
      expect(await outbox.pending(10, at(5))).toEqual([{ event: e, attempts: 1 }]);

      await outbox.markFailed(e.eventId, at(9));
      expect(await outbox.pending(10, at(20))).toEqual([{ event: e, attempts: 2 }]);
    });

    it('parks an event failed without a retry time: never pending again', async () => {
      const parked = anEvent();
      const other = anEvent();
      await append(parked, other);
      await outbox.markFailed(parked.eventId, null);
      expect((await outbox.pending(10, at(60 * 24 * 365))).map((p) => p.event.eventId)).toEqual([other.eventId]);
    });

    it('lets each handler claim an event once, and claim it again after a release', async () => {
      const e = anEvent();
      await append(e);

      expect(await outbox.claimHandling(e.eventId, 'mailer')).toBe(true);
      expect(await outbox.claimHandling(e.eventId, 'mailer')).toBe(false);
      expect(await outbox.claimHandling(e.eventId, 'billing')).toBe(true);
      expect(await outbox.claimHandling(newId(), 'mailer')).toBe(true);

      await outbox.releaseHandling(e.eventId, 'mailer');
      expect(await outbox.claimHandling(e.eventId, 'mailer')).toBe(true);
      expect(await outbox.claimHandling(e.eventId, 'billing')).toBe(false);
      await outbox.releaseHandling(newId(), 'nobody');
    });

    it('grants one claim when two race for the same handler', async () => {
      const e = anEvent();
      const results = await Promise.all([
        outbox.claimHandling(e.eventId, 'mailer'),
        outbox.claimHandling(e.eventId, 'mailer'),
        outbox.claimHandling(e.eventId, 'mailer'),
      ]);
      expect(results.filter(Boolean)).toHaveLength(1);
    });
  });
};
