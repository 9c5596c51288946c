import { type AuditEntry, type AuditEntryBody, type AuditFacts, type ChainHead, ZERO_HASH } from './audit-entry';
import { canonicalJson } from './canonical-json';

/**
 * The hash chain (DOMAIN.md §11.3) as pure functions. The domain does no cryptography: SHA-256 and the signature
 * arrive as functions, so the rules here are the same for every key type and testable with any digest.
 *
 * - `hash = SHA-256(linkPayload(entry))`, where the payload is the RFC 8785 form of every field except `hash` and
 *   `signature`: `seq`, `prevHash` and `keyId` are covered, so the hash commits to the previous one.
 * - `signature = sign(hash)` with the key `keyId`.
 * - `prevHash` of `seq = 1` is 64 zeros.
 */
export type ComputeHash = (payload: string) => string;
export type SignHash = (hash: string) => { readonly signature: string; readonly keyId: string };
export type VerifySignature = (hash: string, signature: string, keyId: string) => boolean;

export type ChainBreakReason = 'sequence-gap' | 'hash-mismatch' | 'prev-link' | 'signature' | 'checkpoint-mismatch';

export type ChainVerdict =
  | { readonly ok: true; readonly count: number }
  | {
      readonly ok: false;
      /** Position in the verified sequence of entries (0 = the first one given). */
      readonly firstBrokenIndex: number;
      readonly reason: ChainBreakReason;
      /** The sequence number expected at that position. */
      readonly expectedSeq: number;
      /** The id of the entry found there, or null when the chain ends early. */
      readonly entryId: string | null;
    };

const UNHASHED: readonly string[] = ['hash', 'signature'];

/** The canonical text that is hashed: the entry without `hash` and `signature`. Throws on a non-JSON field. */
export const linkPayload = (entry: AuditEntryBody): string => canonicalJson(entry, UNHASHED);

/** Places facts after `head` (null: the first entry), hashes and signs them. */
export const sealEntry = (
  facts: AuditFacts,
  head: ChainHead | null,
  keyId: string,
  computeHash: ComputeHash,
  sign: SignHash,
): AuditEntry => {
  const body: AuditEntryBody = {
    ...facts,
    seq: head === null ? 1 : head.seq + 1,
    prevHash: head === null ? ZERO_HASH : head.hash,
    keyId,
  };
  const hash = computeHash(linkPayload(body));
  const signed = sign(hash);
  if (signed.keyId !== keyId) throw new RangeError(`the signer used key ${signed.keyId}, the entry names ${keyId}`);
  return { ...body, hash, signature: signed.signature };
};

export interface ChainVerifierOptions {
  /** Where verification starts: the first sequence number and the hash it must link to (default 1 and zeros). */
  readonly start?: ChainHead;
  /**
   * Known-good `{seq, hash}` pairs, from verified signed checkpoints: the entry at `seq` must have that hash, and a
   * chain that ends before the highest anchor has lost entries (a truncated tail is otherwise undetectable).
   */
  readonly anchors?: readonly ChainHead[];
}

/**
 * Verifies entries one at a time, in the order they are stored, so a long chain can be streamed page by page.
 * At each position, in this order: the sequence number is the next one (`sequence-gap`: an entry deleted,
 * inserted or moved), the recomputed hash matches (`hash-mismatch`: the entry was edited), `prevHash` is the
 * previous entry's hash (`prev-link`), the signature verifies (`signature`: a hash recomputed without the key),
 * and a checkpoint anchored there agrees (`checkpoint-mismatch`). The first failure is final.
 */
export class ChainVerifier {
  private readonly anchors: ReadonlyMap<number, string>;
  private readonly lastAnchorSeq: number;
  private expectedSeq: number;
  private prevHash: string;
  private count = 0;
  private broken: ChainVerdict | null = null;

  constructor(
    private readonly computeHash: ComputeHash,
    private readonly verifySignature: VerifySignature,
    options: ChainVerifierOptions = {},
  ) {
    this.expectedSeq = options.start?.seq ?? 1;
    this.prevHash = options.start?.hash ?? ZERO_HASH;
    this.anchors = new Map((options.anchors ?? []).map((anchor) => [anchor.seq, anchor.hash]));
    this.lastAnchorSeq = Math.max(this.expectedSeq - 1, ...(options.anchors ?? []).map((anchor) => anchor.seq));
  }

  /** The next sequence number expected. */
  get nextSeq(): number {
    return this.expectedSeq;
  }

  /** Checks the next entry; returns the failure when this entry (or an earlier one) broke the chain, else null. */
  push(entry: AuditEntry): ChainVerdict | null {
    if (this.broken !== null) return this.broken;
    const reason = this.check(entry);
    if (reason !== null) {
      this.broken = this.breakAt(reason, typeof entry.id === 'string' ? entry.id : null);
      return this.broken;
    }
    this.prevHash = entry.hash;
    this.expectedSeq += 1;
    this.count += 1;
    return null;
  }

  /** The verdict once every entry was pushed. */
  finish(): ChainVerdict {
    if (this.broken !== null) return this.broken;
    if (this.expectedSeq <= this.lastAnchorSeq) return this.breakAt('sequence-gap', null);
    return { ok: true, count: this.count };
  }

  private check(entry: AuditEntry): ChainBreakReason | null {
    if (entry.seq !== this.expectedSeq) return 'sequence-gap';
    let recomputed: string;
    try {
      recomputed = this.computeHash(linkPayload(entry));
    } catch {
      return 'hash-mismatch';
    }
    if (recomputed !== entry.hash) return 'hash-mismatch';
    if (entry.prevHash !== this.prevHash) return 'prev-link';
    if (
      typeof entry.signature !== 'string' ||
      typeof entry.keyId !== 'string' ||
      !this.verifySignature(entry.hash, entry.signature, entry.keyId)
    )
      return 'signature';
    const anchored = this.anchors.get(entry.seq);
    if (anchored !== undefined && anchored !== entry.hash) return 'checkpoint-mismatch';
    return null;
  }

  private breakAt(reason: ChainBreakReason, entryId: string | null): ChainVerdict {
    return { ok: false, firstBrokenIndex: this.count, reason, expectedSeq: this.expectedSeq, entryId };
  }
}

/** Verifies a whole chain held in memory; reports the first broken link. */
export const verifyChain = (
  entries: Iterable<AuditEntry>,
  computeHash: ComputeHash,
  verifySignature: VerifySignature,
  options: ChainVerifierOptions = {},
): ChainVerdict => {
  const verifier = new ChainVerifier(computeHash, verifySignature, options);
  for (const entry of entries) if (verifier.push(entry) !== null) break;
  return verifier.finish();
};
