import type { AccessScope } from '../../domain/identity/roles';
import type { Actor } from '../../domain/shared/actor';
import type { VerifyAuditChainInput } from '../audit/verify-audit-chain';
import { complianceOrgScope } from './compliance-access';
import type { CompliancePorts } from './compliance-ports';

export interface AuditVerification {
  readonly chainId: string;
  readonly fromSeq: number;
  readonly toSeq: number;
  readonly checkedEntries: number;
  readonly checkedCheckpoints: number;
  readonly ok: boolean;
  readonly firstBrokenLink: { readonly seq: number; readonly entryId: string | null; readonly reason: string } | null;
  readonly pendingEntries: number;
  readonly oldestPendingAgeSeconds: number | null;
  readonly verifiedAt: string;
}

export const CHAIN_ID = 'main';
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * `POST /v1/audit/verify` and the operator CLI: verifies the chain (superAdmins only over HTTP), reports what is
 * still waiting for the sequencer, and on a broken chain opens a CRITICAL `audit_integrity_failure` breach
 * (DOMAIN.md §11.4 step 6). The run itself is audited `AUDIT_VERIFIED` by the verifier.
 */
export class VerifyAuditTrail {
  constructor(private readonly ports: CompliancePorts) {}

  async execute(scope: AccessScope, input: VerifyAuditChainInput, actor: Actor): Promise<AuditVerification> {
    await complianceOrgScope(this.ports, scope, actor, 'audit', true);
    return this.run(input, actor);
  }

  /** Without the HTTP permission check: the admin CLI runs as the system. */
  async run(input: VerifyAuditChainInput, actor: Actor): Promise<AuditVerification> {
    // The backlog as the run found it (the run's own AUDIT_VERIFIED entry joins it afterwards).
    const pending = await this.ports.store.pendingStats();
    const report = await this.ports.verifier.execute(input, actor);
    const now = this.ports.clock.now();
    if (!report.ok) await this.openBreach(report.firstBrokenSeq ?? 0, now);
    return {
      chainId: CHAIN_ID,
      fromSeq: report.from,
      toSeq: report.to,
      checkedEntries: report.checked,
      checkedCheckpoints: report.checkedCheckpoints,
      ok: report.ok,
      firstBrokenLink: report.ok
        ? null
        : { seq: report.firstBrokenSeq ?? 0, entryId: report.firstBrokenEntryId, reason: report.reason ?? 'unknown' },
      pendingEntries: pending.count,
      oldestPendingAgeSeconds:
        pending.oldestAt === null
          ? null
          : Math.max(0, Math.floor((now.getTime() - new Date(pending.oldestAt).getTime()) / 1000)),
      verifiedAt: report.verifiedAt,
    };
  }

  private async openBreach(seq: number, now: Date): Promise<void> {
    const open = await this.ports.breaches.findOpenSince(
      'audit_integrity_failure',
      {},
      new Date(now.getTime() - DAY_MS),
    );
    if (open !== null) return;
    await this.ports.breaches.insert({
      id: this.ports.ids.next(),
      type: 'audit_integrity_failure',
      severity: 'CRITICAL',
      status: 'INVESTIGATING',
      orgId: null,
      caregiverId: null,
      ip: null,
      detectedAt: now,
      details: { firstBrokenSeq: seq },
      notificationDeadline: new Date(now.getTime() + 60 * DAY_MS),
    });
  }
}
