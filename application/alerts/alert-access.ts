import { compareAlerts, patientOfAlert, type Alert } from '../../domain/alerts/alert';
import { isInAudience, isVisible, type AlertCapability, type AudienceMember } from '../../domain/alerts/alert-policy';
import type { AccessScope } from '../../domain/identity/roles';
import type { Actor } from '../../domain/shared/actor';
import { denyAlertAccess, recordAlertDenial } from './alert-audit';
import { alertNotFound, orgNotFound } from './alert-errors';
import type { AlertPorts } from './alert-ports';

/** The patient ids of a set of alerts, without repeats (what their audit entries name). */
export const patientIdsOf = (alerts: readonly Alert[]): string[] => [
  ...new Set(alerts.map(patientOfAlert).filter((id): id is string => id !== null)),
];

/**
 * The organisation a list names: the caller's own unless a superAdmin names another (an unknown one is 404
 * `Org not found`). A non-superAdmin naming another organisation is an audited 403 (API-CONTRACT.md §2.8).
 */
export const orgForAlertList = async (
  ports: AlertPorts,
  scope: AccessScope,
  requested: string | undefined,
  actor: Actor,
): Promise<string> => {
  const orgId = requested ?? scope.orgId;
  if (orgId === scope.orgId) return orgId;
  if (scope.role !== 'superAdmin') {
    return denyAlertAccess(ports, actor, 'alert.read', { type: 'org', id: orgId, orgId }, 'other_org_request');
  }
  if ((await ports.orgs.findById(orgId)) === null) throw orgNotFound();
  return orgId;
};

/**
 * Every alert visible now to the caller acting in `orgId`, in list order (API-CONTRACT.md §4.10), uncapped.
 * Assignments and patient deletions are read now, so they apply at once.
 */
export const visibleAlerts = async (ports: AlertPorts, scope: AccessScope, orgId: string): Promise<Alert[]> => {
  const candidates = await ports.alerts.candidatesFor(orgId, scope.caregiverId);
  const assigned = new Set(await ports.careTeam.assignedPatientIds(scope.caregiverId));
  const live = new Set((await ports.patients.findByIds(patientIdsOf(candidates))).map((patient) => patient.id));
  const now = ports.clock.now();
  return candidates
    .filter((alert) => {
      const patientId = patientOfAlert(alert);
      const member: AudienceMember = {
        caregiverId: scope.caregiverId,
        role: scope.role,
        orgId,
        assignedToPatient: patientId !== null && assigned.has(patientId),
      };
      return isVisible(alert, member, patientId !== null && live.has(patientId), now);
    })
    .sort(compareAlerts);
};

/** The caller as an audience member of one alert: a superAdmin acts in the alert's organisation. */
export const audienceMemberFor = async (
  ports: AlertPorts,
  scope: AccessScope,
  alert: Alert,
): Promise<AudienceMember> => {
  const patientId = patientOfAlert(alert);
  return {
    caregiverId: scope.caregiverId,
    role: scope.role,
    orgId: scope.role === 'superAdmin' ? alert.orgId : scope.orgId,
    assignedToPatient: patientId !== null && (await ports.careTeam.find(patientId, scope.caregiverId)) !== null,
  };
};

/**
 * Loads an alert visible now to the caller. Unknown, deleted, expired and patient-deleted alerts, other
 * organisations' alerts and alerts outside the caller's audience are all 404 `Alert not found` (the reference
 * answered 403 for a read alert; D23 drops that); a probe of another organisation's or an unseen alert is
 * audited.
 */
export const loadVisibleAlert = async (
  ports: AlertPorts,
  scope: AccessScope,
  alertId: string,
  capability: AlertCapability,
  actor: Actor,
): Promise<Alert> => {
  const alert = await ports.alerts.findById(alertId);
  if (alert === null) throw alertNotFound();
  const member = await audienceMemberFor(ports, scope, alert);
  const patientId = patientOfAlert(alert);
  const patientLive = patientId !== null && (await ports.patients.findById(patientId)) !== null;
  if (isVisible(alert, member, patientLive, ports.clock.now())) return alert;
  if (!isInAudience(alert, member)) {
    const ownOrg = alert.orgId === scope.orgId;
    await recordAlertDenial(
      ports,
      actor,
      capability,
      {
        type: 'alert',
        id: alert.id,
        orgId: alert.orgId,
        ...(ownOrg && patientId !== null ? { patientIds: [patientId] } : {}),
      },
      ownOrg ? 'not_in_audience' : 'other_org',
    );
  }
  throw alertNotFound();
};

/** The patient one alert relates to, as the list its audit entries name. */
export const patientIdsOfAlert = (alert: Alert): string[] => patientIdsOf([alert]);
