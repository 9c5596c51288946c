import type { Alert } from '../../domain/alerts/alert';
import type { AccessScope } from '../../domain/identity/roles';
import type { Actor } from '../../domain/shared/actor';
import type { AlertPorts } from './alert-ports';
import { readAndAcknowledge } from './mark-alert-read';

/**
 * `AcknowledgeAlert` (DOMAIN.md §8.4 #9, `POST /v1/alerts/:alertId/acknowledge`, API-CONTRACT.md §6.3): any
 * audience member acknowledges a visible alert with an optional note (≤ 500), which also marks it read. A second
 * acknowledgement keeps the first one's who, when and note.
 */
export class AcknowledgeAlert {
  constructor(private readonly ports: AlertPorts) {}

  execute(scope: AccessScope, alertId: string, note: string | null, actor: Actor): Promise<Alert> {
    return readAndAcknowledge(this.ports, scope, alertId, actor, { note }, 'alert.read', 'acknowledge');
  }
}
