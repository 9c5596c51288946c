import type { Container } from 'inversify';
import type { AuditEvent } from '../../application/ports/audit-recorder';
import { AUDIT_TOKENS } from '../../application/ports/audit-tokens';
import type { InMemoryAuditStore } from '../../adapters/persistence/memory/in-memory-audit-store';

/** What the embedded profile's audit store holds, chained and pending, as the events that were recorded. */
export const auditLogOf = (container: Container) => {
  const store = container.get<InMemoryAuditStore>(AUDIT_TOKENS.AuditStore);
  return {
    entries: (): readonly AuditEvent[] => store.recorded().map((facts) => ({ ...facts, at: new Date(facts.at) })),
  };
};
