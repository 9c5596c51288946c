import { auditFacts } from '../../domain/audit/audit-entry';
import type { AuditEvent, AuditRecorder } from '../ports/audit-recorder';
import type { AuditStore } from '../ports/audit-store';
import type { IdGenerator } from '../ports/id-generator';

/**
 * The `AuditRecorder` every use case writes to (DOMAIN.md §11.2 write rule, fail closed): the PHI-safe facts are
 * stored as a pending entry before `record` resolves — inside the caller's transaction when there is one, so a
 * change and its entry commit together — and the sequencer links them into the chain shortly after.
 */
export class PendingAuditRecorder implements AuditRecorder {
  constructor(
    private readonly store: AuditStore,
    private readonly ids: IdGenerator,
    private readonly sequence: { kick(): void },
  ) {}

  async record(event: AuditEvent): Promise<void> {
    await this.store.insertPending(auditFacts(this.ids.next(), event));
    this.sequence.kick();
  }
}
