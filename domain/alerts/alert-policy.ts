import type { AccessDecision, AccessScope, ActiveRole } from '../identity/roles';
import { awaitsAck, isCurrent, patientOfAlert, type Alert } from './alert';

/**
 * Who sees an alert (API-CONTRACT.md §4.10, which RESOLUTIONS.md 35 makes the rule for the audience). The
 * audience is evaluated at read time, so assignment and role changes apply at once.
 */
export interface AudienceMember {
  readonly caregiverId: string;
  readonly role: ActiveRole;
  /** The organisation the caller acts in: their own, or the one a superAdmin names. */
  readonly orgId: string;
  /** Whether a current care-team assignment links the caller and the alert's patient. */
  readonly assignedToPatient: boolean;
}

/**
 * C is in the audience of X when C wrote X, or X belongs to C's organisation and: it is for all caregivers; it is
 * for admins and C is an orgAdmin (or a superAdmin of that organisation); it is for the assigned caregivers and C
 * is assigned to its patient; or it is for the assigned caregivers, C is an orgAdmin, and X has been escalated.
 */
export const isInAudience = (alert: Alert, member: AudienceMember): boolean => {
  if (alert.authorCaregiverId !== null && alert.authorCaregiverId === member.caregiverId) return true;
  if (alert.orgId !== member.orgId) return false;
  const admin = member.role === 'orgAdmin' || member.role === 'superAdmin';
  switch (alert.visibility) {
    case 'allCaregivers':
      return true;
    case 'orgAdmin':
      return admin;
    case 'assignedCaregivers':
      return member.assignedToPatient || (member.role === 'orgAdmin' && alert.escalationLevel >= 1);
  }
};

/**
 * Visible now: in the audience, not deleted, its patient (if any) not deleted, and current (awaiting an
 * acknowledgement it requires, or without expiry, or not yet past `relevanceUntil`).
 */
export const isVisible = (alert: Alert, member: AudienceMember, patientLive: boolean, now: Date): boolean =>
  alert.deletedAt === null &&
  (patientOfAlert(alert) === null || patientLive) &&
  isCurrent(alert, now) &&
  isInAudience(alert, member);

/** What a caller tried to do with alerts (named in audited refusals). */
export type AlertCapability = 'alert.read' | 'alert.create' | 'alert.update' | 'alert.delete';

/**
 * Whether the caller may change (`update`) or remove (`delete`) an alert of an organisation they may address:
 * custom alerts by their author, the organisation's admins and superAdmins; other kinds are never edited, and
 * are deleted only by admins, never while an ack-required alert awaits acknowledgement. Another organisation's
 * alert is not found for everyone but a superAdmin.
 */
export const authorizeAlertChange = (scope: AccessScope, action: 'update' | 'delete', alert: Alert): AccessDecision => {
  const author = alert.authorCaregiverId !== null && alert.authorCaregiverId === scope.caregiverId;
  if (alert.orgId !== scope.orgId && scope.role !== 'superAdmin' && !author) return 'not-found';
  const admin = scope.role === 'superAdmin' || (scope.role === 'orgAdmin' && alert.orgId === scope.orgId);
  if (alert.kind === 'custom') return author || admin ? 'allow' : 'forbidden';
  if (action === 'update') return 'forbidden';
  return admin && !awaitsAck(alert) ? 'allow' : 'forbidden';
};
