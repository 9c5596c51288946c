import type { AuditStore } from '../../../application/ports/audit-store';
import { sealCheckpoint, type AuditCheckpoint } from '../../../domain/audit/audit-checkpoint';
import { sealEntry } from '../../../domain/audit/audit-chain';
import { auditFacts, type AuditEntry, type ChainHead } from '../../../domain/audit/audit-entry';
import { anEvent, auditCrypto, chainerOn, verifierOn } from '../../application/audit/audit-world';

const crypto = auditCrypto();
const hash = (text: string): string => crypto.hasher.sha256(text);
const sign = (value: string) => crypto.signer.sign(value);

/** Entries 1..count as the chainer would seal them, with varied fields (nulls, patients, mixed details). */
export const sealedChain = (count: number): AuditEntry[] => {
  const entries: AuditEntry[] = [];
  let head: ChainHead | null = null;
  for (let i = 1; i <= count; i += 1) {
    const facts = auditFacts(`e${i.toString().padStart(23, '0')}`, {
      ...anEvent({
        action: i % 3 === 0 ? 'LOGIN_FAILED' : 'READ',
        outcome: i % 3 === 0 ? 'failure' : 'success',
        orgId: i % 2 === 0 ? 'org-even' : 'org-odd',
        actorId: i % 4 === 0 ? null : `actor-${i}`,
        ip: i % 5 === 0 ? null : '::ffff:10.0.0.1',
        at: new Date(Date.UTC(2026, 5, 1, 0, 0, i)),
        details: { count: i, big: 2 ** 40 + i, flag: i % 2 === 0, reason: i % 2 === 0 ? null : 'CODE_X', zero: -0 },
      }),
      ...(i % 2 === 0 ? { patientIds: [`patient-${i}`, 'patient-common'] } : {}),
    });
    const entry = sealEntry(facts, head, crypto.signer.keyId, hash, sign);
    entries.push(entry);
    head = { seq: entry.seq, hash: entry.hash };
  }
  return entries;
};

const checkpointOf = (entry: AuditEntry, previous: AuditCheckpoint | null): AuditCheckpoint =>
  sealCheckpoint(entry, previous, '2026-06-01T00:00:00.000Z', crypto.signer.keyId, hash, sign);

export interface AuditStoreTarget {
  /** A store on an empty log. */
  readonly open: () => Promise<AuditStore>;
}

/** What every `AuditStore` guarantees (memory and Mongo run the same suite). */
export const auditStoreContract = (target: AuditStoreTarget): void => {
  let store: AuditStore;
  beforeEach(async () => {
    store = await target.open();
  });

  const appendAll = async (entries: readonly AuditEntry[]): Promise<void> => {
    for (const entry of entries) expect(await store.append(entry, entry.seq - 1)).toBe(true);
  };

  it('starts empty and moves the head with each append', async () => {
    expect(await store.head()).toBeNull();
    const [first, second] = sealedChain(2);
    expect(await store.append(first, 0)).toBe(true);
    expect(await store.head()).toEqual({ seq: 1, hash: first.hash });
    expect(await store.append(second, 1)).toBe(true);
    expect(await store.head()).toEqual({ seq: 2, hash: second.hash });
  });

  it('refuses an append whose expected head is stale (compare-and-set), keeping the first writer', async () => {
    const [first] = sealedChain(1);
    const rival = { ...first, id: 'rival-entry-0000000000000', hash: 'f'.repeat(64) };
    expect(await store.append(first, 0)).toBe(true);
    expect(await store.append(rival, 0)).toBe(false);
    expect(await store.page(1, 10)).toEqual([first]);
  });

  it('refuses an entry whose seq does not follow the expected head (a caller bug, never stored)', async () => {
    const chain = sealedChain(3);
    await expect(store.append(chain[2], 0)).rejects.toThrow(RangeError);
    expect(await store.head()).toBeNull();
  });

  it('gives entries back exactly as appended (the hash still recomputes), in pages by seq', async () => {
    const chain = sealedChain(12);
    await appendAll(chain);
    expect(await store.page(1, 100)).toEqual(chain);
    expect(await store.page(5, 3)).toEqual(chain.slice(4, 7));
    expect(await store.page(12, 3)).toEqual(chain.slice(11));
    expect(await store.page(13, 3)).toEqual([]);
    expect(await verifierOn(store).execute({ pageSize: 5 })).toMatchObject({ ok: true, checked: 12 });
  });

  it('does not let a caller change a stored entry through an object it holds', async () => {
    const [entry] = sealedChain(1);
    const mine = structuredClone(entry);
    await store.append(mine, 0);
    (mine.details as Record<string, unknown>)['count'] = 999;
    const [read] = await store.page(1, 1);
    try {
      (read.details as Record<string, unknown>)['count'] = 998;
    } catch {
      // frozen: fine
    }
    expect((await store.page(1, 1))[0]).toEqual(entry);
  });

  it('searches newest first by org, action, outcome, patient, time range and actor, with keyset paging', async () => {
    const chain = sealedChain(12);
    await appendAll(chain);
    const seqs = async (filter: Parameters<AuditStore['search']>[0]) =>
      (await store.search(filter)).map((entry) => entry.seq);
    expect(await seqs({ limit: 3 })).toEqual([12, 11, 10]);
    expect(await seqs({ orgId: 'org-even', limit: 100 })).toEqual([12, 10, 8, 6, 4, 2]);
    expect(await seqs({ action: 'LOGIN_FAILED', outcome: 'failure', limit: 100 })).toEqual([12, 9, 6, 3]);
    expect(await seqs({ patientId: 'patient-common', beforeSeq: 8, limit: 2 })).toEqual([6, 4]);
    expect(await seqs({ patientId: 'patient-4', limit: 100 })).toEqual([4]);
    expect(await seqs({ from: chain[2].at, to: chain[5].at, limit: 100 })).toEqual([5, 4, 3]);
    expect(await seqs({ actorId: 'actor-7', resourceType: 'patient', limit: 100 })).toEqual([7]);
    expect(await seqs({ resourceId: 'nothing-like-this', limit: 100 })).toEqual([]);
  });

  it('appends checkpoints with compare-and-set on the newest one and lists them in order', async () => {
    const chain = sealedChain(20);
    await appendAll(chain);
    expect(await store.latestCheckpoint()).toBeNull();
    const first = checkpointOf(chain[9], null);
    const second = checkpointOf(chain[19], first);
    const stale = checkpointOf(chain[19], null);
    expect(await store.appendCheckpoint(first, 0)).toBe(true);
    expect(await store.appendCheckpoint(stale, 0)).toBe(false);
    expect(await store.appendCheckpoint(second, 10)).toBe(true);
    expect(await store.latestCheckpoint()).toEqual(second);
    expect(await store.checkpoints()).toEqual([first, second]);
    await expect(store.appendCheckpoint(second, 20)).rejects.toThrow(RangeError);
  });

  it('carries a chainer: concurrent records make one chain with checkpoints that verifies', async () => {
    const chainer = chainerOn(store, { checkpointEvery: 5 });
    await Promise.all(Array.from({ length: 23 }, (_, i) => chainer.record(anEvent({ details: { i } }))));
    expect((await store.page(1, 100)).map((entry) => entry.seq)).toEqual(Array.from({ length: 23 }, (_, i) => i + 1));
    expect((await store.checkpoints()).map((checkpoint) => checkpoint.seq)).toEqual([5, 10, 15, 20]);
    expect(await verifierOn(store).execute({ pageSize: 4 })).toMatchObject({
      ok: true,
      checked: 23,
      checkedCheckpoints: 4,
    });
  });
};
