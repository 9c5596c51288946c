import { acknowledge, markRead, type Alert } from '../../domain/alerts/alert';
import type { AccessScope } from '../../domain/identity/roles';
import type { Actor } from '../../domain/shared/actor';
import { loadVisibleAlert, patientIdsOfAlert } from './alert-access';
import { recordAlertAccess } from './alert-audit';
import { alertNotFound } from './alert-errors';
import type { AlertPorts } from './alert-ports';

/**
 * Reads (and optionally acknowledges) one visible alert in one transaction, re-reading it inside so a
 * concurrent change is not lost; the entry records what changed.
 */
export const readAndAcknowledge = async (
  ports: AlertPorts,
  scope: AccessScope,
  alertId: string,
  actor: Actor,
  ack: { readonly note: string | null } | null,
  capability: 'alert.read',
  via: string,
): Promise<Alert> => {
  const target = await loadVisibleAlert(ports, scope, alertId, capability, actor);
  return ports.uow.run(async () => {
    const current = await ports.alerts.findById(target.id);
    if (current === null) throw alertNotFound();
    const now = ports.clock.now();
    const read = markRead(current, scope.caregiverId, now);
    const acked =
      ack === null ? { next: read.next, changed: false } : acknowledge(read.next, scope.caregiverId, now, ack.note);
    const saved = read.changed || acked.changed ? await ports.alerts.update(acked.next) : current;
    await recordAlertAccess(ports, actor, 'UPDATE', { id: saved.id, orgId: saved.orgId }, patientIdsOfAlert(saved), {
      via,
      read: read.changed,
      acknowledged: acked.changed,
    });
    return saved;
  });
};

/**
 * `MarkAlertRead` (DOMAIN.md §8.4 #7, `POST /alerts/markAsRead/:alertId`): opening one alert in the app puts the
 * caller in `readBy` and acknowledges it (RESOLUTIONS.md 6: the app has no separate acknowledge button), both
 * idempotently. Acknowledgement stops escalation; an ack-required alert then stays listed for 7 more days.
 */
export class MarkAlertRead {
  constructor(private readonly ports: AlertPorts) {}

  execute(scope: AccessScope, alertId: string, actor: Actor): Promise<Alert> {
    return readAndAcknowledge(this.ports, scope, alertId, actor, { note: null }, 'alert.read', 'markAsRead');
  }
}
