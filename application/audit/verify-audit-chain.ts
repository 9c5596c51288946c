import { verifyCheckpoints, type CheckpointBreakReason } from '../../domain/audit/audit-checkpoint';
import { ChainVerifier, type ChainBreakReason, type ChainVerdict } from '../../domain/audit/audit-chain';
import { ZERO_HASH, type ChainHead } from '../../domain/audit/audit-entry';
import type { Actor } from '../../domain/shared/actor';
import type { AuditRecorder } from '../ports/audit-recorder';
import type { AuditSigner } from '../ports/audit-signer';
import type { AuditStore } from '../ports/audit-store';
import type { Clock } from '../ports/clock';
import type { Hasher } from '../ports/hasher';

export interface VerifyAuditChainInput {
  /** First sequence number to verify (default 1). Its `prevHash` is checked against the checkpoint or entry before. */
  readonly fromSeq?: number;
  /** Last sequence number to verify (default: the head when the run starts, or the newest checkpoint if higher). */
  readonly toSeq?: number;
  /** Entries read per page (default 1000). */
  readonly pageSize?: number;
}

export type AuditChainBreak = ChainBreakReason | CheckpointBreakReason;

/** DOMAIN.md §11.4 step 5, for the superAdmin endpoint, the operator CLI and the daily job. */
export interface AuditChainReport {
  readonly ok: boolean;
  /** Entries verified before the first break (all of them when ok). */
  readonly checked: number;
  readonly checkedCheckpoints: number;
  /** Position of the first broken link counted from `from` (0 = the entry `from`); null when ok. */
  readonly firstBrokenIndex: number | null;
  /** The sequence number expected at the first broken link (for a checkpoint: its `seq`); null when ok. */
  readonly firstBrokenSeq: number | null;
  /** The id of the entry found at the first broken link, when there is one. */
  readonly firstBrokenEntryId: string | null;
  readonly reason: AuditChainBreak | null;
  readonly from: number;
  readonly to: number;
  readonly verifiedAt: string;
}

const DEFAULT_PAGE_SIZE = 1000;

/**
 * VerifyAuditChain (DOMAIN.md §11.4): reads the log page by page (never the whole log at once), recomputes every
 * hash, checks every link and signature, and names the first broken link: an edited entry (`hash-mismatch`), a
 * deleted, inserted or moved one (`sequence-gap`), a forged one (`signature`, `prev-link`), or one that disagrees
 * with a signed checkpoint (`checkpoint-mismatch`). Checkpoints are verified first (hash, signature, link) and
 * anchor the entries, so a tail cut below the newest checkpoint is found too. Entries appended while the run
 * goes on are left for the next run. With a recorder, the run itself is audited (`AUDIT_VERIFIED`).
 *
 * Not covered by this first version (RESOLUTIONS.md 40): entries cut after the newest checkpoint leave no trace
 * until the next checkpoint would have covered them (checkpoints are the anchor; export them to WORM storage).
 */
export class VerifyAuditChain {
  constructor(
    private readonly store: AuditStore,
    private readonly hasher: Pick<Hasher, 'sha256'>,
    private readonly signer: Pick<AuditSigner, 'verify'>,
    private readonly clock: Clock,
    private readonly recorder: AuditRecorder | null = null,
  ) {}

  async execute(input: VerifyAuditChainInput = {}, actor?: Actor): Promise<AuditChainReport> {
    const report = await this.verify(input);
    if (this.recorder !== null && actor !== undefined) await this.audit(report, actor);
    return report;
  }

  private async verify(input: VerifyAuditChainInput): Promise<AuditChainReport> {
    const computeHash = (text: string): string => this.hasher.sha256(text);
    const verifySignature = (hash: string, signature: string, keyId: string): boolean =>
      this.signer.verify(hash, signature, keyId);
    const from = Math.max(1, Math.trunc(input.fromSeq ?? 1));
    const pageSize = Math.max(1, Math.trunc(input.pageSize ?? DEFAULT_PAGE_SIZE));

    const checkpoints = await this.store.checkpoints();
    const head = await this.store.head();
    const newestCheckpoint = checkpoints.at(-1)?.seq ?? 0;
    const to = Math.trunc(input.toSeq ?? Math.max(head?.seq ?? 0, newestCheckpoint));
    const result = (
      fields: Partial<AuditChainReport> & Pick<AuditChainReport, 'ok' | 'checked'>,
    ): AuditChainReport => ({
      checkedCheckpoints: 0,
      firstBrokenIndex: null,
      firstBrokenSeq: null,
      firstBrokenEntryId: null,
      reason: null,
      from,
      to,
      verifiedAt: this.clock.now().toISOString(),
      ...fields,
    });

    const checkpointVerdict = verifyCheckpoints(checkpoints, computeHash, verifySignature);
    if (!checkpointVerdict.ok)
      return result({
        ok: false,
        checked: 0,
        checkedCheckpoints: checkpointVerdict.firstBrokenIndex,
        firstBrokenSeq: checkpointVerdict.seq,
        reason: checkpointVerdict.reason,
      });
    const anchors = checkpoints
      .filter((checkpoint) => checkpoint.seq >= from && checkpoint.seq <= to)
      .map((checkpoint): ChainHead => ({ seq: checkpoint.seq, hash: checkpoint.entryHash }));
    const start = await this.startOf(from, checkpoints);
    if (start === null)
      return result({
        ok: false,
        checked: 0,
        checkedCheckpoints: checkpoints.length,
        firstBrokenIndex: 0,
        firstBrokenSeq: from - 1,
        reason: 'sequence-gap',
      });

    const verifier = new ChainVerifier(computeHash, verifySignature, { start, anchors });
    const verdict = await this.stream(verifier, from, to, pageSize);
    if (verdict.ok) return result({ ok: true, checked: verdict.count, checkedCheckpoints: checkpoints.length });
    return result({
      ok: false,
      checked: verdict.firstBrokenIndex,
      checkedCheckpoints: checkpoints.length,
      firstBrokenIndex: verdict.firstBrokenIndex,
      firstBrokenSeq: verdict.expectedSeq,
      firstBrokenEntryId: verdict.entryId,
      reason: verdict.reason,
    });
  }

  /** The link the entry `from` must carry: zeros for 1, else the checkpoint or the stored entry at `from - 1`. */
  private async startOf(
    from: number,
    checkpoints: readonly { seq: number; entryHash: string }[],
  ): Promise<ChainHead | null> {
    if (from === 1) return { seq: 1, hash: ZERO_HASH };
    const checkpoint = checkpoints.find((candidate) => candidate.seq === from - 1);
    if (checkpoint !== undefined) return { seq: from, hash: checkpoint.entryHash };
    const [before] = await this.store.page(from - 1, 1);
    return before !== undefined && before.seq === from - 1 ? { seq: from, hash: before.hash } : null;
  }

  /**
   * Feeds the verifier in `(seq, id)` order up to `to`. Pages restart at the last sequence number seen (skipping
   * the ids already verified there), so a duplicated sequence number that straddles two pages is still seen.
   */
  private async stream(verifier: ChainVerifier, from: number, to: number, pageSize: number): Promise<ChainVerdict> {
    let cursor = from;
    let seenAtCursor = new Set<string>();
    let limit = pageSize;
    for (;;) {
      const asked = limit;
      const page = await this.store.page(cursor, asked);
      const fresh = page.filter((entry) => !(entry.seq === cursor && seenAtCursor.has(entry.id)));
      if (fresh.length === 0) {
        if (page.length < asked) return verifier.finish();
        // A full page of entries already seen (one sequence number stored more often than a page holds).
        limit *= 2;
        continue;
      }
      limit = pageSize;
      for (const entry of fresh) {
        if (entry.seq > to) return verifier.finish();
        const broken = verifier.push(entry);
        if (broken !== null) return broken;
        if (entry.seq !== cursor) {
          cursor = entry.seq;
          seenAtCursor = new Set<string>();
        }
        seenAtCursor.add(entry.id);
      }
      if (page.length < asked) return verifier.finish();
    }
  }

  private async audit(report: AuditChainReport, actor: Actor): Promise<void> {
    await this.recorder?.record({
      action: 'AUDIT_VERIFIED',
      outcome: report.ok ? 'success' : 'failure',
      actorKind: actor.kind,
      actorId: actor.caregiverId ?? null,
      orgId: actor.orgId ?? null,
      resourceType: 'audit',
      resourceId: 'chain',
      requestId: actor.requestId ?? null,
      ip: actor.ip ?? null,
      at: this.clock.now(),
      details: {
        checked: report.checked,
        checkedCheckpoints: report.checkedCheckpoints,
        from: report.from,
        to: report.to,
        reason: report.reason,
        firstBrokenSeq: report.firstBrokenSeq,
      },
    });
  }
}
