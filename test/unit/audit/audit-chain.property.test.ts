import { createHash, createHmac } from 'node:crypto';
import fc from 'fast-check';
import { linkPayload, sealEntry, verifyChain, type ChainVerdict } from '../../../domain/audit/audit-chain';
import { ZERO_HASH, type AuditEntry, type AuditFacts, type ChainHead } from '../../../domain/audit/audit-entry';
import { canonicalJson } from '../../../domain/audit/canonical-json';

const KEY_ID = 'k1';
const KEY = 'k'.repeat(32);
const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
const hmac = (key: string, hash: string): string => createHmac('sha256', key).update(hash, 'utf8').digest('base64url');
const sign = (hash: string) => ({ signature: hmac(KEY, hash), keyId: KEY_ID });
const verifySignature = (hash: string, signature: string, keyId: string): boolean =>
  keyId === KEY_ID && hmac(KEY, hash) === signature;

const token = fc.stringMatching(/^[A-Za-z0-9_:.-]{1,24}$/);
const hexId = fc.stringMatching(/^[0-9a-f]{24}$/);

const factsArbitrary: fc.Arbitrary<AuditFacts> = fc
  .record({
    id: hexId,
    at: fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) }).map((ms) => new Date(ms).toISOString()),
    actorKind: fc.constantFrom('caregiver' as const, 'system' as const, 'anonymous' as const),
    actorId: fc.option(hexId, { nil: null }),
    orgId: fc.option(hexId, { nil: null }),
    action: fc.constantFrom('READ', 'CREATE', 'UPDATE', 'DELETE', 'LOGIN', 'LOGIN_FAILED', 'ACCESS_DENIED'),
    resourceType: fc.constantFrom('patient', 'call', 'conversation', 'session', 'caregiver'),
    resourceId: fc.option(fc.oneof(hexId, fc.constant('list')), { nil: null }),
    outcome: fc.constantFrom('success' as const, 'failure' as const, 'denied' as const),
    requestId: fc.option(fc.uuid(), { nil: null }),
    ip: fc.option(fc.ipV4(), { nil: null }),
    details: fc.dictionary(
      fc.stringMatching(/^[a-z][A-Za-z0-9_]{0,12}$/),
      fc.oneof(token, fc.integer(), fc.boolean(), fc.constant(null)),
      { maxKeys: 4 },
    ),
    patientIds: fc.option(fc.array(hexId, { minLength: 1, maxLength: 3 }), { nil: undefined }),
  })
  .map(({ patientIds, ...rest }) => (patientIds === undefined ? rest : { ...rest, patientIds }));

const buildChain = (facts: readonly AuditFacts[]): AuditEntry[] => {
  const chain: AuditEntry[] = [];
  let head: ChainHead | null = null;
  for (const item of facts) {
    const entry = sealEntry(item, head, KEY_ID, sha256, sign);
    chain.push(entry);
    head = { seq: entry.seq, hash: entry.hash };
  }
  return chain;
};

const chainArbitrary = fc.array(factsArbitrary, { minLength: 1, maxLength: 25 }).map(buildChain);

/** The chain's own head as a signed checkpoint would anchor it (so a cut tail is visible). */
const anchorsOf = (chain: readonly AuditEntry[]): ChainHead[] => {
  const last = chain.at(-1);
  return last === undefined ? [] : [{ seq: last.seq, hash: last.hash }];
};
const verify = (entries: readonly AuditEntry[], original: readonly AuditEntry[]): ChainVerdict =>
  verifyChain(entries, sha256, verifySignature, { anchors: anchorsOf(original) });

const same = (a: AuditEntry | undefined, b: AuditEntry | undefined): boolean =>
  a !== undefined && b !== undefined && canonicalJson(a) === canonicalJson(b);
/** The first position where the tampered chain differs from the original: where verification must fail. */
const firstDifference = (tampered: readonly AuditEntry[], original: readonly AuditEntry[]): number => {
  let i = 0;
  while (i < tampered.length && same(tampered[i], original[i])) i += 1;
  return i;
};

/** A different value of the same kind. */
const changed = (value: unknown, salt: number): unknown => {
  if (typeof value === 'number') return value + 1 + (salt % 3);
  if (typeof value === 'string') return value.length > 0 && salt % 2 === 0 ? `${value.slice(0, -1)}~` : `${value}x`;
  if (typeof value === 'boolean') return !value;
  if (value === null || value === undefined) return `set${salt}`;
  if (Array.isArray(value)) return [...(value as unknown[]), `extra${salt}`];
  return { ...value, zzExtra: salt };
};

const FIELDS: readonly (keyof AuditEntry)[] = [
  'seq',
  'id',
  'at',
  'actorKind',
  'actorId',
  'orgId',
  'action',
  'resourceType',
  'resourceId',
  'outcome',
  'requestId',
  'ip',
  'details',
  'patientIds',
  'prevHash',
  'keyId',
  'hash',
  'signature',
];

/** A forged entry the way an attacker without the key makes one: it fits its place and even links correctly. */
const forge = (facts: AuditFacts, at: number, chain: readonly AuditEntry[], variant: number): AuditEntry => {
  const previous = at === 0 ? null : chain[at - 1];
  const head = previous === null || previous === undefined ? null : { seq: previous.seq, hash: previous.hash };
  const entry = sealEntry(facts, head, KEY_ID, sha256, (hash) => ({
    signature: hmac('not-the-key'.padEnd(32, '!'), hash),
    keyId: KEY_ID,
  }));
  if (variant === 1) return { ...entry, hash: sha256(`garbage${at}`) };
  if (variant === 2) return { ...entry, seq: chain.length + 10 };
  return entry;
};

describe('the audit hash chain (property)', () => {
  it('verifies an untouched chain of random entries', () => {
    fc.assert(
      fc.property(chainArbitrary, (chain) => {
        expect(verify(chain, chain)).toEqual({ ok: true, count: chain.length });
        // Without an anchor as well: nothing depends on knowing the head.
        expect(verifyChain(chain, sha256, verifySignature)).toEqual({ ok: true, count: chain.length });
      }),
    );
  });

  it('detects any single edit of any field and names the edited entry', () => {
    fc.assert(
      fc.property(chainArbitrary, fc.nat(), fc.constantFrom(...FIELDS), fc.nat(), (chain, pick, field, salt) => {
        const at = pick % chain.length;
        const original = chain[at];
        const edited = { ...original, [field]: changed(original[field], salt) };
        fc.pre(!same(edited, original));
        const tampered = chain.map((entry, i) => (i === at ? edited : entry));
        const verdict = verify(tampered, chain);
        expect(verdict).toMatchObject({ ok: false, firstBrokenIndex: at, expectedSeq: at + 1 });
      }),
    );
  });

  it('detects any single deletion, the last entry included, at the deleted position', () => {
    fc.assert(
      fc.property(chainArbitrary, fc.nat(), (chain, pick) => {
        const at = pick % chain.length;
        const tampered = chain.filter((_, i) => i !== at);
        expect(verify(tampered, chain)).toMatchObject({ ok: false, firstBrokenIndex: at, reason: 'sequence-gap' });
      }),
    );
  });

  it('detects any single insertion of a forged entry at the inserted position', () => {
    fc.assert(
      fc.property(chainArbitrary, fc.nat(), factsArbitrary, fc.nat({ max: 2 }), (chain, pick, facts, variant) => {
        const at = pick % (chain.length + 1);
        const tampered = [...chain.slice(0, at), forge(facts, at, chain, variant), ...chain.slice(at)];
        const verdict = verify(tampered, chain);
        expect(verdict).toMatchObject({ ok: false, firstBrokenIndex: at });
        if (variant === 0) expect(verdict).toMatchObject({ reason: 'signature' });
      }),
    );
  });

  it('detects a replayed copy of an existing entry inserted anywhere, at the first position that differs', () => {
    fc.assert(
      fc.property(chainArbitrary, fc.nat(), fc.nat(), (chain, pickAt, pickCopy) => {
        const at = pickAt % (chain.length + 1);
        const copy = chain[pickCopy % chain.length];
        const tampered = [...chain.slice(0, at), copy, ...chain.slice(at)];
        const verdict = verify(tampered, chain);
        expect(verdict).toMatchObject({ ok: false, firstBrokenIndex: firstDifference(tampered, chain) });
      }),
    );
  });

  it('detects any swap of two entries at the first swapped position', () => {
    fc.assert(
      fc.property(
        chainArbitrary.filter((chain) => chain.length >= 2),
        fc.nat(),
        fc.nat(),
        (chain, a, b) => {
          const i = a % chain.length;
          const j = b % chain.length;
          fc.pre(i !== j);
          const tampered = [...chain];
          [tampered[i], tampered[j]] = [chain[j], chain[i]];
          expect(verify(tampered, chain)).toMatchObject({
            ok: false,
            firstBrokenIndex: Math.min(i, j),
            reason: 'sequence-gap',
          });
        },
      ),
    );
  });

  it('detects an edit whose hash was recomputed without the key (the signature fails there)', () => {
    fc.assert(
      fc.property(chainArbitrary, fc.nat(), (chain, pick) => {
        const at = pick % chain.length;
        const original = chain[at];
        const body = { ...original, outcome: original.outcome === 'success' ? 'failure' : 'success' } as AuditEntry;
        const rehashed = { ...body, hash: sha256(linkPayload(body)) };
        const tampered = chain.map((entry, i) => (i === at ? rehashed : entry));
        expect(verify(tampered, chain)).toMatchObject({ ok: false, firstBrokenIndex: at, reason: 'signature' });
      }),
    );
  });

  it('detects a chain rewritten with the key from some point on, at that point, through the anchor', () => {
    fc.assert(
      fc.property(chainArbitrary, fc.nat(), (chain, pick) => {
        const at = pick % chain.length;
        const rewritten = [...chain.slice(0, at)];
        let head: ChainHead | null = at === 0 ? null : { seq: chain[at - 1].seq, hash: chain[at - 1].hash };
        for (const entry of chain.slice(at)) {
          const { seq: _s, prevHash: _p, keyId: _k, hash: _h, signature: _g, ...facts } = entry;
          const resealed = sealEntry({ ...facts, requestId: 'rewritten' }, head, KEY_ID, sha256, sign);
          rewritten.push(resealed);
          head = { seq: resealed.seq, hash: resealed.hash };
        }
        const anchors = chain.map((entry) => ({ seq: entry.seq, hash: entry.hash }));
        const verdict = verifyChain(rewritten, sha256, verifySignature, { anchors });
        expect(verdict).toMatchObject({ ok: false, firstBrokenIndex: at, reason: 'checkpoint-mismatch' });
      }),
    );
  });

  it('starts from a given sequence number and link (verifying the rest of a purged or partial chain)', () => {
    fc.assert(
      fc.property(
        chainArbitrary.filter((chain) => chain.length >= 2),
        fc.nat(),
        (chain, pick) => {
          const from = 1 + (pick % (chain.length - 1));
          const start = { seq: from + 1, hash: chain[from - 1].hash };
          expect(verifyChain(chain.slice(from), sha256, verifySignature, { start })).toEqual({
            ok: true,
            count: chain.length - from,
          });
          const wrongLink = { seq: from + 1, hash: ZERO_HASH };
          expect(verifyChain(chain.slice(from), sha256, verifySignature, { start: wrongLink })).toMatchObject({
            ok: false,
            firstBrokenIndex: 0,
            reason: 'prev-link',
          });
        },
      ),
    );
  });
});

describe('the audit hash chain (examples)', () => {
  const chain = buildChain(fc.sample(factsArbitrary, { numRuns: 5, seed: 42 }));

  it('links the first entry to 64 zeros and each later one to the hash before it', () => {
    expect(chain[0].prevHash).toBe(ZERO_HASH);
    expect(chain.slice(1).map((entry) => entry.prevHash)).toEqual(chain.slice(0, -1).map((entry) => entry.hash));
    expect(chain.map((entry) => entry.seq)).toEqual([1, 2, 3, 4, 5]);
  });

  it('hashes the canonical body without hash and signature (so keyId, seq and prevHash are covered)', () => {
    const entry = chain[2];
    const payload = linkPayload(entry);
    expect(entry.hash).toBe(sha256(payload));
    expect(payload).not.toContain(entry.signature);
    expect(JSON.parse(payload)).toMatchObject({ seq: 3, prevHash: chain[1].hash, keyId: KEY_ID });
    expect(Object.keys(JSON.parse(payload) as object)).not.toContain('hash');
  });

  it('reports a truncated tail only when an anchor says how long the chain was', () => {
    expect(verifyChain(chain.slice(0, 3), sha256, verifySignature)).toEqual({ ok: true, count: 3 });
    expect(verify(chain.slice(0, 3), chain)).toEqual({
      ok: false,
      firstBrokenIndex: 3,
      reason: 'sequence-gap',
      expectedSeq: 4,
      entryId: null,
    });
    expect(verify([], chain)).toMatchObject({ ok: false, firstBrokenIndex: 0, reason: 'sequence-gap' });
  });

  it('reports a wrong previous link when an entry is consistent in itself but points elsewhere', () => {
    const relinked = sealEntry(
      (({ seq: _s, prevHash: _p, keyId: _k, hash: _h, signature: _g, ...facts }) => facts)(chain[2]),
      { seq: 2, hash: sha256('elsewhere') },
      KEY_ID,
      sha256,
      sign,
    );
    const tampered = chain.map((entry, i) => (i === 2 ? relinked : entry));
    expect(verifyChain(tampered, sha256, verifySignature)).toMatchObject({
      ok: false,
      firstBrokenIndex: 2,
      reason: 'prev-link',
      entryId: chain[2].id,
    });
  });

  it('reports an entry that cannot be canonicalised (a Date written into the database) as a hash mismatch', () => {
    const tampered = chain.map((entry, i) =>
      i === 1 ? ({ ...entry, at: new Date(0) } as unknown as AuditEntry) : entry,
    );
    expect(verifyChain(tampered, sha256, verifySignature)).toMatchObject({
      firstBrokenIndex: 1,
      reason: 'hash-mismatch',
    });
  });

  it('rejects an entry signed with an unknown key id', () => {
    const tampered = chain.map((entry, i) => (i === 4 ? { ...entry, keyId: 'k2' } : entry));
    // keyId is part of the body, so the hash already disagrees.
    expect(verifyChain(tampered, sha256, verifySignature)).toMatchObject({
      firstBrokenIndex: 4,
      reason: 'hash-mismatch',
    });
    const resealed = sealEntry(
      (({ seq: _s, prevHash: _p, keyId: _k, hash: _h, signature: _g, ...facts }) => facts)(chain[4]),
      { seq: 4, hash: chain[3].hash },
      'k2',
      sha256,
      (hash) => ({ signature: hmac(KEY, hash), keyId: 'k2' }),
    );
    expect(verifyChain([...chain.slice(0, 4), resealed], sha256, verifySignature)).toMatchObject({
      firstBrokenIndex: 4,
      reason: 'signature',
    });
  });

  it('refuses to seal when the signer used another key than the entry names', () => {
    expect(() =>
      sealEntry(chain[0], null, KEY_ID, sha256, (hash) => ({ signature: hmac(KEY, hash), keyId: 'other' })),
    ).toThrow(RangeError);
  });
});
