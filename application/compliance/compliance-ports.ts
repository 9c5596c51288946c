import type { VerifyAuditChain } from '../audit/verify-audit-chain';
import type { AuditRecorder } from '../ports/audit-recorder';
import type { AuditStore } from '../ports/audit-store';
import type { BreachLogRepository } from '../ports/breach-log-repository';
import type { Clock } from '../ports/clock';
import type { IdGenerator } from '../ports/id-generator';

/** What the audit and breach views need (API-CONTRACT.md §6.3 "Audit (D12) and breaches (D13)"). */
export interface CompliancePorts {
  readonly store: AuditStore;
  readonly audit: AuditRecorder;
  readonly verifier: VerifyAuditChain;
  readonly breaches: BreachLogRepository;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  /** Pending entries are chained before a verification reports on them (the sequencer's `drain`). */
  readonly chainPending: () => Promise<void>;
}
