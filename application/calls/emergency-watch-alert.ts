import type { Alert, Importance } from '../../domain/alerts/alert';
import type { DetectionMatch } from '../../domain/emergencies/emergency-detector';
import type { Severity } from '../../domain/emergencies/emergency-phrase';

const IMPORTANCE: Readonly<Record<Severity, Importance>> = { CRITICAL: 'urgent', HIGH: 'high', MEDIUM: 'medium' };
const RESPOND_WITHIN_SECONDS: Readonly<Record<Severity, number>> = { CRITICAL: 60, HIGH: 300, MEDIUM: 900 };

/** The finalised patient turn the watch looks at; `messageId` makes processing idempotent when given. */
export interface PatientTurn {
  readonly callId: string;
  readonly conversationId: string;
  readonly patientId: string;
  readonly orgId: string;
  readonly language: string;
  readonly text: string;
  readonly at: Date;
  readonly messageId?: string;
}

export interface EmergencyAlertInput {
  readonly id: string;
  readonly detectionId: string;
  readonly turn: PatientTurn;
  readonly decisive: DetectionMatch;
  readonly confidence: number | null;
  readonly fallbackLanguage: 'en' | null;
  readonly now: Date;
}

/**
 * The `emergency` alert of DOMAIN.md §7.3.8 and §8.1: for the patient's assigned caregivers, importance from the
 * severity, acknowledgement required, listed until acknowledged (then 7 days, set by `acknowledge`). The payload
 * holds ids, enums, numbers and the phrase label: never the patient's words.
 */
export const emergencyAlertOf = (input: EmergencyAlertInput): Alert => {
  const { turn, decisive, now } = input;
  return {
    id: input.id,
    orgId: turn.orgId,
    kind: 'emergency',
    alertType: 'patient',
    patientId: turn.patientId,
    conversationId: turn.conversationId,
    callId: turn.callId,
    importance: IMPORTANCE[decisive.severity],
    visibility: 'assignedCaregivers',
    payload: {
      severity: decisive.severity,
      category: decisive.category,
      phraseId: decisive.phraseId,
      phrase: decisive.label,
      language: turn.language,
      fallbackLanguage: input.fallbackLanguage,
      confidence: input.confidence,
      respondWithinSeconds: RESPOND_WITHIN_SECONDS[decisive.severity],
      occurrences: 1,
      callId: turn.callId,
      conversationId: turn.conversationId,
      messageId: turn.messageId ?? null,
      detectionId: input.detectionId,
    },
    message: null,
    createdBy: turn.patientId,
    createdModel: 'Patient',
    authorCaregiverId: null,
    readBy: [],
    requiresAck: true,
    acknowledgedAt: null,
    acknowledgedBy: null,
    ackNote: null,
    escalationLevel: 0,
    escalatedAt: null,
    relevanceUntil: null,
    deletedAt: null,
    createdAt: now,
    updatedAt: now,
    version: 0,
  };
};

/** A CRITICAL detection merged into an open alert: one more occurrence, no new notification (§7.3.7). */
export const mergedInto = (alert: Alert, now: Date): Alert => {
  const occurrences = alert.payload['occurrences'];
  return {
    ...alert,
    payload: {
      ...alert.payload,
      occurrences: (typeof occurrences === 'number' ? occurrences : 1) + 1,
      lastDetectedAt: now.toISOString(),
    },
    updatedAt: now,
  };
};
