import { AuditSequencer, type AuditSequencerOptions } from '../../../application/audit/audit-sequencer';
import { PendingAuditRecorder } from '../../../application/audit/pending-audit-recorder';
import { VerifyAuditChain } from '../../../application/audit/verify-audit-chain';
import type { AuditEvent } from '../../../application/ports/audit-recorder';
import type { AuditStore } from '../../../application/ports/audit-store';
import type { UnitOfWork } from '../../../application/ports/unit-of-work';
import type { AuditEntry } from '../../../domain/audit/audit-entry';
import { InMemoryUnitOfWork } from '../../../adapters/persistence/memory/in-memory-unit-of-work';
import { MemoryDatabase } from '../../../adapters/persistence/memory/memory-database';
import type { IdGenerator } from '../../../application/ports/id-generator';
import { CryptoHasher } from '../../../adapters/security/crypto-hasher';
import { HmacAuditSigner } from '../../../adapters/security/hmac-audit-signer';
import { TestClock } from '../../support/test-clock';

export const AUDIT_KEY = 'audit-signing-key-for-tests-0123456789';

/** 24-hex ids in order, so entries are easy to tell apart. */
export class CountingIds implements IdGenerator {
  private n = 0;
  constructor(private readonly prefix = 'a') {}
  next(): string {
    this.n += 1;
    return `${this.prefix}${this.n.toString(16).padStart(23, '0')}`;
  }
}

/** The crypto of the audit chain, as bootstrap wires it. */
export const auditCrypto = () => ({
  hasher: new CryptoHasher('hmac-pepper-for-tests-0123456789abcdef'),
  signer: new HmacAuditSigner(AUDIT_KEY),
  clock: new TestClock(),
});

/** What bootstrap wires: the pending recorder plus the sequencer, and a `recordEntry` that waits for the chain. */
export interface Chainer {
  readonly recorder: PendingAuditRecorder;
  readonly sequencer: AuditSequencer;
  /** Records and sequences at once, resolving with the chained entry. */
  recordEntry(event: AuditEvent): Promise<AuditEntry>;
  record(event: AuditEvent): Promise<void>;
}

export const chainerOn = (
  store: AuditStore,
  options: AuditSequencerOptions & { readonly idPrefix?: string; readonly uow?: UnitOfWork } = {},
  crypto = auditCrypto(),
): Chainer => {
  const uow = options.uow ?? new InMemoryUnitOfWork(new MemoryDatabase());
  const silent = { error: () => undefined };
  const sequencer = new AuditSequencer(store, uow, crypto.hasher, crypto.signer, crypto.clock, silent, options);
  const ids = new CountingIds(options.idPrefix);
  let last = '';
  const recorder = new PendingAuditRecorder(store, { next: () => (last = ids.next()) }, { kick: () => undefined });
  const record = async (event: AuditEvent): Promise<void> => {
    await recorder.record(event);
    await sequencer.drain();
  };
  const recordEntry = async (event: AuditEvent): Promise<AuditEntry> => {
    await recorder.record(event);
    const id = last;
    await sequencer.drain();
    const found = (await store.page(1, 1_000_000)).find((entry) => entry.id === id);
    if (found === undefined) throw new Error(`entry ${id} was not chained`);
    return found;
  };
  return { recorder, sequencer, record, recordEntry };
};

export const verifierOn = (store: AuditStore, crypto = auditCrypto()): VerifyAuditChain =>
  new VerifyAuditChain(store, crypto.hasher, crypto.signer, crypto.clock);

/** An ordinary event: a caregiver read a patient. */
export const anEvent = (overrides: Partial<AuditEvent> = {}): AuditEvent => ({
  action: 'READ',
  outcome: 'success',
  actorKind: 'caregiver',
  actorId: '64b000000000000000000001',
  orgId: '64b0000000000000000000aa',
  resourceType: 'patient',
  resourceId: '64b0000000000000000000p1'.replace('p', '0'),
  requestId: 'req-00000001',
  ip: '127.0.0.1',
  at: new Date('2026-06-01T12:00:00.000Z'),
  details: {},
  ...overrides,
});
