import type { Alert } from '../../domain/alerts/alert';
import { authorizeAlertChange } from '../../domain/alerts/alert-policy';
import type { AccessScope } from '../../domain/identity/roles';
import type { Actor } from '../../domain/shared/actor';
import { patientIdsOfAlert } from './alert-access';
import { denyAlertAccess, recordAlertDenial } from './alert-audit';
import { alertNotFound } from './alert-errors';
import type { AlertPorts } from './alert-ports';

/**
 * Loads an alert the caller may update or delete (§2.8: own custom alerts for staff, the organisation's for
 * admins, any for superAdmins). Unknown, deleted and other organisations' alerts are 404 (a cross-org probe is
 * audited); a refusal inside the own organisation is an audited 403.
 */
export const loadAlertForChange = async (
  ports: AlertPorts,
  scope: AccessScope,
  alertId: string,
  action: 'update' | 'delete',
  actor: Actor,
): Promise<Alert> => {
  const alert = await ports.alerts.findById(alertId);
  if (alert === null) throw alertNotFound();
  const capability = action === 'update' ? 'alert.update' : 'alert.delete';
  const decision = authorizeAlertChange(scope, action, alert);
  if (decision === 'allow') return alert;
  if (decision === 'not-found') {
    await recordAlertDenial(ports, actor, capability, { type: 'alert', id: alert.id, orgId: alert.orgId }, 'other_org');
    throw alertNotFound();
  }
  const rule = alert.kind !== 'custom' && action === 'update' ? 'not_custom' : 'not_author_or_admin';
  return denyAlertAccess(
    ports,
    actor,
    capability,
    { type: 'alert', id: alert.id, orgId: alert.orgId, patientIds: patientIdsOfAlert(alert) },
    rule,
  );
};
