import type { Alert } from '../../domain/alerts/alert';
import type { AccessScope } from '../../domain/identity/roles';
import type { Actor } from '../../domain/shared/actor';
import { loadVisibleAlert, patientIdsOfAlert } from './alert-access';
import { recordAlertAccess } from './alert-audit';
import type { AlertPorts } from './alert-ports';

/** `GetAlert` (DOMAIN.md §8.4 #4, `GET /alerts/:alertId`): one visible alert, read or not; otherwise 404. */
export class GetAlert {
  constructor(private readonly ports: AlertPorts) {}

  async execute(scope: AccessScope, alertId: string, actor: Actor): Promise<Alert> {
    const alert = await loadVisibleAlert(this.ports, scope, alertId, 'alert.read', actor);
    await recordAlertAccess(this.ports, actor, 'READ', { id: alert.id, orgId: alert.orgId }, patientIdsOfAlert(alert));
    return alert;
  }
}
