import { markRead, type Alert } from '../../domain/alerts/alert';
import type { AccessScope } from '../../domain/identity/roles';
import type { Actor } from '../../domain/shared/actor';
import { patientIdsOf, visibleAlerts } from './alert-access';
import { recordAlertAccess } from './alert-audit';
import type { AlertPorts } from './alert-ports';

/**
 * `MarkAllAlertsRead` (DOMAIN.md §8.4 #8, `POST /alerts/markAsRead`, D23): marks **every** alert currently
 * visible to the caller in their own organisation as read, whatever ids the client sent, and returns the alerts
 * this call marked (those the caller had not read yet), in list order. It never acknowledges.
 */
export class MarkAllAlertsRead {
  constructor(private readonly ports: AlertPorts) {}

  async execute(scope: AccessScope, actor: Actor): Promise<Alert[]> {
    const { ports } = this;
    return ports.uow.run(async () => {
      const now = ports.clock.now();
      const marked: Alert[] = [];
      for (const alert of await visibleAlerts(ports, scope, scope.orgId)) {
        const { next, changed } = markRead(alert, scope.caregiverId, now);
        if (changed) marked.push(await ports.alerts.update(next));
      }
      await recordAlertAccess(ports, actor, 'UPDATE', { id: 'list', orgId: scope.orgId }, patientIdsOf(marked), {
        via: 'markAllAsRead',
        count: marked.length,
      });
      return marked;
    });
  }
}
