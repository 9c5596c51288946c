import { awaitsAck, isReadBy, ALERT_LIMITS, type Alert } from '../../domain/alerts/alert';
import type { AccessScope } from '../../domain/identity/roles';
import type { Actor } from '../../domain/shared/actor';
import { orgForAlertList, patientIdsOf, visibleAlerts } from './alert-access';
import { recordAlertAccess } from './alert-audit';
import type { AlertPorts } from './alert-ports';

export interface AlertListInput {
  /** `true` lists read and unread alerts; otherwise read ones are left out, except those awaiting an ack. */
  readonly showRead: boolean;
  /** The organisation to list; the caller's own when absent (only a superAdmin may name another). */
  readonly orgId?: string;
}

/** Whether a visible alert is listed for `showRead` (API-CONTRACT.md §4.10 notes). */
export const listedFor = (alert: Alert, caregiverId: string, showRead: boolean): boolean =>
  showRead || !isReadBy(alert, caregiverId) || awaitsAck(alert);

/**
 * `ListAlerts` (DOMAIN.md §8.4 #3, `GET /alerts`): the alerts visible to the caller, ordered and capped at 200.
 * `showRead=true` really includes the read ones (D23). The read is audited with the patients of the alerts
 * returned. The route is a passive poll (§2.6): it does not move the session's activity.
 */
export class ListAlerts {
  constructor(private readonly ports: AlertPorts) {}

  async execute(scope: AccessScope, input: AlertListInput, actor: Actor): Promise<Alert[]> {
    const { ports } = this;
    const orgId = await orgForAlertList(ports, scope, input.orgId, actor);
    const alerts = (await visibleAlerts(ports, scope, orgId))
      .filter((alert) => listedFor(alert, scope.caregiverId, input.showRead))
      .slice(0, ALERT_LIMITS.listCap);
    await recordAlertAccess(ports, actor, 'READ', { id: 'list', orgId }, patientIdsOf(alerts), {
      count: alerts.length,
      showRead: input.showRead,
    });
    return alerts;
  }
}
