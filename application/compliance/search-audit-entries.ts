import type { AuditEntry, AuditEntryOutcome } from '../../domain/audit/audit-entry';
import type { AccessScope } from '../../domain/identity/roles';
import type { Actor } from '../../domain/shared/actor';
import { ValidationError } from '../../domain/shared/errors';
import type { Page } from '../../domain/shared/page';
import type { AuditSearchFilter } from '../ports/audit-store';
import { complianceOrgScope, recordCompliance } from './compliance-access';
import type { CompliancePorts } from './compliance-ports';

export interface AuditEntryQuery {
  readonly resource?: string;
  readonly resourceId?: string;
  readonly caregiverId?: string;
  readonly patientId?: string;
  readonly action?: string;
  readonly outcome?: AuditEntryOutcome;
  readonly requiresReview?: boolean;
  readonly from?: Date;
  readonly to?: Date;
  readonly page: number;
  readonly limit: number;
}

/** Deep pages are read newest first through the index; beyond this many entries, narrow the filter instead. */
const MAX_WINDOW = 10_000;

/**
 * `GET /v1/audit/entries`: a resource trail, a user's activity or a patient's access history (disclosure
 * accounting), newest first, paginated. orgAdmins are held to their own organisation. The read is audited.
 */
export class SearchAuditEntries {
  constructor(private readonly ports: CompliancePorts) {}

  async execute(scope: AccessScope, query: AuditEntryQuery, actor: Actor): Promise<Page<AuditEntry>> {
    const orgId = await complianceOrgScope(this.ports, scope, actor, 'audit');
    if (query.page * query.limit > MAX_WINDOW)
      throw new ValidationError([`"page" times "limit" must be at most ${MAX_WINDOW}; narrow the filter`]);
    const filter: Omit<AuditSearchFilter, 'limit'> = {
      ...(orgId === null ? {} : { orgId }),
      ...(query.resource === undefined ? {} : { resourceType: query.resource }),
      ...(query.resourceId === undefined ? {} : { resourceId: query.resourceId }),
      ...(query.caregiverId === undefined ? {} : { actorId: query.caregiverId }),
      ...(query.patientId === undefined ? {} : { patientId: query.patientId }),
      ...(query.action === undefined ? {} : { action: query.action }),
      ...(query.outcome === undefined ? {} : { outcome: query.outcome }),
      ...(query.requiresReview === true ? { requiresReview: true } : {}),
      ...(query.from === undefined ? {} : { from: query.from.toISOString() }),
      ...(query.to === undefined ? {} : { to: query.to.toISOString() }),
    };
    const window = await this.ports.store.search({ ...filter, limit: query.page * query.limit });
    const total = await this.ports.store.count(filter);
    const results = window.slice((query.page - 1) * query.limit);
    await recordCompliance(
      this.ports,
      actor,
      'READ',
      'success',
      { type: 'audit', id: 'list', orgId },
      {
        count: results.length,
      },
    );
    return {
      results,
      page: query.page,
      limit: query.limit,
      totalPages: Math.ceil(total / query.limit),
      totalResults: total,
    };
  }
}
