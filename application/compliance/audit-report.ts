import type { AuditEntry } from '../../domain/audit/audit-entry';
import type { AccessScope } from '../../domain/identity/roles';
import type { Actor } from '../../domain/shared/actor';
import { complianceOrgScope, recordCompliance } from './compliance-access';
import type { CompliancePorts } from './compliance-ports';

export interface AuditReportView {
  readonly from: string;
  readonly to: string;
  readonly orgId: string | null;
  readonly totalEntries: number;
  readonly byAction: Readonly<Record<string, number>>;
  readonly byResource: Readonly<Record<string, number>>;
  readonly byOutcome: Readonly<Record<string, number>>;
  readonly byActor: Readonly<Record<string, number>>;
  readonly phiAccessCount: number;
  readonly highRiskCount: number;
  readonly failureCount: number;
}

const PAGE = 1000;

const bump = (counts: Record<string, number>, key: string): void => {
  counts[key] = (counts[key] ?? 0) + 1;
};

/** PHI was touched when the entry names patients or says so (DOMAIN.md §11.2 `phiAccessed`). */
const touchesPhi = (entry: AuditEntry): boolean =>
  (entry.patientIds?.length ?? 0) > 0 || entry.details['phiAccessed'] === true;

/**
 * `GET /v1/audit/report`: counts over `[from, to)` by action, resource, outcome and actor, plus PHI-access,
 * high-risk and failure counts. Streams the window newest first in pages (never the whole log at once).
 */
export class AuditReport {
  constructor(private readonly ports: CompliancePorts) {}

  async execute(scope: AccessScope, window: { from: Date; to: Date }, actor: Actor): Promise<AuditReportView> {
    const orgId = await complianceOrgScope(this.ports, scope, actor, 'audit');
    const byAction: Record<string, number> = {};
    const byResource: Record<string, number> = {};
    const byOutcome: Record<string, number> = {};
    const byActor: Record<string, number> = {};
    let total = 0;
    let phi = 0;
    let highRisk = 0;
    let failures = 0;
    let beforeSeq: number | undefined;
    for (;;) {
      const page = await this.ports.store.search({
        ...(orgId === null ? {} : { orgId }),
        from: window.from.toISOString(),
        to: window.to.toISOString(),
        ...(beforeSeq === undefined ? {} : { beforeSeq }),
        limit: PAGE,
      });
      for (const entry of page) {
        total += 1;
        bump(byAction, entry.action);
        bump(byResource, entry.resourceType);
        bump(byOutcome, entry.outcome);
        bump(byActor, entry.actorId ?? entry.actorKind);
        if (touchesPhi(entry)) phi += 1;
        if (entry.details['highRisk'] === true) highRisk += 1;
        if (entry.outcome !== 'success') failures += 1;
      }
      if (page.length < PAGE) break;
      beforeSeq = page.at(-1)?.seq;
    }
    await recordCompliance(
      this.ports,
      actor,
      'READ',
      'success',
      { type: 'audit', id: 'report', orgId },
      {
        count: total,
      },
    );
    return {
      from: window.from.toISOString(),
      to: window.to.toISOString(),
      orgId,
      totalEntries: total,
      byAction,
      byResource,
      byOutcome,
      byActor,
      phiAccessCount: phi,
      highRiskCount: highRisk,
      failureCount: failures,
    };
  }
}
