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
}
