/**
 * Appends audit entries (DOMAIN.md §11). An entry names who did what to which record and how it ended, and never
 * carries a PHI value: ids, codes and counts only. The audit issue adds the hash chain and signatures.
 */
export type AuditOutcome = 'success' | 'failure' | 'denied';

export interface AuditEvent {
  readonly action: string;
  readonly outcome: AuditOutcome;
  readonly actorKind: 'caregiver' | 'system' | 'anonymous';
  readonly actorId: string | null;
  readonly orgId: string | null;
  readonly resourceType: string;
  readonly resourceId: string | null;
  /** The patients whose data the entry concerns (PHI resources, DOMAIN.md §11.2): ids only, never names. */
  readonly patientIds?: readonly string[];
  readonly requestId: string | null;
  readonly ip: string | null;
  readonly at: Date;
  /** Codes and numbers only (reason codes, counts). */
  readonly details: Readonly<Record<string, string | number | boolean | null>>;
}

export interface AuditRecorder {
  record(event: AuditEvent): Promise<void>;
}
