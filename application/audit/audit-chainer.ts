import { sealCheckpoint, type AuditCheckpoint } from '../../domain/audit/audit-checkpoint';
import { sealEntry } from '../../domain/audit/audit-chain';
import { auditFacts, type AuditEntry, type AuditFacts, type ChainHead } from '../../domain/audit/audit-entry';
import { DomainError } from '../../domain/shared/errors';
import type { AuditEvent, AuditRecorder } from '../ports/audit-recorder';
import type { AuditSigner } from '../ports/audit-signer';
import type { AuditStore } from '../ports/audit-store';
import type { Clock } from '../ports/clock';
import type { Hasher } from '../ports/hasher';
import type { IdGenerator } from '../ports/id-generator';

export interface AuditChainerOptions {
  /** A signed checkpoint after every this many entries (DOMAIN.md §11.3: 1,000). */
  readonly checkpointEvery?: number;
  /** Appends tried per entry before giving up when other writers keep winning the compare-and-set. */
  readonly maxAttempts?: number;
}

const DEFAULT_CHECKPOINT_EVERY = 1000;
const DEFAULT_MAX_ATTEMPTS = 50;

const contended = (): DomainError =>
  new DomainError('AUDIT_CHAIN_CONTENDED', 'unavailable', 'Service unavailable', { reason: 'SERVICE_UNAVAILABLE' });

/**
 * The `AuditRecorder` of the first version (RESOLUTIONS.md 40): one in-process serial chainer.
 *
 * `record` builds the PHI-safe facts at once (the caller's objects may change afterwards), then queues the append
 * behind every earlier one, so this process links its entries one after another. Each append places the entry after
 * the head (`seq = head.seq + 1`, `prevHash = head.hash`), hashes it (`SHA-256` of its RFC 8785 body), signs the hash
 * and appends with compare-and-set on the head: when another process (or another chainer on the same store)
 * appended first, the store refuses, the chainer re-reads the head and seals again. The chain therefore never forks.
 * The head is cached between appends (one read per conflict, not per entry).
 *
 * Fail closed (DOMAIN.md §11.2): `record` resolves only once the entry is stored; a store error or endless
 * contention rejects it (and the next entry re-reads the head). A checkpoint is signed after every
 * `checkpointEvery` entries; a failed checkpoint is retried after the next append and never fails a `record`.
 */
export class AuditChainer implements AuditRecorder {
  private readonly checkpointEvery: number;
  private readonly maxAttempts: number;
  private tail: Promise<unknown> = Promise.resolve();
  private head: ChainHead | null | undefined = undefined;
  private checkpointDue: ChainHead | null = null;

  constructor(
    private readonly store: AuditStore,
    private readonly hasher: Pick<Hasher, 'sha256'>,
    private readonly signer: AuditSigner,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
    options: AuditChainerOptions = {},
  ) {
    this.checkpointEvery = options.checkpointEvery ?? DEFAULT_CHECKPOINT_EVERY;
    this.maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    if (!Number.isSafeInteger(this.checkpointEvery) || this.checkpointEvery < 1)
      throw new RangeError('checkpointEvery must be a positive integer');
    if (!Number.isSafeInteger(this.maxAttempts) || this.maxAttempts < 1)
      throw new RangeError('maxAttempts must be a positive integer');
  }

  async record(event: AuditEvent): Promise<void> {
    await this.recordEntry(event);
  }

  /** `record`, resolving with the stored entry. */
  recordEntry(event: AuditEvent): Promise<AuditEntry> {
    let facts: AuditFacts;
    try {
      facts = auditFacts(this.ids.next(), event);
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    return this.enqueue(() => this.append(facts));
  }

  /**
   * Signs a checkpoint of the current head unless the newest checkpoint already covers it (for an hourly job, and
   * at shutdown). Resolves with the checkpoint written, or null when there was nothing new.
   */
  checkpointNow(): Promise<AuditCheckpoint | null> {
    return this.enqueue(async () => {
      const head = await this.store.head();
      return head === null ? null : this.writeCheckpoint(head);
    });
  }

  /**
   * Drops the cached head, so the next append reads it from the store. Only for a store emptied on purpose (the
   * test-support clean of the Mongo profile): otherwise the next entry would follow the forgotten head and leave a
   * gap. A tail cut by someone else is left to show as that gap, which is the evidence.
   */
  forgetHead(): void {
    void this.enqueue(() => {
      this.head = undefined;
      this.checkpointDue = null;
      return Promise.resolve();
    });
  }

  /** Resolves once everything queued so far has been appended (or has failed). */
  async drain(): Promise<void> {
    await this.tail;
  }

  private enqueue<T>(work: () => Promise<T>): Promise<T> {
    const run = this.tail.then(work);
    this.tail = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  private async append(facts: AuditFacts): Promise<AuditEntry> {
    for (let attempt = 0; attempt < this.maxAttempts; attempt += 1) {
      let head: ChainHead | null;
      let entry: AuditEntry;
      let appended: boolean;
      try {
        head = this.head === undefined ? await this.store.head() : this.head;
        entry = sealEntry(
          facts,
          head,
          this.signer.keyId,
          (text) => this.hasher.sha256(text),
          (hash) => this.signer.sign(hash),
        );
        appended = await this.store.append(entry, head?.seq ?? 0);
      } catch (error) {
        // The store may or may not hold the entry: the next append starts from a fresh head either way.
        this.head = undefined;
        throw error;
      }
      if (!appended) {
        this.head = undefined;
        continue;
      }
      this.head = { seq: entry.seq, hash: entry.hash };
      if (entry.seq % this.checkpointEvery === 0) this.checkpointDue = this.head;
      await this.checkpointIfDue();
      return entry;
    }
    throw contended();
  }

  private async checkpointIfDue(): Promise<void> {
    const due = this.checkpointDue;
    if (due === null) return;
    try {
      await this.writeCheckpoint(due);
      this.checkpointDue = null;
    } catch {
      // The entry is stored; the checkpoint is tried again after the next append.
    }
  }

  /** Writes a checkpoint of `entry` linked after the newest one; null when a newer or equal one exists already. */
  private async writeCheckpoint(entry: ChainHead): Promise<AuditCheckpoint | null> {
    for (let attempt = 0; attempt < this.maxAttempts; attempt += 1) {
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
    throw contended();
  }
}
