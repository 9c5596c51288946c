import type { AuditEntry } from '../../domain/audit/audit-entry';
import type { AuditEvent } from '../ports/audit-recorder';
import type { AuditSearchFilter, AuditStore } from '../ports/audit-store';
import { SIGN_IN_ACTIONS, type PrivacyAuditLog } from './privacy-audit-log';

const PAGE = 500;

const eventOf = (entry: AuditEntry): AuditEvent => ({
  action: entry.action,
  outcome: entry.outcome,
  actorKind: entry.actorKind,
  actorId: entry.actorId,
  orgId: entry.orgId,
  resourceType: entry.resourceType,
  resourceId: entry.resourceId,
  ...(entry.patientIds === undefined ? {} : { patientIds: entry.patientIds }),
  requestId: entry.requestId,
  ip: entry.ip,
  at: new Date(entry.at),
  details: entry.details,
});

/**
 * The privacy context's reads of the audit log over the audit store's search (chained entries; the few still
 * pending, at most seconds old, join the next export).
 */
export class AuditStorePrivacyLog implements PrivacyAuditLog {
  constructor(private readonly store: AuditStore) {}

  /** Every chained entry matching `filter`, oldest first, read newest-first page by page. */
  private async all(filter: Omit<AuditSearchFilter, 'limit' | 'beforeSeq'>): Promise<AuditEntry[]> {
    const found: AuditEntry[] = [];
    let beforeSeq: number | undefined;
    for (;;) {
      const page = await this.store.search({
        ...filter,
        limit: PAGE,
        ...(beforeSeq === undefined ? {} : { beforeSeq }),
      });
      found.push(...page);
      const last = page[page.length - 1];
      if (page.length < PAGE || last === undefined) return found.reverse();
      beforeSeq = last.seq;
    }
  }

  async aboutPatient(patientId: string, since: Date): Promise<readonly AuditEvent[]> {
    return (await this.all({ patientId, from: since.toISOString() })).map(eventOf);
  }

  async signInsOf(caregiverId: string): Promise<readonly AuditEvent[]> {
    const entries: AuditEntry[] = [];
    for (const action of SIGN_IN_ACTIONS) {
      entries.push(...(await this.all({ resourceType: 'caregiver', resourceId: caregiverId, action })));
    }
    return entries.sort((a, b) => a.seq - b.seq).map(eventOf);
  }
}
