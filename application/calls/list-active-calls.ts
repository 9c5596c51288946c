import type { AccessScope } from '../../domain/identity/roles';
import type { Actor } from '../../domain/shared/actor';
import { recordCallPhi } from './call-audit';
import type { CallPorts } from './call-ports';
import type { ActiveCallView } from './call-views';

/** The contract's cap (API-CONTRACT.md §4.11). */
export const ACTIVE_CALLS_LIMIT = 50;

/**
 * `ListActiveCalls` (DOMAIN.md §5.4 #10, `GET /calls/active`): the unfinished calls the caller started, newest
 * first, at most 50 (the contract's scope). A staff member no longer assigned to the patient does not see the call
 * any more; calls of deleted patients are left out. A passive request: the session's activity is not moved.
 */
export class ListActiveCalls {
  constructor(private readonly ports: CallPorts) {}

  async execute(scope: AccessScope, actor: Actor): Promise<readonly ActiveCallView[]> {
    const { ports } = this;
    const calls = await ports.calls.listActiveInitiatedBy(scope.caregiverId, ACTIVE_CALLS_LIMIT);
    const patients = new Map((await ports.patients.findByIds(calls.map((c) => c.patientId))).map((p) => [p.id, p]));
    const assigned =
      scope.role === 'staff' ? new Set(await ports.careTeam.assignedPatientIds(scope.caregiverId)) : null;
    const agent = await ports.caregivers.findById(scope.caregiverId);
    const views: ActiveCallView[] = [];
    for (const call of calls) {
      const patient = patients.get(call.patientId);
      if (patient === undefined || (assigned !== null && !assigned.has(patient.id))) continue;
      views.push({ call, patient, agent });
    }
    await recordCallPhi(
      ports,
      actor,
      'READ',
      { id: 'list', orgId: scope.orgId },
      views.map((view) => view.patient.id),
      { count: views.length },
    );
    return views;
  }
}
