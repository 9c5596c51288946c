import { VerifyAuditChain } from '../../../application/audit/verify-audit-chain';
import type { AuditStore } from '../../../application/ports/audit-store';
import { verifyCheckpoints } from '../../../domain/audit/audit-checkpoint';
import { REDACTED, ZERO_HASH, type AuditEntry } from '../../../domain/audit/audit-entry';
import { InMemoryAuditStore } from '../../../adapters/persistence/memory/in-memory-audit-store';
import { InMemoryUnitOfWork } from '../../../adapters/persistence/memory/in-memory-unit-of-work';
import { MemoryDatabase } from '../../../adapters/persistence/memory/memory-database';
import { anEvent, auditCrypto, chainerOn, verifierOn } from './audit-world';

const newStore = (db = new MemoryDatabase()) => new InMemoryAuditStore(db);

/** Counts the appends the store refused (lost compare-and-sets). */
const counting = (store: AuditStore) => {
  const stats = { refused: 0 };
  const wrapped: AuditStore = {
    head: () => store.head(),
    append: async (entry, expected) => {
      const ok = await store.append(entry, expected);
      if (!ok) stats.refused += 1;
      return ok;
    },
    page: (from, limit) => store.page(from, limit),
    search: (filter) => store.search(filter),
    appendCheckpoint: (checkpoint, expected) => store.appendCheckpoint(checkpoint, expected),
    latestCheckpoint: () => store.latestCheckpoint(),
    checkpoints: () => store.checkpoints(),
  };
  return { store: wrapped, stats };
};

describe('AuditChainer', () => {
  it('turns 100 concurrent records into one linear chain 1..100 that verifies', async () => {
    const store = newStore();
    const chainer = chainerOn(store);
    await Promise.all(Array.from({ length: 100 }, (_, i) => chainer.record(anEvent({ details: { n: i } }))));

    const entries = store.entries();
    expect(entries.map((entry) => entry.seq)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(entries[0].prevHash).toBe(ZERO_HASH);
    for (let i = 1; i < entries.length; i += 1) expect(entries[i].prevHash).toBe(entries[i - 1].hash);
    // Queued in call order.
    expect(entries.map((entry) => entry.details['n'])).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(await verifierOn(store).execute()).toMatchObject({ ok: true, checked: 100, from: 1, to: 100 });
  });

  it('retries after losing the compare-and-set to a second writer on the same store and never forks', async () => {
    const { store, stats } = counting(newStore());
    const first = chainerOn(store, { idPrefix: 'a' });
    const second = chainerOn(store, { idPrefix: 'b' });
    // Each chainer caches its head, so every append of one invalidates the other's: conflicts are certain.
    const writes: Promise<void>[] = [];
    for (let i = 0; i < 50; i += 1) writes.push(first.record(anEvent({ details: { i } })), second.record(anEvent()));
    await Promise.all(writes);

    const entries = await store.page(1, 1000);
    expect(stats.refused).toBeGreaterThan(0);
    expect(entries.map((entry) => entry.seq)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(entries.filter((entry) => entry.id.startsWith('a'))).toHaveLength(50);
    expect(entries.filter((entry) => entry.id.startsWith('b'))).toHaveLength(50);
    expect(await verifierOn(store).execute()).toMatchObject({ ok: true, checked: 100 });
  });

  it('re-seals an entry on the new head when another writer appended between its head read and its append', async () => {
    const inner = newStore();
    const intruder = chainerOn(inner, { idPrefix: 'b' });
    let intruded = false;
    const store: AuditStore = {
      ...counting(inner).store,
      append: async (entry, expected) => {
        if (!intruded) {
          intruded = true;
          await intruder.record(anEvent({ action: 'LOGIN' }));
        }
        return inner.append(entry, expected);
      },
    };
    const entry = await chainerOn(store, { idPrefix: 'a' }).recordEntry(anEvent());

    const [intruding, ours] = inner.entries();
    expect(intruding).toMatchObject({ seq: 1, action: 'LOGIN' });
    expect(ours).toMatchObject({ seq: 2, id: entry.id, prevHash: intruding.hash });
    expect(entry).toEqual(ours);
  });

  it('would fork without the compare-and-set, and the verifier would catch it (the guard this test relies on)', async () => {
    const inner = newStore();
    const log: AuditEntry[] = [];
    // A store that ignores the expected head: both writers append after the same entry.
    const naive: AuditStore = {
      ...counting(inner).store,
      head: () => Promise.resolve(log.length === 0 ? null : { seq: log.at(-1)!.seq, hash: log.at(-1)!.hash }),
      append: (entry) => {
        log.push(entry);
        return Promise.resolve(true);
      },
      page: (from, limit) => Promise.resolve(log.filter((entry) => entry.seq >= from).slice(0, limit)),
    };
    const first = chainerOn(naive, { idPrefix: 'a' });
    const second = chainerOn(naive, { idPrefix: 'b' });
    await Promise.all([first.record(anEvent()), second.record(anEvent()), first.record(anEvent())]);
    expect(log.map((entry) => entry.seq)).toEqual([1, 1, 2]);
    expect(await verifierOn(naive).execute()).toMatchObject({ ok: false, firstBrokenSeq: 2, reason: 'sequence-gap' });
  });

  it('follows its cached head, so a log emptied behind its back shows as a gap, until told to forget it', async () => {
    let log: AuditEntry[] = [];
    const inner = newStore();
    // A store emptied from outside (what the test-support clean does to the Mongo collections).
    const store: AuditStore = {
      ...counting(inner).store,
      head: () => Promise.resolve(log.length === 0 ? null : { seq: log.at(-1)!.seq, hash: log.at(-1)!.hash }),
      append: (entry) => {
        if (log.some((stored) => stored.seq === entry.seq)) return Promise.resolve(false);
        log.push(entry);
        return Promise.resolve(true);
      },
    };
    const chainer = chainerOn(store);
    await chainer.record(anEvent());
    await chainer.record(anEvent());
    log = [];
    await chainer.record(anEvent());
    expect(log.map((entry) => entry.seq)).toEqual([3]);
    log = [];
    chainer.forgetHead();
    await chainer.record(anEvent());
    expect(log.map((entry) => entry.seq)).toEqual([1]);
    expect(log[0].prevHash).toBe(ZERO_HASH);
  });

  it('gives up with a 503-kind error when other writers win every attempt', async () => {
    const inner = newStore();
    const store: AuditStore = { ...counting(inner).store, append: () => Promise.resolve(false) };
    await expect(chainerOn(store, { maxAttempts: 3 }).record(anEvent())).rejects.toMatchObject({
      id: 'AUDIT_CHAIN_CONTENDED',
      kind: 'unavailable',
    });
  });

  it('fails closed when the store is down, and continues the chain without a gap once it is back', async () => {
    const db = new MemoryDatabase();
    const store = newStore(db);
    const chainer = chainerOn(store);
    await chainer.record(anEvent());
    db.setAvailable(false);
    await expect(chainer.record(anEvent())).rejects.toMatchObject({ kind: 'unavailable' });
    db.setAvailable(true);
    await chainer.record(anEvent());
    expect(store.entries().map((entry) => entry.seq)).toEqual([1, 2]);
    expect(await verifierOn(store).execute()).toMatchObject({ ok: true, checked: 2 });
  });

  it('keeps the entry of an action whose transaction rolled back (a failed or denied action is still audited)', async () => {
    const db = new MemoryDatabase();
    const store = newStore(db);
    const chainer = chainerOn(store);
    const uow = new InMemoryUnitOfWork(db);
    await expect(
      uow.run(async () => {
        db.collection<{ id: string }>('patients').put({ id: 'p1' });
        await chainer.record(anEvent({ action: 'UPDATE', outcome: 'denied' }));
        throw new Error('the use case failed after auditing');
      }),
    ).rejects.toThrow('the use case failed');
    expect(db.collection('patients').get('p1')).toBeUndefined();
    expect(store.entries()).toEqual([expect.objectContaining({ action: 'UPDATE', outcome: 'denied', seq: 1 })]);
    db.clear();
    expect(store.entries()).toHaveLength(1);
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

    expect(await chainer.checkpointNow()).toMatchObject({ seq: 25, prevSeq: 20 });
    expect(await chainer.checkpointNow()).toBeNull();
    expect(await verifierOn(store, crypto).execute()).toMatchObject({ ok: true, checked: 25, checkedCheckpoints: 3 });
  });

  it('retries a failed checkpoint after the next append without failing any record', async () => {
    const inner = newStore();
    let failures = 1;
    const store: AuditStore = {
      ...counting(inner).store,
      appendCheckpoint: (checkpoint, expected) => {
        if (failures > 0) {
          failures -= 1;
          return Promise.reject(new Error('checkpoint write failed'));
        }
        return inner.appendCheckpoint(checkpoint, expected);
      },
    };
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

describe('VerifyAuditChain', () => {
  /** A store whose reads show `tamper(entries)`: what someone with database access could have left behind. */
  const tampered = (inner: InMemoryAuditStore, tamper: (entries: AuditEntry[]) => AuditEntry[]): AuditStore => ({
    head: () => inner.head(),
    append: (entry, expected) => inner.append(entry, expected),
    search: (filter) => inner.search(filter),
    appendCheckpoint: (checkpoint, expected) => inner.appendCheckpoint(checkpoint, expected),
    latestCheckpoint: () => inner.latestCheckpoint(),
    checkpoints: () => inner.checkpoints(),
    page: (from, limit) => {
      const entries = tamper(inner.entries().map((entry) => structuredClone(entry)));
      const sorted = entries
        .filter((entry) => entry.seq >= from)
        .sort((a, b) => a.seq - b.seq || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      return Promise.resolve(sorted.slice(0, limit));
    },
  });

  const filled = async (count: number, checkpointEvery = 1000) => {
    const store = newStore();
    const chainer = chainerOn(store, { checkpointEvery });
    for (let i = 0; i < count; i += 1) await chainer.record(anEvent({ details: { i } }));
    return store;
  };

  it('streams in pages and names the first broken entry of an edit, with its id', async () => {
    const store = await filled(30);
    const victim = store.entries()[16];
    const edited = tampered(store, (entries) =>
      entries.map((entry) => (entry.seq === 17 ? { ...entry, outcome: 'success', actorId: 'someone-else' } : entry)),
    );
    expect(await verifierOn(edited).execute({ pageSize: 7 })).toMatchObject({
      ok: false,
      checked: 16,
      firstBrokenIndex: 16,
      firstBrokenSeq: 17,
      firstBrokenEntryId: victim.id,
      reason: 'hash-mismatch',
    });
  });

  it('names a deletion, a swap of sequence numbers and a duplicated sequence number that straddles a page', async () => {
    const store = await filled(20);
    const deleted = tampered(store, (entries) => entries.filter((entry) => entry.seq !== 9));
    expect(await verifierOn(deleted).execute({ pageSize: 4 })).toMatchObject({
      firstBrokenSeq: 9,
      reason: 'sequence-gap',
    });

    const swapped = tampered(store, (entries) =>
      entries.map((entry) =>
        entry.seq === 5 ? { ...entry, seq: 12 } : entry.seq === 12 ? { ...entry, seq: 5 } : entry,
      ),
    );
    expect(await verifierOn(swapped).execute({ pageSize: 4 })).toMatchObject({
      firstBrokenSeq: 5,
      reason: 'hash-mismatch',
    });

    // A copy of entry 4 whose id sorts after the original's: the first page of 4 ends with the genuine 4, so the
    // copy only shows on the next page, where it must still be seen.
    const duplicated = tampered(store, (entries) => [...entries, { ...entries[3], id: 'zzzz' }]);
    expect(await verifierOn(duplicated).execute({ pageSize: 4 })).toMatchObject({
      ok: false,
      firstBrokenSeq: 5,
      firstBrokenEntryId: 'zzzz',
      reason: 'sequence-gap',
    });
  });

  it('finds a tail cut below the newest checkpoint, and a checkpoint that was edited', async () => {
    const store = await filled(25, 10);
    const cut = tampered(store, (entries) => entries.filter((entry) => entry.seq <= 15));
    const report = await verifierOn({ ...cut, head: () => Promise.resolve({ seq: 15, hash: 'x' }) }).execute();
    expect(report).toMatchObject({ ok: false, checked: 15, firstBrokenSeq: 16, reason: 'sequence-gap', to: 20 });

    const forgedCheckpoint: AuditStore = {
      ...tampered(store, (entries) => entries),
      checkpoints: async () =>
        (await store.checkpoints()).map((checkpoint) =>
          checkpoint.seq === 20 ? { ...checkpoint, entryHash: ZERO_HASH } : checkpoint,
        ),
    };
    expect(await verifierOn(forgedCheckpoint).execute()).toMatchObject({
      ok: false,
      firstBrokenSeq: 20,
      reason: 'checkpoint-hash',
    });
  });

  it('verifies a range from a later sequence number, linked through the entry before it', async () => {
    const store = await filled(12);
    expect(await verifierOn(store).execute({ fromSeq: 5, toSeq: 9, pageSize: 2 })).toMatchObject({
      ok: true,
      checked: 5,
      from: 5,
      to: 9,
    });
    const missingAnchor = tampered(store, (entries) => entries.filter((entry) => entry.seq !== 4));
    expect(await verifierOn(missingAnchor).execute({ fromSeq: 5 })).toMatchObject({
      ok: false,
      firstBrokenSeq: 4,
      reason: 'sequence-gap',
    });
  });

  it('reports an empty log as verified, and audits its own run when given a recorder', async () => {
    const store = newStore();
    const crypto = auditCrypto();
    expect(await verifierOn(store, crypto).execute()).toMatchObject({ ok: true, checked: 0, to: 0 });

    const chainer = chainerOn(store, {}, crypto);
    await chainer.record(anEvent());
    const audited = new VerifyAuditChain(store, crypto.hasher, crypto.signer, crypto.clock, chainer);
    await audited.execute(
      {},
      { kind: 'caregiver', caregiverId: '64b000000000000000000009', requestId: 'req-verify-1' },
    );
    expect(store.entries().at(-1)).toMatchObject({
      action: 'AUDIT_VERIFIED',
      outcome: 'success',
      resourceType: 'audit',
      actorId: '64b000000000000000000009',
      details: { checked: 1, reason: null },
    });
  });
});
