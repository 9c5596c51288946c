import { applyAlertChanges, relevanceProblem, type Alert, type AlertChanges } from '../../domain/alerts/alert';
import type { AccessScope } from '../../domain/identity/roles';
import type { Actor } from '../../domain/shared/actor';
import { ValidationError } from '../../domain/shared/errors';
import { patientIdsOfAlert } from './alert-access';
import { recordAlertAccess } from './alert-audit';
import { alertNotFound } from './alert-errors';
import type { AlertPorts } from './alert-ports';
import { loadAlertForChange } from './change-access';

/**
 * `UpdateAlert` (DOMAIN.md §8.4 #5, `PATCH /alerts/:alertId`): `custom` alerts only, `message`, `importance` and
 * `relevanceUntil` (null: no expiry; otherwise in the future, at most 90 days ahead), by the author, the
 * organisation's admins or a superAdmin.
 */
export class UpdateAlert {
  constructor(private readonly ports: AlertPorts) {}

  async execute(scope: AccessScope, alertId: string, changes: AlertChanges, actor: Actor): Promise<Alert> {
    const { ports } = this;
    const target = await loadAlertForChange(ports, scope, alertId, 'update', actor);
    if (changes.relevanceUntil !== undefined && changes.relevanceUntil !== null) {
      const problem = relevanceProblem(changes.relevanceUntil, ports.clock.now());
      if (problem !== null) throw new ValidationError([problem]);
    }
    return ports.uow.run(async () => {
      const current = await ports.alerts.findById(target.id);
      if (current === null) throw alertNotFound();
      const { next, changed } = applyAlertChanges(current, changes, ports.clock.now());
      const saved = changed.length === 0 ? current : await ports.alerts.update(next);
      await recordAlertAccess(ports, actor, 'UPDATE', { id: saved.id, orgId: saved.orgId }, patientIdsOfAlert(saved), {
        changedFields: changed.join(','),
      });
      return saved;
    });
  }
}
