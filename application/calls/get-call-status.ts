import { isTerminalCall } from '../../domain/calls/call';
import type { AccessScope } from '../../domain/identity/roles';
import type { Actor } from '../../domain/shared/actor';
import { loadCallFor } from './call-access';
import { recordCallPhi } from './call-audit';
import type { CallPorts } from './call-ports';
import type { CallRuntime } from './call-runtime';
import { statusViewOf, type CallStatusView } from './call-views';

/**
 * `GetCallStatus` (DOMAIN.md §5.4 #9, `GET /calls/:id/status` and `/calls/:id/conversation`): the call by its
 * reserved conversation id or its own id, for whoever may read the patient's calls. Audited as a PHI read.
 *
 * Idle timeout (API-CONTRACT.md §2.6, §7 item 3): the routes authenticate passively; a poll of a call that is still
 * running moves the session's activity, a poll of an ended call does not.
 */
export class GetCallStatus {
  constructor(
    private readonly ports: CallPorts,
    private readonly runtime: CallRuntime,
  ) {}

  async execute(scope: AccessScope, id: string, actor: Actor): Promise<CallStatusView> {
    const { ports } = this;
    const { call, patient } = await loadCallFor(ports, scope, id, 'call.read', actor);
    await recordCallPhi(ports, actor, 'READ', call, [call.patientId], { status: call.status });
    if (!isTerminalCall(call.status) && actor.sessionId !== undefined) {
      await ports.sessions.touch(actor.sessionId, ports.clock.now());
    }
    return statusViewOf(ports, this.runtime, call, patient);
  }
}
