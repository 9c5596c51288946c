import { softDeletedAlert } from '../../domain/alerts/alert';
import type { AccessScope } from '../../domain/identity/roles';
import type { Actor } from '../../domain/shared/actor';
import { patientIdsOfAlert } from './alert-access';
import { recordAlertAccess } from './alert-audit';
import { alertNotFound } from './alert-errors';
import type { AlertPorts } from './alert-ports';
import { loadAlertForChange } from './change-access';

/**
 * `DeleteAlert` (DOMAIN.md §8.4 #6, `DELETE /alerts/:alertId`): a soft delete. Custom alerts by the author, the
 * organisation's admins or a superAdmin; other kinds by admins only, never while an ack-required alert awaits
 * acknowledgement. A missing alert is 404 (the reference answered 204).
 */
export class DeleteAlert {
  constructor(private readonly ports: AlertPorts) {}

  async execute(scope: AccessScope, alertId: string, actor: Actor): Promise<void> {
    const { ports } = this;
    const target = await loadAlertForChange(ports, scope, alertId, 'delete', actor);
    await ports.uow.run(async () => {
      const current = await ports.alerts.findById(target.id);
      if (current === null) throw alertNotFound();
      await ports.alerts.update(softDeletedAlert(current, ports.clock.now()));
      await recordAlertAccess(
        ports,
        actor,
        'DELETE',
        { id: current.id, orgId: current.orgId },
        patientIdsOfAlert(current),
        {
          kind: current.kind,
        },
      );
    });
  }
}
