import { AuditChainer, type AuditChainerOptions } from '../../../application/audit/audit-chainer';
import { VerifyAuditChain } from '../../../application/audit/verify-audit-chain';
import type { AuditEvent } from '../../../application/ports/audit-recorder';
import type { AuditStore } from '../../../application/ports/audit-store';
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

export const chainerOn = (
  store: AuditStore,
  options: AuditChainerOptions & { readonly idPrefix?: string } = {},
  crypto = auditCrypto(),
): AuditChainer =>
  new AuditChainer(store, crypto.hasher, crypto.signer, new CountingIds(options.idPrefix), crypto.clock, options);

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
