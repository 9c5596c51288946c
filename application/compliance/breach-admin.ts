import type { AccessScope } from '../../domain/identity/roles';
import type { Actor } from '../../domain/shared/actor';
import { notFound } from '../../domain/shared/errors';
import { pageOf, type Page } from '../../domain/shared/page';
import type { BreachRecord, BreachSeverity, BreachStatus, BreachType } from '../ports/breach-log-repository';
import { applyBreachPatch, type BreachPatch } from './breach-workflow';
import { complianceOrgScope, recordCompliance } from './compliance-access';
import type { CompliancePorts } from './compliance-ports';

export interface BreachQuery {
  readonly status?: BreachStatus;
  readonly type?: BreachType;
  readonly severity?: BreachSeverity;
  readonly page: number;
  readonly limit: number;
}

const breachNotFound = () => notFound('BREACH_NOT_FOUND', 'Breach not found');

/** `GET /v1/breaches`: orgAdmins see their organisation's records, superAdmins all; newest first. */
export class ListBreaches {
  constructor(private readonly ports: CompliancePorts) {}

  async execute(scope: AccessScope, query: BreachQuery, actor: Actor): Promise<Page<BreachRecord>> {
    const orgId = await complianceOrgScope(this.ports, scope, actor, 'breach');
    const all = (await this.ports.breaches.list(orgId ?? undefined))
      .filter(
        (b) =>
          (query.status === undefined || b.status === query.status) &&
          (query.type === undefined || b.type === query.type) &&
          (query.severity === undefined || b.severity === query.severity),
      )
      .sort((a, b) => b.detectedAt.getTime() - a.detectedAt.getTime() || (a.id < b.id ? 1 : -1));
    const page = pageOf(all, query.page, query.limit);
    await recordCompliance(
      this.ports,
      actor,
      'READ',
      'success',
      { type: 'breach', id: 'list', orgId },
      {
        count: page.results.length,
      },
    );
    return page;
  }
}

/** `GET /v1/breaches/{id}`: another organisation's record answers 404 like a missing one. */
export class GetBreach {
  constructor(private readonly ports: CompliancePorts) {}

  async execute(scope: AccessScope, id: string, actor: Actor): Promise<BreachRecord> {
    const orgId = await complianceOrgScope(this.ports, scope, actor, 'breach');
    const record = await this.ports.breaches.findById(id);
    if (record === null || (orgId !== null && record.orgId !== orgId)) throw breachNotFound();
    await recordCompliance(this.ports, actor, 'READ', 'success', { type: 'breach', id, orgId: record.orgId });
    return record;
  }
}

/** `PATCH /v1/breaches/{id}` (superAdmins): status along the breach machine, mitigation, notifications. */
export class UpdateBreach {
  constructor(private readonly ports: CompliancePorts) {}

  async execute(scope: AccessScope, id: string, patch: BreachPatch, actor: Actor): Promise<BreachRecord> {
    await complianceOrgScope(this.ports, scope, actor, 'breach', true);
    const record = await this.ports.breaches.findById(id);
    if (record === null) throw breachNotFound();
    const updated = applyBreachPatch(record, patch, actor.caregiverId ?? 'system', this.ports.clock.now());
    await this.ports.breaches.update(updated);
    await recordCompliance(
      this.ports,
      actor,
      'UPDATE',
      'success',
      { type: 'breach', id, orgId: record.orgId },
      {
        changedFields: Object.keys(patch).sort().join(','),
        ...(patch.status === undefined ? {} : { toStatus: patch.status }),
        highRisk: true,
      },
    );
    return updated;
  }
}
