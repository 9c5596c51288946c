import type { Alert } from '../../../domain/alerts/alert';

/** AlertDTO (API-CONTRACT.md §3.8). */
export interface AlertDto {
  id: string;
  kind: string;
  message: string;
  importance: string;
  alertType: string;
  relatedPatient: string | null;
  relatedConversation: string | null;
  createdBy: string;
  createdModel: string;
  visibility: string;
  readBy: string[];
  requiresAck: boolean;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  escalationLevel: number;
  relevanceUntil: string | null;
  createdAt: string;
}

const iso = (at: Date | null): string | null => (at === null ? null : at.toISOString());

/**
 * Custom alerts show their stored text. System kinds are rendered from their structured fields in the reader's
 * language by the alert producers' issue (DOMAIN.md §8.3); until then they show their kind in words.
 */
const messageOf = (alert: Alert): string => alert.message ?? alert.kind.replace(/_/g, ' ');

export const alertDto = (alert: Alert): AlertDto => ({
  id: alert.id,
  kind: alert.kind,
  message: messageOf(alert),
  importance: alert.importance,
  alertType: alert.alertType,
  relatedPatient: alert.patientId,
  relatedConversation: alert.conversationId,
  createdBy: alert.createdBy,
  createdModel: alert.createdModel,
  visibility: alert.visibility,
  readBy: alert.readBy.map((read) => read.caregiverId),
  requiresAck: alert.requiresAck,
  acknowledgedAt: iso(alert.acknowledgedAt),
  acknowledgedBy: alert.acknowledgedBy,
  escalationLevel: alert.escalationLevel,
  relevanceUntil: iso(alert.relevanceUntil),
  createdAt: alert.createdAt.toISOString(),
});
