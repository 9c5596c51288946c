import type { AuditEntry } from '../../../domain/audit/audit-entry';
import type { BreachRecord } from '../../../application/ports/breach-log-repository';

const iso = (at: Date | null): string | null => (at === null ? null : at.toISOString());

/** An audit entry as the views show it: ids, codes, counts and chain fields (never a PHI value, none is stored). */
export const auditEntryDto = (entry: AuditEntry) => ({
  id: entry.id,
  sequence: entry.seq,
  timestamp: entry.at,
  action: entry.action,
  resource: entry.resourceType,
  resourceId: entry.resourceId,
  outcome: entry.outcome,
  actor: { type: entry.actorKind, id: entry.actorId },
  orgId: entry.orgId,
  patientIds: entry.patientIds ?? [],
  ...(entry.patientIdsTruncated === true ? { patientIdsTruncated: true } : {}),
  requestId: entry.requestId,
  ip: entry.ip,
  details: entry.details,
  previousHash: entry.prevHash,
  hash: entry.hash,
  keyId: entry.keyId,
  signature: entry.signature,
});

/** A breach log (codes and numbers, no PHI). */
export const breachDto = (record: BreachRecord) => {
  const investigation = record.investigation;
  return {
    id: record.id,
    type: record.type,
    severity: record.severity,
    status: record.status,
    orgId: record.orgId,
    caregiverId: record.caregiverId,
    detectedAt: record.detectedAt.toISOString(),
    details: record.details,
    notificationDeadline: record.notificationDeadline.toISOString(),
    affectedCount: investigation?.affectedCount ?? 0,
    requiresHhsNotification: investigation?.requiresHhsNotification ?? false,
    mitigationSteps: (investigation?.mitigationSteps ?? []).map((step) => ({
      action: step.action,
      result: step.result,
      takenAt: step.takenAt.toISOString(),
      takenBy: step.takenBy,
    })),
    rootCause: investigation?.rootCause ?? null,
    resolutionNotes: investigation?.resolutionNotes ?? null,
    individualsNotifiedAt: iso(investigation?.individualsNotifiedAt ?? null),
    hhsNotifiedAt: iso(investigation?.hhsNotifiedAt ?? null),
    resolvedAt: iso(investigation?.resolvedAt ?? null),
    resolvedBy: investigation?.resolvedBy ?? null,
  };
};
