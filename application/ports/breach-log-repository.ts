export type BreachType =
  | 'excessive_failed_logins'
  | 'unusual_data_access_volume'
  | 'data_exfiltration_attempt'
  | 'off_hours_access'
  | 'brute_force_attempt'
  | 'audit_integrity_failure'
  | 'unauthorized_export_attempt'
  | 'privilege_escalation_attempt'
  | 'other';

export type BreachSeverity = 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';
export type BreachStatus = 'INVESTIGATING' | 'CONFIRMED' | 'FALSE_POSITIVE' | 'MITIGATED' | 'RESOLVED';

export interface BreachRecord {
  readonly id: string;
  readonly type: BreachType;
  readonly severity: BreachSeverity;
  readonly status: BreachStatus;
  readonly orgId: string | null;
  readonly caregiverId: string | null;
  readonly ip: string | null;
  readonly detectedAt: Date;
  readonly details: Readonly<Record<string, string | number>>;
  readonly notificationDeadline: Date;
  /** What an investigation adds (DOMAIN.md §2.1 BreachLog); absent until a superAdmin works on the record. */
  readonly investigation?: BreachInvestigation;
}

export interface MitigationStep {
  readonly action: string;
  readonly result: string;
  readonly takenAt: Date;
  readonly takenBy: string;
}

export interface BreachInvestigation {
  readonly affectedCount: number;
  readonly requiresHhsNotification: boolean;
  readonly mitigationSteps: readonly MitigationStep[];
  readonly rootCause: string | null;
  readonly resolutionNotes: string | null;
  readonly individualsNotifiedAt: Date | null;
  readonly hhsNotifiedAt: Date | null;
  readonly resolvedAt: Date | null;
  readonly resolvedBy: string | null;
}

export interface BreachLogRepository {
  insert(record: BreachRecord): Promise<void>;
  /** Open (INVESTIGATING or CONFIRMED) records of `type` for the caregiver (or IP) detected since `since`. */
  findOpenSince(
    type: BreachType,
    subject: { caregiverId?: string; ip?: string },
    since: Date,
  ): Promise<BreachRecord | null>;
  list(orgId?: string): Promise<readonly BreachRecord[]>;
  findById(id: string): Promise<BreachRecord | null>;
  /** Replaces the stored record of `record.id` (status and investigation); a missing record is an error. */
  update(record: BreachRecord): Promise<void>;
}
