import { sealCheckpoint, type AuditCheckpoint } from '../../domain/audit/audit-checkpoint';
import { sealEntry } from '../../domain/audit/audit-chain';
import type { AuditEntry, ChainHead } from '../../domain/audit/audit-entry';
import type { AuditSigner } from '../ports/audit-signer';
import type { AuditStore } from '../ports/audit-store';
import type { Clock } from '../ports/clock';
import type { Hasher } from '../ports/hasher';
import type { Logger } from '../ports/logger';
import type { UnitOfWork } from '../ports/unit-of-work';

class HeadMoved extends Error {
  constructor() {
    super('audit chain head moved');
  }
}

export interface AuditSequencerOptions {
  /** DOMAIN.md §11.3: batches of at most 500. */
  readonly batchSize?: number;
  /** A signed checkpoint after every this many entries (1,000). */
  readonly checkpointEvery?: number;
  /** How often the worker looks for pending entries without being woken (entries of other processes). */
  readonly pollMs?: number;
}

/**
 * The in-process sequencer of the embedded and single-node profiles (DOMAIN.md §11.3, RESOLUTIONS.md 40). Use
 * cases store entries as `pending` inside their own transaction; this worker takes them oldest first, links each
 * after the head (`seq`, `prevHash`), hashes and signs it, and appends the batch in ONE transaction with a
 * compare-and-set on the head, so the chain never forks even if another process sequences too.
 *
 * The worker loop is started outside any request, so its transactions never join a caller's: `kick()` only
 * resolves a promise the loop awaits, and the loop resumes in its own async context.
 */
export class AuditSequencer {
  private readonly batchSize: number;
  private readonly checkpointEvery: number;
  private readonly pollMs: number;
  private wake: (() => void) | null = null;
  private kicked = false;
  private running = false;
  private loop: Promise<void> | null = null;
  private pass: Promise<number> = Promise.resolve(0);
  /** Boundaries (multiples of `checkpointEvery`) chained but not yet checkpointed, oldest first. */
  private readonly checkpointsDue: number[] = [];

  constructor(
    private readonly store: AuditStore,
    private readonly uow: UnitOfWork,
    private readonly hasher: Pick<Hasher, 'sha256'>,
    private readonly signer: AuditSigner,
    private readonly clock: Clock,
    private readonly logger: Pick<Logger, 'error'>,
    options: AuditSequencerOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 500;
    this.checkpointEvery = options.checkpointEvery ?? 1000;
    this.pollMs = options.pollMs ?? 1000;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.work();
  }

  /** Something was recorded: sequence soon. Never blocks and never joins the caller's transaction. */
  kick(): void {
    this.kicked = true;
    this.wake?.();
  }

  /** Chains everything pending now (tests, the verify endpoint, shutdown). */
  async drain(): Promise<void> {
    for (;;) {
      const chained = await this.sequenceOnce();
      if (chained === 0) return;
    }
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    await this.drain().catch((error: unknown) => this.logger.error({ err: error }, 'audit sequencer drain failed'));
  }

  /** One batch; passes never overlap, so two batches of this process never race for the head. */
  sequenceOnce(): Promise<number> {
    const run = this.pass.then(() => this.sequenceWithRetries());
    this.pass = run.catch(() => 0);
    return run;
  }

  private async work(): Promise<void> {
    while (this.running) {
      if (!this.kicked) await this.sleep();
      this.kicked = false;
      if (!this.running) break;
      try {
        let chained = await this.sequenceOnce();
        while (chained === this.batchSize) chained = await this.sequenceOnce();
        // Our own commits kick us too: after a pass that found nothing new, wait for the next kick or poll.
        if (chained === 0) this.kicked = false;
      } catch (error) {
        this.logger.error({ err: error }, 'audit sequencing failed; retrying');
      }
    }
  }

  private sleep(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, this.pollMs);
      timer.unref();
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        this.wake = null;
        done();
      };
    });
  }

  /** Another sequencer (another process) winning the head is normal: seal the batch again on the new head. */
  private async sequenceWithRetries(): Promise<number> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.sequenceBatch();
      } catch (error) {
        if (!(error instanceof HeadMoved) || attempt >= 10) throw error;
      }
    }
  }

  private async sequenceBatch(): Promise<number> {
    const head = await this.uow.run(async () => {
      const pending = await this.store.pendingBatch(this.batchSize);
      if (pending.length === 0) return null;
      let previous = await this.store.head();
      const expected = previous?.seq ?? 0;
      const entries: AuditEntry[] = [];
      for (const facts of pending) {
        const entry = sealEntry(
          facts,
          previous,
          this.signer.keyId,
          (text) => this.hasher.sha256(text),
          (hash) => this.signer.sign(hash),
        );
        entries.push(entry);
        previous = { seq: entry.seq, hash: entry.hash };
      }
      if (!(await this.store.chain(entries, expected))) throw new HeadMoved();
      return { first: expected + 1, last: previous, count: entries.length };
    });
    if (head === null) return 0;
    await this.checkpointIfDue(head.first, head.last);
    return head.count;
  }

  private async checkpointIfDue(first: number, last: ChainHead | null): Promise<void> {
    if (last === null) return;
    const firstBoundary = Math.ceil(first / this.checkpointEvery) * this.checkpointEvery;
    for (let boundary = firstBoundary; boundary <= last.seq; boundary += this.checkpointEvery)
      this.checkpointsDue.push(boundary);
    while (this.checkpointsDue.length > 0) {
      const due = this.checkpointsDue[0];
      try {
        const [entry] = await this.store.page(due, 1);
        if (entry !== undefined) await this.writeCheckpoint({ seq: entry.seq, hash: entry.hash });
        this.checkpointsDue.shift();
      } catch (error) {
        // The entries are chained; the checkpoint is tried again after the next batch.
        this.logger.error({ err: error }, 'audit checkpoint failed');
        return;
      }
    }
  }

  /** A checkpoint of the current head unless one covers it already (hourly job and shutdown). */
  async checkpointNow(): Promise<AuditCheckpoint | null> {
    const head = await this.store.head();
    return head === null ? null : this.writeCheckpoint(head);
  }

  private async writeCheckpoint(entry: ChainHead): Promise<AuditCheckpoint | null> {
    for (let attempt = 0; attempt < 10; attempt += 1) {
      const previous = await this.store.latestCheckpoint();
      if (previous !== null && previous.seq >= entry.seq) return null;
      const checkpoint = sealCheckpoint(
        entry,
        previous,
        this.clock.now().toISOString(),
        this.signer.keyId,
        (text) => this.hasher.sha256(text),
        (hash) => this.signer.sign(hash),
      );
      if (await this.store.appendCheckpoint(checkpoint, previous?.seq ?? 0)) return checkpoint;
    }
    throw new Error('audit checkpoint contended');
  }
}
