import { ZERO_HASH } from './audit-entry';
import type { ComputeHash, SignHash, VerifySignature } from './audit-chain';
import { canonicalJson } from './canonical-json';

/**
 * Signed checkpoints (DOMAIN.md §11.3): every N chained entries the chainer signs `{seq, entryHash}` of the entry
 * it just appended. Checkpoints link to each other (`prevSeq`, `prevCheckpointHash`), are kept for the life of the
 * system, and anchor verification: an entry rewritten by someone holding the signing key still disagrees with an
 * exported checkpoint, and a chain cut below a checkpoint shows as a gap.
 */
export interface AuditCheckpointBody {
  readonly seq: number;
  /** `hash` of the entry `seq`. */
  readonly entryHash: string;
  /** When the checkpoint was made: ISO 8601 UTC. */
  readonly at: string;
  /** `seq` of the previous checkpoint; 0 for the first. */
  readonly prevSeq: number;
  /** `checkpointHash` of the previous checkpoint; 64 zeros for the first. */
  readonly prevCheckpointHash: string;
  readonly keyId: string;
}

export interface AuditCheckpoint extends AuditCheckpointBody {
  /** Lowercase hex SHA-256 of the canonical body. */
  readonly checkpointHash: string;
  readonly signature: string;
}

const UNHASHED: readonly string[] = ['checkpointHash', 'signature'];

/** The canonical text that is hashed: the checkpoint without `checkpointHash` and `signature`. */
export const checkpointPayload = (checkpoint: AuditCheckpointBody): string => canonicalJson(checkpoint, UNHASHED);

/** A signed checkpoint of the entry `{seq, hash}`, linked after `previous` (null: the first checkpoint). */
export const sealCheckpoint = (
  entry: { readonly seq: number; readonly hash: string },
  previous: AuditCheckpoint | null,
  at: string,
  keyId: string,
  computeHash: ComputeHash,
  sign: SignHash,
): AuditCheckpoint => {
  const body: AuditCheckpointBody = {
    seq: entry.seq,
    entryHash: entry.hash,
    at,
    prevSeq: previous?.seq ?? 0,
    prevCheckpointHash: previous?.checkpointHash ?? ZERO_HASH,
    keyId,
  };
  const checkpointHash = computeHash(checkpointPayload(body));
  const signed = sign(checkpointHash);
  if (signed.keyId !== keyId)
    throw new RangeError(`the signer used key ${signed.keyId}, the checkpoint names ${keyId}`);
  return { ...body, checkpointHash, signature: signed.signature };
};

export type CheckpointBreakReason = 'checkpoint-hash' | 'checkpoint-link' | 'checkpoint-signature';

export type CheckpointVerdict =
  | { readonly ok: true; readonly count: number }
  | {
      readonly ok: false;
      readonly firstBrokenIndex: number;
      readonly seq: number;
      readonly reason: CheckpointBreakReason;
    };

/** Verifies checkpoints in ascending `seq` order: each one's hash, signature and link to the one before. */
export const verifyCheckpoints = (
  checkpoints: readonly AuditCheckpoint[],
  computeHash: ComputeHash,
  verifySignature: VerifySignature,
): CheckpointVerdict => {
  let previous: { readonly seq: number; readonly checkpointHash: string } = { seq: 0, checkpointHash: ZERO_HASH };
  for (const [index, checkpoint] of checkpoints.entries()) {
    const broken = (reason: CheckpointBreakReason): CheckpointVerdict => ({
      ok: false,
      firstBrokenIndex: index,
      seq: checkpoint.seq,
      reason,
    });
    let recomputed: string;
    try {
      recomputed = computeHash(checkpointPayload(checkpoint));
    } catch {
      return broken('checkpoint-hash');
    }
    if (recomputed !== checkpoint.checkpointHash) return broken('checkpoint-hash');
    if (
      checkpoint.prevSeq !== previous.seq ||
      checkpoint.prevCheckpointHash !== previous.checkpointHash ||
      !(checkpoint.seq > previous.seq)
    )
      return broken('checkpoint-link');
    if (!verifySignature(checkpoint.checkpointHash, checkpoint.signature, checkpoint.keyId))
      return broken('checkpoint-signature');
    previous = checkpoint;
  }
  return { ok: true, count: checkpoints.length };
};
