import { isReadBy, ALERT_LIMITS, type Alert } from '../../domain/alerts/alert';
import { isActiveRole } from '../../domain/identity/roles';
import { patientIdsOf, visibleAlerts } from './alert-access';
import { recordAlertAccess } from './alert-audit';
import type { AlertPorts } from './alert-ports';

/** Turns an alert into what the login payload carries (the HTTP presenter, injected by bootstrap). */
export type AlertPresenter = (alert: Alert) => unknown;

/**
 * The login payload's `alerts` (API-CONTRACT.md §2.3, DOMAIN.md §8.3): the signed-in caregiver's visible
 * **unread** alerts in their own organisation, in list order, capped like a list. Handing them out is audited
 * like a list read.
 */
export class LoginAlerts {
  constructor(
    private readonly ports: AlertPorts,
    private readonly present: AlertPresenter,
  ) {}

  async forCaregiver(caregiverId: string): Promise<readonly unknown[]> {
    const { ports } = this;
    const caregiver = await ports.caregivers.findById(caregiverId);
    if (caregiver === null || !isActiveRole(caregiver.role)) return [];
    const scope = { caregiverId, role: caregiver.role, orgId: caregiver.orgId };
    const alerts = (await visibleAlerts(ports, scope, caregiver.orgId))
      .filter((alert) => !isReadBy(alert, caregiverId))
      .slice(0, ALERT_LIMITS.listCap);
    await recordAlertAccess(
      ports,
      { kind: 'caregiver', caregiverId, role: caregiver.role },
      'READ',
      { id: 'list', orgId: caregiver.orgId },
      patientIdsOf(alerts),
      { count: alerts.length, via: 'login' },
    );
    return alerts.map((alert) => this.present(alert));
  }
}
