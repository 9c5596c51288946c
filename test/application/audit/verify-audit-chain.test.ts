import { VerifyAuditChain } from '../../../application/audit/verify-audit-chain';
import type { AuditStore } from '../../../application/ports/audit-store';
import { ZERO_HASH, type AuditEntry } from '../../../domain/audit/audit-entry';
import { InMemoryAuditStore } from '../../../adapters/persistence/memory/in-memory-audit-store';
import { MemoryDatabase } from '../../../adapters/persistence/memory/memory-database';
import { anEvent, auditCrypto, chainerOn, verifierOn } from './audit-world';

const newStore = (db = new MemoryDatabase()) => new InMemoryAuditStore(db);

describe('VerifyAuditChain', () => {
  /** A store whose reads show `tamper(entries)`: what someone with database access could have left behind. */
  const tampered = (inner: InMemoryAuditStore, tamper: (entries: AuditEntry[]) => AuditEntry[]): AuditStore => ({
    head: () => inner.head(),
    append: (entry, expected) => inner.append(entry, expected),
    search: (filter) => inner.search(filter),
    count: (filter) => inner.count(filter),
    appendCheckpoint: (checkpoint, expected) => inner.appendCheckpoint(checkpoint, expected),
    latestCheckpoint: () => inner.latestCheckpoint(),
    checkpoints: () => inner.checkpoints(),
    insertPending: (facts) => inner.insertPending(facts),
    pendingBatch: (limit) => inner.pendingBatch(limit),
    chain: (entries, expected) => inner.chain(entries, expected),
    pendingStats: () => inner.pendingStats(),
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
