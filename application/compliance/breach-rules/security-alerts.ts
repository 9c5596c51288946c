import type { Alert, AlertKind, Importance } from '../../../domain/alerts/alert';

const DAY_MS = 86_400_000;

export interface SecurityAlertInput {
  readonly id: string;
  readonly orgId: string;
  readonly kind: Extract<AlertKind, 'security_account_locked' | 'security_off_hours'>;
  readonly payload: Readonly<Record<string, string | number | boolean | null>>;
  readonly now: Date;
}

/**
 * A system alert for the org's orgAdmins (DOMAIN.md §8.1 table): `security_account_locked` is urgent and stays
 * until acknowledged (then 7 days); `security_off_hours` is medium, no acknowledgement, 7 days. Raised by the
 * org itself; the payload carries ids, codes and numbers only.
 */
export const securityAlert = (input: SecurityAlertInput): Alert => {
  const locked = input.kind === 'security_account_locked';
  const importance: Importance = locked ? 'urgent' : 'medium';
  return {
    id: input.id,
    orgId: input.orgId,
    kind: input.kind,
    alertType: 'system',
    patientId: null,
    conversationId: null,
    callId: null,
    importance,
    visibility: 'orgAdmin',
    payload: input.payload,
    message: null,
    createdBy: input.orgId,
    createdModel: 'Org',
    authorCaregiverId: null,
    readBy: [],
    requiresAck: locked,
    acknowledgedAt: null,
    acknowledgedBy: null,
    ackNote: null,
    escalationLevel: 0,
    escalatedAt: null,
    relevanceUntil: locked ? null : new Date(input.now.getTime() + 7 * DAY_MS),
    deletedAt: null,
    createdAt: input.now,
    updatedAt: input.now,
    version: 0,
  };
};
