/**
 * The Alert aggregate (DOMAIN.md §8.1, API-CONTRACT.md §3.8 AlertDTO). Per-caregiver read state (`readBy`) is
 * separate from acknowledgement (RESOLUTIONS.md 6): reading one alert through the app also acknowledges it, but
 * reading in bulk never does.
 */
export const ALERT_KINDS = [
  'emergency',
  'call_missed',
  'call_missed_final',
  'scheduled_call_placed',
  'schedule_skipped',
  'schedule_error',
  'billing_no_payment_method',
  'billing_payment_failed',
  'invoice_overdue',
  'analysis_fraud_abuse',
  'analysis_crisis',
  'analysis_decline',
  'security_account_locked',
  'security_off_hours',
  'privacy_deadline',
  'audit_integrity',
  'custom',
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export const ALERT_TYPES = ['conversation', 'patient', 'system'] as const;
export type AlertType = (typeof ALERT_TYPES)[number];

/** Lowest to highest; the order lists use (highest first). */
export const IMPORTANCE_LEVELS = ['low', 'medium', 'high', 'urgent'] as const;
export type Importance = (typeof IMPORTANCE_LEVELS)[number];

export const ALERT_VISIBILITIES = ['orgAdmin', 'allCaregivers', 'assignedCaregivers'] as const;
export type AlertVisibility = (typeof ALERT_VISIBILITIES)[number];

export const CREATED_MODELS = ['Patient', 'Caregiver', 'Org', 'Schedule'] as const;
export type CreatedModel = (typeof CREATED_MODELS)[number];

const DAY_MS = 86_400_000;

/** The numbers of §8.1 and §4.10. */
export const ALERT_LIMITS = {
  messageMax: 1000,
  ackNoteMax: 500,
  defaultRelevanceDays: 7,
  maxRelevanceDays: 90,
  /** Ack-required alerts stay listed until acknowledged, then this long. */
  afterAckDays: 7,
  listCap: 200,
} as const;

export interface AlertRead {
  readonly caregiverId: string;
  readonly readAt: Date;
}

export interface Alert {
  readonly id: string;
  readonly orgId: string;
  readonly kind: AlertKind;
  readonly alertType: AlertType;
  readonly patientId: string | null;
  readonly conversationId: string | null;
  readonly callId: string | null;
  readonly importance: Importance;
  readonly visibility: AlertVisibility;
  /** Kind-specific structured fields: ids, enums, numbers, phrase labels; never the patient's words or names. */
  readonly payload: Readonly<Record<string, string | number | boolean | null>>;
  /** Stored for `custom` alerts only; other kinds are rendered at read time. */
  readonly message: string | null;
  readonly createdBy: string;
  readonly createdModel: CreatedModel;
  /** The caregiver who wrote a `custom` alert. */
  readonly authorCaregiverId: string | null;
  readonly readBy: readonly AlertRead[];
  readonly requiresAck: boolean;
  readonly acknowledgedAt: Date | null;
  readonly acknowledgedBy: string | null;
  readonly ackNote: string | null;
  readonly escalationLevel: number;
  readonly escalatedAt: Date | null;
  /** null: no expiry. */
  readonly relevanceUntil: Date | null;
  readonly deletedAt: Date | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly version: number;
}

export interface NewCustomAlert {
  readonly id: string;
  readonly orgId: string;
  readonly authorCaregiverId: string;
  readonly message: string;
  readonly importance: Importance;
  readonly alertType: AlertType;
  readonly visibility: AlertVisibility;
  readonly createdBy: string;
  readonly createdModel: CreatedModel;
  readonly patientId: string | null;
  readonly conversationId: string | null;
  /** Absent: now + 7 days; null: no expiry. */
  readonly relevanceUntil?: Date | null;
  readonly now: Date;
}

/** A `custom` alert written through the API: it never requires acknowledgement and never notifies. */
export const createCustomAlert = (input: NewCustomAlert): Alert => ({
  id: input.id,
  orgId: input.orgId,
  kind: 'custom',
  alertType: input.alertType,
  patientId: input.patientId,
  conversationId: input.conversationId,
  callId: null,
  importance: input.importance,
  visibility: input.visibility,
  payload: {},
  message: input.message,
  createdBy: input.createdBy,
  createdModel: input.createdModel,
  authorCaregiverId: input.authorCaregiverId,
  readBy: [],
  requiresAck: false,
  acknowledgedAt: null,
  acknowledgedBy: null,
  ackNote: null,
  escalationLevel: 0,
  escalatedAt: null,
  relevanceUntil:
    input.relevanceUntil === undefined
      ? new Date(input.now.getTime() + ALERT_LIMITS.defaultRelevanceDays * DAY_MS)
      : input.relevanceUntil,
  deletedAt: null,
  createdAt: input.now,
  updatedAt: input.now,
  version: 0,
});

/** Problems of an alert's references: `patient` and `conversation` need a patient, `conversation` a conversation. */
export const alertTypeProblems = (
  alertType: AlertType,
  patientId: string | null,
  conversationId: string | null,
): string[] => {
  const problems: string[] = [];
  if (alertType !== 'system' && patientId === null) problems.push('"relatedPatient" is required');
  if (alertType === 'conversation' && conversationId === null) problems.push('"relatedConversation" is required');
  return problems;
};

/** A custom alert's relevance must lie in the future and at most 90 days ahead. */
export const relevanceProblem = (relevanceUntil: Date, now: Date): string | null => {
  if (relevanceUntil.getTime() <= now.getTime()) return '"relevanceUntil" must be in the future';
  if (relevanceUntil.getTime() > now.getTime() + ALERT_LIMITS.maxRelevanceDays * DAY_MS) {
    return `"relevanceUntil" must be at most ${ALERT_LIMITS.maxRelevanceDays} days ahead`;
  }
  return null;
};

/** The patient an alert is about: `patientId`, or `createdBy` when a patient created it. */
export const patientOfAlert = (alert: Alert): string | null =>
  alert.patientId ?? (alert.createdModel === 'Patient' ? alert.createdBy : null);

export const isAcknowledged = (alert: Alert): boolean => alert.acknowledgedAt !== null;

/** Unacknowledged and requiring acknowledgement: listed first and kept listed until acknowledged. */
export const awaitsAck = (alert: Alert): boolean => alert.requiresAck && !isAcknowledged(alert);

export const isReadBy = (alert: Alert, caregiverId: string): boolean =>
  alert.readBy.some((read) => read.caregiverId === caregiverId);

/** Still current: awaiting acknowledgement, or without expiry, or not yet past `relevanceUntil`. */
export const isCurrent = (alert: Alert, now: Date): boolean =>
  awaitsAck(alert) || alert.relevanceUntil === null || alert.relevanceUntil.getTime() >= now.getTime();

/** Adds the caller to `readBy` (idempotent); `changed` is false when they had already read it. */
export const markRead = (alert: Alert, caregiverId: string, now: Date): { next: Alert; changed: boolean } => {
  if (isReadBy(alert, caregiverId)) return { next: alert, changed: false };
  return { next: { ...alert, readBy: [...alert.readBy, { caregiverId, readAt: now }], updatedAt: now }, changed: true };
};

/**
 * Acknowledges an alert (idempotent: the first acknowledgement is kept). An ack-required alert then stays
 * relevant for 7 more days; acknowledgement stops escalation.
 */
export const acknowledge = (
  alert: Alert,
  caregiverId: string,
  now: Date,
  note: string | null = null,
): { next: Alert; changed: boolean } => {
  if (isAcknowledged(alert)) return { next: alert, changed: false };
  return {
    next: {
      ...alert,
      acknowledgedAt: now,
      acknowledgedBy: caregiverId,
      ackNote: note,
      relevanceUntil: alert.requiresAck
        ? new Date(now.getTime() + ALERT_LIMITS.afterAckDays * DAY_MS)
        : alert.relevanceUntil,
      updatedAt: now,
    },
    changed: true,
  };
};

export interface AlertChanges {
  readonly message?: string;
  readonly importance?: Importance;
  readonly relevanceUntil?: Date | null;
}

/** Applies an update of a custom alert; `changed` lists the fields whose value really changed. */
export const applyAlertChanges = (
  alert: Alert,
  changes: AlertChanges,
  now: Date,
): { next: Alert; changed: (keyof AlertChanges)[] } => {
  const changed: (keyof AlertChanges)[] = [];
  let next = alert;
  if (changes.message !== undefined && changes.message !== alert.message) {
    next = { ...next, message: changes.message };
    changed.push('message');
  }
  if (changes.importance !== undefined && changes.importance !== alert.importance) {
    next = { ...next, importance: changes.importance };
    changed.push('importance');
  }
  if (
    changes.relevanceUntil !== undefined &&
    (changes.relevanceUntil?.getTime() ?? null) !== (alert.relevanceUntil?.getTime() ?? null)
  ) {
    next = { ...next, relevanceUntil: changes.relevanceUntil };
    changed.push('relevanceUntil');
  }
  return { next: changed.length === 0 ? alert : { ...next, updatedAt: now }, changed };
};

export const softDeletedAlert = (alert: Alert, now: Date): Alert => ({ ...alert, deletedAt: now, updatedAt: now });

const rank = (importance: Importance): number => IMPORTANCE_LEVELS.indexOf(importance);

/**
 * List order (API-CONTRACT.md §4.10): unacknowledged ack-required alerts first, then importance (highest first),
 * then newest first; ties by id.
 */
export const compareAlerts = (a: Alert, b: Alert): number =>
  Number(awaitsAck(b)) - Number(awaitsAck(a)) ||
  rank(b.importance) - rank(a.importance) ||
  b.createdAt.getTime() - a.createdAt.getTime() ||
  (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
