import { createHash, createHmac } from 'node:crypto';
import {
  checkpointPayload,
  sealCheckpoint,
  verifyCheckpoints,
  type AuditCheckpoint,
} from '../../../domain/audit/audit-checkpoint';
import { ZERO_HASH } from '../../../domain/audit/audit-entry';

const KEY = 'checkpoint-key-0123456789abcdef01234';
const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
const mac = (hash: string): string => createHmac('sha256', KEY).update(hash).digest('base64url');
const sign = (hash: string) => ({ signature: mac(hash), keyId: 'k1' });
const verify = (hash: string, signature: string, keyId: string): boolean => keyId === 'k1' && mac(hash) === signature;

const chainOf = (seqs: readonly number[]): AuditCheckpoint[] => {
  const out: AuditCheckpoint[] = [];
  for (const seq of seqs)
    out.push(
      sealCheckpoint(
        { seq, hash: sha256(`entry ${seq}`) },
        out.at(-1) ?? null,
        '2026-06-01T00:00:00.000Z',
        'k1',
        sha256,
        sign,
      ),
    );
  return out;
};

describe('audit checkpoints', () => {
  const checkpoints = chainOf([1000, 2000, 3000]);

  it('link each checkpoint to the one before (zeros and 0 for the first) and hash the body without hash and signature', () => {
    expect(checkpoints[0]).toMatchObject({
      prevSeq: 0,
      prevCheckpointHash: ZERO_HASH,
      entryHash: sha256('entry 1000'),
    });
    expect(checkpoints[2]).toMatchObject({ prevSeq: 2000, prevCheckpointHash: checkpoints[1].checkpointHash });
    expect(checkpoints[1].checkpointHash).toBe(sha256(checkpointPayload(checkpoints[1])));
    expect(checkpointPayload(checkpoints[1])).not.toContain('checkpointHash');
    expect(checkpointPayload(checkpoints[1])).not.toContain(checkpoints[1].signature);
    expect(verifyCheckpoints(checkpoints, sha256, verify)).toEqual({ ok: true, count: 3 });
    expect(verifyCheckpoints([], sha256, verify)).toEqual({ ok: true, count: 0 });
  });

  it('names the first checkpoint that was edited, forged, dropped or reordered', () => {
    const at = (index: number, change: Partial<AuditCheckpoint>) =>
      checkpoints.map((checkpoint, i) => (i === index ? { ...checkpoint, ...change } : checkpoint));
    expect(verifyCheckpoints(at(1, { entryHash: ZERO_HASH }), sha256, verify)).toEqual({
      ok: false,
      firstBrokenIndex: 1,
      seq: 2000,
      reason: 'checkpoint-hash',
    });
    const forged = { ...checkpoints[1], entryHash: ZERO_HASH };
    const rehashed = { ...forged, checkpointHash: sha256(checkpointPayload(forged)) };
    expect(verifyCheckpoints(at(1, rehashed), sha256, verify)).toMatchObject({
      firstBrokenIndex: 1,
      reason: 'checkpoint-signature',
    });
    expect(verifyCheckpoints([checkpoints[0], checkpoints[2]], sha256, verify)).toMatchObject({
      firstBrokenIndex: 1,
      reason: 'checkpoint-link',
    });
    expect(verifyCheckpoints([checkpoints[1], checkpoints[0]], sha256, verify)).toMatchObject({
      firstBrokenIndex: 0,
      reason: 'checkpoint-link',
    });
    expect(verifyCheckpoints(at(2, { signature: mac('other') }), sha256, verify)).toMatchObject({
      firstBrokenIndex: 2,
      reason: 'checkpoint-signature',
    });
  });

  it('refuses a checkpoint that would not move forward, and a signer that switched keys', () => {
    const stuck = sealCheckpoint(
      { seq: 3000, hash: sha256('x') },
      checkpoints[2],
      '2026-06-01T00:00:00.000Z',
      'k1',
      sha256,
      sign,
    );
    expect(verifyCheckpoints([...checkpoints, stuck], sha256, verify)).toMatchObject({
      firstBrokenIndex: 3,
      reason: 'checkpoint-link',
    });
    expect(() =>
      sealCheckpoint({ seq: 1, hash: ZERO_HASH }, null, '2026-06-01T00:00:00.000Z', 'k1', sha256, () => ({
        signature: 'x',
        keyId: 'k2',
      })),
    ).toThrow(RangeError);
  });
});
