import type { Alert } from '../../domain/alerts/alert';

/** The fields that make two custom alerts the same (API-CONTRACT.md §4.10 duplicate rule). */
export interface IdenticalCustomAlert {
  readonly orgId: string;
  readonly patientId: string | null;
  readonly createdBy: string;
  readonly message: string;
}

/**
 * Alerts (DOMAIN.md §8.6). Reads see non-deleted alerts only (a soft-deleted alert disappears everywhere);
 * updates are compare-and-set on `version` (`STALE_VERSION` conflict on mismatch). Writes join the ambient
 * transaction.
 */
export interface AlertRepository {
  findById(id: string): Promise<Alert | null>;
  /**
   * The alerts a caregiver's audience is decided on: every non-deleted alert of `orgId`, plus the ones
   * `authorCaregiverId` wrote elsewhere. Audience and currency are applied by the caller.
   */
  candidatesFor(orgId: string, authorCaregiverId: string): Promise<readonly Alert[]>;
  /** Non-deleted `custom` alerts with these fields, oldest first. */
  findIdenticalCustom(query: IdenticalCustomAlert): Promise<readonly Alert[]>;
  insert(alert: Alert): Promise<void>;
  /** Stores `alert` if the stored version still equals `alert.version`; resolves the saved record. */
  update(alert: Alert): Promise<Alert>;
}
