import {
  isTerminalCall,
  withCaregiverReport,
  type ReportedOutcome,
  type ReportedStatus,
} from '../../domain/calls/call';
import type { AccessScope } from '../../domain/identity/roles';
import type { Actor } from '../../domain/shared/actor';
import { loadCallFor } from './call-access';
import { recordCallPhi } from './call-audit';
import type { CallLifecycle } from './call-lifecycle';
import type { CallPorts } from './call-ports';
import type { CallRuntime } from './call-runtime';
import { statusViewOf, type CallStatusView } from './call-views';

export interface CaregiverReportInput {
  readonly status: ReportedStatus;
  readonly outcome?: ReportedOutcome;
  /** At most 500 characters. */
  readonly notes?: string;
}

/**
 * `EndCall` (DOMAIN.md §5.3, §5.4 #7, `POST /calls/:id/end`) and the report behind `ReportCallStatus`: assigned
 * staff, the organisation's admins, superAdmins. The caregiver's `outcome` and `notes` are stored as a report on
 * the call (never changing its status); then, for `ended`:
 * - `queued` -> `cancelled`; `dialing`/`ringing` -> hung up, `cancelled`;
 * - `in-progress` -> hung up at once, without a goodbye (VOICE.md §1.5) -> `completed` (`caregiver_ended`);
 * - already terminal -> no change (idempotent).
 * Runs on the call's work queue, so the response carries the final state.
 */
export class EndCall {
  constructor(
    private readonly ports: CallPorts,
    private readonly runtime: CallRuntime,
    private readonly lifecycle: CallLifecycle,
  ) {}

  async execute(scope: AccessScope, id: string, report: CaregiverReportInput, actor: Actor): Promise<CallStatusView> {
    const { ports } = this;
    const { call, patient } = await loadCallFor(ports, scope, id, 'call.manage', actor);
    const ended = await this.runtime.queue.run(call.id, async () => {
      await this.storeReport(call.id, scope.caregiverId, report, actor);
      const current = await ports.calls.findById(call.id);
      if (current === null || report.status !== 'ended' || isTerminalCall(current.status)) return current;
      const at = ports.clock.now();
      const event =
        current.status === 'in-progress'
          ? ({ type: 'hangup', at, reason: 'caregiver_ended' } as const)
          : ({ type: 'cancel', at } as const);
      return (await this.lifecycle.hangUpAndApply(call.id, event, actor)) ?? ports.calls.findById(call.id);
    });
    return statusViewOf(ports, this.runtime, ended ?? call, patient);
  }

  private async storeReport(
    callId: string,
    caregiverId: string,
    report: CaregiverReportInput,
    actor: Actor,
  ): Promise<void> {
    const { ports } = this;
    await ports.uow.run(async () => {
      const current = await ports.calls.findById(callId);
      if (current === null) return;
      const saved = await ports.calls.update(
        withCaregiverReport(current, {
          caregiverId,
          status: report.status,
          outcome: report.outcome ?? null,
          notes: report.notes ?? null,
          at: ports.clock.now(),
        }),
      );
      await recordCallPhi(ports, actor, 'UPDATE', saved, [saved.patientId], {
        report: report.status,
        reportedOutcome: report.outcome ?? null,
      });
    });
  }
}
