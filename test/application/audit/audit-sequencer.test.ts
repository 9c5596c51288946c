import type { AuditStore } from '../../../application/ports/audit-store';
import { verifyCheckpoints, type AuditCheckpoint } from '../../../domain/audit/audit-checkpoint';
import { REDACTED, ZERO_HASH, type AuditEntry } from '../../../domain/audit/audit-entry';
import { InMemoryAuditStore } from '../../../adapters/persistence/memory/in-memory-audit-store';
import { InMemoryUnitOfWork } from '../../../adapters/persistence/memory/in-memory-unit-of-work';
import { MemoryDatabase } from '../../../adapters/persistence/memory/memory-database';
import { AuditSequencer } from '../../../application/audit/audit-sequencer';
import { PendingAuditRecorder } from '../../../application/audit/pending-audit-recorder';
import { anEvent, auditCrypto, chainerOn, CountingIds, verifierOn } from './audit-world';

const newStore = (db = new MemoryDatabase()) => new InMemoryAuditStore(db);

/** Counts the chain batches the store refused (lost compare-and-sets). */
const counting = (store: InMemoryAuditStore) => {
  const stats = { refused: 0 };
  const wrapped: AuditStore = Object.assign(Object.create(store) as InMemoryAuditStore, {
    chain: async (entries: readonly AuditEntry[], expected: number) => {
      const ok = await store.chain(entries, expected);
      if (!ok) stats.refused += 1;
      return ok;
    },
  });
  return { store: wrapped, stats };
};

describe('AuditSequencer with the pending recorder', () => {
  it('turns 100 concurrent records into one linear chain 1..100 that verifies, in recording order', async () => {
    const store = newStore();
    const chainer = chainerOn(store);
    await Promise.all(Array.from({ length: 100 }, (_, i) => chainer.recorder.record(anEvent({ details: { n: i } }))));
    expect(store.entries()).toHaveLength(0);
    expect(await store.pendingStats()).toEqual({ count: 100, oldestAt: '2026-06-01T12:00:00.000Z' });
    await chainer.sequencer.drain();

    const entries = store.entries();
    expect(entries.map((entry) => entry.seq)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(entries[0].prevHash).toBe(ZERO_HASH);
    for (let i = 1; i < entries.length; i += 1) expect(entries[i].prevHash).toBe(entries[i - 1].hash);
    expect(entries.map((entry) => entry.details['n'])).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(await store.pendingStats()).toEqual({ count: 0, oldestAt: null });
    expect(await verifierOn(store).execute()).toMatchObject({ ok: true, checked: 100, from: 1, to: 100 });
  });

  it('chains in batches of the configured size, oldest first by time then id', async () => {
    const store = newStore();
    const chainer = chainerOn(store, { batchSize: 7 });
    await chainer.recorder.record(anEvent({ at: new Date('2026-06-01T12:00:05.000Z'), details: { n: 2 } }));
    await chainer.recorder.record(anEvent({ at: new Date('2026-06-01T12:00:01.000Z'), details: { n: 1 } }));
    for (let i = 0; i < 18; i += 1)
      await chainer.recorder.record(anEvent({ at: new Date('2026-06-01T12:00:09.000Z') }));
    expect(await chainer.sequencer.sequenceOnce()).toBe(7);
    expect(store.entries().map((entry) => entry.details['n'])).toEqual([1, 2, ...Array(5).fill(undefined)]);
    await chainer.sequencer.drain();
    expect(store.entries()).toHaveLength(20);
  });

  it('never forks when two sequencers (two processes) race for the same store', async () => {
    const { store, stats } = counting(newStore());
    const first = chainerOn(store, { idPrefix: 'a', batchSize: 3 });
    const second = chainerOn(store, { idPrefix: 'b', batchSize: 3 });
    for (let i = 0; i < 30; i += 1) {
      await first.recorder.record(anEvent({ details: { i } }));
      await second.recorder.record(anEvent({ details: { i } }));
    }
    await Promise.all([first, second, first, second].map((chainer) => chainer.sequencer.drain()));

    const entries = await store.page(1, 1000);
    expect(stats.refused).toBeGreaterThan(0);
    expect(entries.map((entry) => entry.seq)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    expect(new Set(entries.map((entry) => entry.id)).size).toBe(60);
    expect(await verifierOn(store).execute()).toMatchObject({ ok: true, checked: 60 });
  });

  it('fails closed when the store is down, and continues the chain without a gap once it is back', async () => {
    const db = new MemoryDatabase();
    const store = newStore(db);
    const chainer = chainerOn(store);
    await chainer.record(anEvent());
    db.setAvailable(false);
    await expect(chainer.recorder.record(anEvent())).rejects.toMatchObject({ kind: 'unavailable' });
    db.setAvailable(true);
    await chainer.record(anEvent());
    expect(store.entries().map((entry) => entry.seq)).toEqual([1, 2]);
    expect(await verifierOn(store).execute()).toMatchObject({ ok: true, checked: 2 });
  });

  it("commits a change's entry with the change and drops it with a rollback; a denial outside survives", async () => {
    const db = new MemoryDatabase();
    const store = newStore(db);
    const uow = new InMemoryUnitOfWork(db);
    const chainer = chainerOn(store, { uow });
    await expect(
      uow.run(async () => {
        db.collection<{ id: string }>('patients').put({ id: 'p1' });
        await chainer.recorder.record(anEvent({ action: 'UPDATE' }));
        throw new Error('the use case failed after auditing');
      }),
    ).rejects.toThrow('the use case failed');
    await chainer.recorder.record(anEvent({ action: 'ACCESS_DENIED', outcome: 'denied' }));
    await uow.run(() => chainer.recorder.record(anEvent({ action: 'CREATE' })));
    await chainer.sequencer.drain();
    expect(db.collection('patients').get('p1')).toBeUndefined();
    expect(store.entries().map((entry) => entry.action)).toEqual(['ACCESS_DENIED', 'CREATE']);
  });

  it("wakes on a kick and sequences in the background, outside the caller's transaction", async () => {
    const db = new MemoryDatabase();
    const store = newStore(db);
    const uow = new InMemoryUnitOfWork(db);
    const crypto = auditCrypto();
    const sequencer = new AuditSequencer(
      store,
      uow,
      crypto.hasher,
      crypto.signer,
      crypto.clock,
      {
        error: () => undefined,
      },
      { pollMs: 60_000 },
    );
    const recorder = new PendingAuditRecorder(store, new CountingIds(), sequencer);
    sequencer.start();
    await uow.run(async () => {
      await recorder.record(anEvent());
      // Still inside the transaction: the sequencer's own transaction waits for this one.
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(store.entries()).toHaveLength(0);
    });
    for (let i = 0; i < 100 && store.entries().length === 0; i += 1) await new Promise((r) => setTimeout(r, 5));
    expect(store.entries()).toHaveLength(1);
    await sequencer.stop();
  });

  it('does not spin on the kicks of its own commits: the event loop stays free for timers', async () => {
    const db = new MemoryDatabase();
    const store = newStore(db);
    const uow = new InMemoryUnitOfWork(db);
    const crypto = auditCrypto();
    const sequencer = new AuditSequencer(
      store,
      uow,
      crypto.hasher,
      crypto.signer,
      crypto.clock,
      { error: () => undefined },
      { pollMs: 60_000 },
    );
    let passes = 0;
    const counted = sequencer.sequenceOnce.bind(sequencer);
    sequencer.sequenceOnce = () => {
      passes += 1;
      return counted();
    };
    uow.onCommitted(() => sequencer.kick());
    const recorder = new PendingAuditRecorder(store, new CountingIds(), sequencer);
    sequencer.start();
    await uow.run(() => recorder.record(anEvent()));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(store.entries()).toHaveLength(1);
    expect(passes).toBeLessThan(5);
    await sequencer.stop();
  });

  it('signs a linked checkpoint after every N entries, and on demand', async () => {
    const store = newStore();
    const crypto = auditCrypto();
    const chainer = chainerOn(store, { checkpointEvery: 10 }, crypto);
    for (let i = 0; i < 25; i += 1) await chainer.record(anEvent());

    const checkpoints = await store.checkpoints();
    const entries = store.entries();
    expect(checkpoints.map((checkpoint) => checkpoint.seq)).toEqual([10, 20]);
    expect(checkpoints[0]).toMatchObject({ entryHash: entries[9].hash, prevSeq: 0, prevCheckpointHash: ZERO_HASH });
    expect(checkpoints[1]).toMatchObject({
      entryHash: entries[19].hash,
      prevSeq: 10,
      prevCheckpointHash: checkpoints[0].checkpointHash,
      keyId: crypto.signer.keyId,
      at: crypto.clock.now().toISOString(),
    });
    for (const checkpoint of checkpoints)
      expect(crypto.signer.verify(checkpoint.checkpointHash, checkpoint.signature, checkpoint.keyId)).toBe(true);
    const verify = (hash: string, signature: string, keyId: string) => crypto.signer.verify(hash, signature, keyId);
    expect(verifyCheckpoints(checkpoints, (text) => crypto.hasher.sha256(text), verify)).toEqual({
      ok: true,
      count: 2,
    });

    expect(await chainer.sequencer.checkpointNow()).toMatchObject({ seq: 25, prevSeq: 20 });
    expect(await chainer.sequencer.checkpointNow()).toBeNull();
    expect(await verifierOn(store, crypto).execute()).toMatchObject({ ok: true, checked: 25, checkedCheckpoints: 3 });
  });

  it('retries a failed checkpoint after the next append without failing any record', async () => {
    const inner = newStore();
    let failures = 1;
    const store: AuditStore = Object.assign(Object.create(inner) as InMemoryAuditStore, {
      appendCheckpoint: (checkpoint: AuditCheckpoint, expected: number) => {
        if (failures > 0) {
          failures -= 1;
          return Promise.reject(new Error('checkpoint write failed'));
        }
        return inner.appendCheckpoint(checkpoint, expected);
      },
    });
    const chainer = chainerOn(store, { checkpointEvery: 3 });
    for (let i = 0; i < 4; i += 1) await chainer.record(anEvent());
    expect((await inner.checkpoints()).map((checkpoint) => checkpoint.seq)).toEqual([3]);
  });

  it('keeps PHI out of entries: free text, e-mails, phones, PHI-named keys and non-integers become REDACTED', async () => {
    const store = newStore();
    const planted = {
      email: 'jane.doe@example.com',
      phone: '+16045550123',
      note: 'Patient reports chest pain since Monday',
      changedFields: 'name,phone,dateOfBirth',
      reasonCode: 'INVALID_CREDENTIALS',
      cause: 'jane.doe@example.com',
      via: 'called on Monday',
      ref: '+16045550123',
      patientName: 'Jane',
      count: 3,
      weightKg: 72.5,
      emailChangeRequested: true,
      lockReason: null,
      'bad key': 'x',
      $where: 'x',
      nested: { a: 1 } as unknown as string,
    };
    const entry = await chainerOn(store).recordEntry(
      anEvent({
        details: planted,
        resourceId: 'jane.doe@example.com',
        requestId: 'free text request id',
        patientIds: ['64b0000000000000000000c1', 'Jane Doe'],
      }),
    );

    expect(entry.details).toEqual({
      email: REDACTED,
      phone: REDACTED,
      note: REDACTED,
      changedFields: 'name,phone,dateOfBirth',
      reasonCode: 'INVALID_CREDENTIALS',
      cause: REDACTED,
      via: REDACTED,
      ref: REDACTED,
      patientName: REDACTED,
      count: 3,
      weightKg: REDACTED,
      emailChangeRequested: true,
      lockReason: null,
      nested: REDACTED,
    });
    expect(entry).toMatchObject({
      resourceId: REDACTED,
      requestId: REDACTED,
      patientIds: ['64b0000000000000000000c1', REDACTED],
    });
    const stored = JSON.stringify(store.entries());
    for (const value of ['jane.doe@example.com', '+16045550123', 'chest pain', 'Jane', '72.5', 'free text', 'Monday'])
      expect(stored).not.toContain(value);
  });

  it('keeps at most 100 patient ids and says when it cut the list', async () => {
    const store = newStore();
    const ids = Array.from({ length: 130 }, (_, i) => `64b${i.toString(16).padStart(21, '0')}`);
    const entry = await chainerOn(store).recordEntry(anEvent({ patientIds: ids }));
    expect(entry.patientIds).toEqual(ids.slice(0, 100));
    expect(entry.patientIdsTruncated).toBe(true);
    const few = await chainerOn(newStore()).recordEntry(anEvent({ patientIds: ids.slice(0, 2) }));
    expect(few).not.toHaveProperty('patientIdsTruncated');
    expect(await chainerOn(newStore()).recordEntry(anEvent())).not.toHaveProperty('patientIds');
  });

  it('stores the time as an ISO string and freezes the stored entry against later changes', async () => {
    const store = newStore();
    const details: Record<string, number> = { count: 1 };
    const recording = chainerOn(store).record(anEvent({ details }));
    details['count'] = 2;
    await recording;
    const [entry] = store.entries();
    expect(entry).toMatchObject({ at: '2026-06-01T12:00:00.000Z', details: { count: 1 } });
    expect(() => {
      (entry.details as Record<string, unknown>)['count'] = 5;
    }).toThrow(TypeError);
    expect(store.entries()[0].details['count']).toBe(1);
  });
});
