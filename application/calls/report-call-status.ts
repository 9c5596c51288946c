import type { AccessScope } from '../../domain/identity/roles';
import type { Actor } from '../../domain/shared/actor';
import type { CallStatusView } from './call-views';
import type { CaregiverReportInput, EndCall } from './end-call';

/**
 * `ReportCallStatus` (DOMAIN.md §5.4 #8, RESOLUTIONS.md 3, `POST /calls/:id/status`): a caregiver's manual status
 * report is stored as a note on the call; only `ended` has an effect, exactly as `EndCall`. The telephony-driven
 * state is never overwritten by hand. (The contract opens it to assigned staff too, which wins over DOMAIN.md.)
 */
export class ReportCallStatus {
  constructor(private readonly endCall: EndCall) {}

  execute(scope: AccessScope, id: string, report: CaregiverReportInput, actor: Actor): Promise<CallStatusView> {
    return this.endCall.execute(scope, id, report, actor);
  }
}
