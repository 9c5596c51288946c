/**
 * The PHI-volume rules of DOMAIN.md §2.4.9 as RESOLUTIONS.md 33 settles them: single-record PHI opens and exports
 * count toward the lock; list reads (`resourceId: 'list'`) and passive polls feed a separate counter that only
 * raises an alert. A record read several times counts once, so counting is by key, never by entry.
 */

/** The audit facts the rules look at (a structural subset of the audit event; ids and codes only). */
export interface PhiAccessFacts {
  readonly action: string;
  readonly outcome: string;
  readonly actorKind: string;
  readonly actorId: string | null;
  readonly resourceType: string;
  readonly resourceId: string | null;
  readonly patientIds?: readonly string[];
  readonly requestId?: string | null;
  readonly at: Date;
  readonly details: Readonly<Record<string, unknown>>;
}

/** PHI resources of DOMAIN.md §11.2 that are PHI whatever they name. */
const ALWAYS_PHI = new Set([
  'patient',
  'careTeam',
  'schedule',
  'call',
  'conversation',
  'message',
  'alert',
  'emergencyDetection',
  'sentiment',
  'medicalAnalysis',
  'baseline',
  'fraudAbuseAnalysis',
  'report',
  'privacyExport',
]);

/** PHI only when the record or view concerns a patient (§11.2). */
const PHI_WHEN_ABOUT_PATIENT = new Set(['consent', 'privacyRequest', 'invoice', 'lineItem']);

/** The call-status endpoint is what the Call screen polls every few seconds while a call runs. */
const POLLED_RESOURCES = new Set(['call']);

const PHI_ACTIONS = new Set(['READ', 'CREATE', 'UPDATE', 'DELETE', 'EXPORT', 'ANONYMISE']);

export interface PhiAccess {
  /** Distinct-record keys that count toward the lock (single-record opens, exports). */
  readonly lockKeys: readonly string[];
  /** Distinct-record keys of list reads and polls: the alert-only counter. */
  readonly glanceKeys: readonly string[];
  /** Any PHI read, create, update or delete by a caregiver (the off-hours rule's signal). */
  readonly touchesPhi: boolean;
}

export const NO_PHI_ACCESS: PhiAccess = { lockKeys: [], glanceKeys: [], touchesPhi: false };

const isPhi = (facts: PhiAccessFacts, patients: readonly string[]): boolean =>
  facts.details['phiAccessed'] === true ||
  ALWAYS_PHI.has(facts.resourceType) ||
  (PHI_WHEN_ABOUT_PATIENT.has(facts.resourceType) && patients.length > 0);

/**
 * The records an entry names. Keyed by patient when the entry names patients, so opening one patient's screen
 * (the patient, its conversations, its schedule) is one record, not five; otherwise by the resource itself.
 */
const recordKeys = (facts: PhiAccessFacts, patients: readonly string[]): string[] =>
  patients.length > 0
    ? patients.map((id) => `patient:${id}`)
    : facts.resourceId === null
      ? []
      : [`${facts.resourceType}:${facts.resourceId}`];

/** What an audit entry contributes to the PHI rules. System and anonymous actors never count. */
export const classifyPhiAccess = (facts: PhiAccessFacts): PhiAccess => {
  if (facts.actorKind !== 'caregiver' || facts.actorId === null || facts.outcome !== 'success') return NO_PHI_ACCESS;
  if (!PHI_ACTIONS.has(facts.action)) return NO_PHI_ACCESS;
  const patients = [...new Set(facts.patientIds ?? [])];
  if (!isPhi(facts, patients)) return NO_PHI_ACCESS;

  if (facts.action === 'EXPORT') {
    // However many patients an export covers, it is one EXPORT (§2.4.9).
    const exportId = facts.resourceId ?? facts.requestId ?? String(facts.at.getTime());
    return { lockKeys: [`export:${facts.resourceType}:${exportId}`], glanceKeys: [], touchesPhi: true };
  }
  if (facts.action !== 'READ') return { ...NO_PHI_ACCESS, touchesPhi: true };

  const keys = recordKeys(facts, patients);
  const glance = facts.resourceId === null || facts.resourceId === 'list' || POLLED_RESOURCES.has(facts.resourceType);
  return glance
    ? { lockKeys: [], glanceKeys: keys, touchesPhi: true }
    : { lockKeys: keys, glanceKeys: [], touchesPhi: true };
};

export interface PhiVolumeLimits {
  /** Distinct records opened in a rolling minute that lock (default 20). */
  readonly minute: number;
  /** Distinct records opened in a rolling hour that lock (default 100). */
  readonly hour: number;
  /** Distinct records seen through lists and polls in a rolling hour that raise an alert (no lock). */
  readonly listHour: number;
}

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;

export type VolumeBreachType = 'data_exfiltration_attempt' | 'unusual_data_access_volume';

export interface VolumeVerdict {
  readonly type: VolumeBreachType;
  readonly distinctRecords: number;
  readonly limit: number;
  readonly windowMinutes: number;
}

/** The lock verdict for the distinct counts of the rolling minute and hour; the minute rule wins (it is sharper). */
export const volumeVerdict = (
  counts: { readonly minute: number; readonly hour: number },
  limits: PhiVolumeLimits,
): VolumeVerdict | null => {
  if (counts.minute >= limits.minute) {
    return {
      type: 'data_exfiltration_attempt',
      distinctRecords: counts.minute,
      limit: limits.minute,
      windowMinutes: 1,
    };
  }
  if (counts.hour >= limits.hour) {
    return { type: 'unusual_data_access_volume', distinctRecords: counts.hour, limit: limits.hour, windowMinutes: 60 };
  }
  return null;
};

/** True when the list-and-poll counter of the rolling hour reached its alert limit. */
export const listVolumeReached = (hourCount: number, limits: PhiVolumeLimits): boolean => hourCount >= limits.listHour;

/**
 * Dedup (§2.4.9): no new breach record of the same type for the same caregiver while one detected since this
 * instant is still open (INVESTIGATING or CONFIRMED).
 */
export const volumeDedupSince = (now: Date): Date => new Date(now.getTime() - HOUR_MS);
