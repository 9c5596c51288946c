import type { Call } from '../../domain/calls/call';
import type { Caregiver } from '../../domain/identity/caregiver';
import type { AccessScope } from '../../domain/identity/roles';
import type { Patient } from '../../domain/patients/patient';
import type { Actor } from '../../domain/shared/actor';
import { loadPatientToCall } from './call-access';
import { telephonyUnavailable } from './call-errors';
import type { CallPorts } from './call-ports';
import type { CallLifecycle } from './call-lifecycle';
import type { DispatchQueuedCalls } from './dispatch-queued-calls';
import { queueCall } from './queue-call';

export interface InitiateCallInput {
  readonly patientId: string;
  /** At most 500 characters; never sent to the voice agent. */
  readonly callNotes?: string;
}

export interface InitiatedCall {
  readonly call: Call;
  readonly patient: Patient;
  /** The caller (the app's `agentId`/`agentName`); null only if the account vanished meanwhile. */
  readonly caregiver: Caregiver | null;
}

/**
 * `InitiateCall` (DOMAIN.md §5.4 #1, `POST /calls/initiate`): "Call now" for assigned staff, the organisation's
 * admins and superAdmins. Refused as unavailable while the process drains (VOICE.md §1.1). Creates a queued
 * on-demand call and its reserved conversation in one transaction, arms the queue deadline and asks the
 * dispatcher to dial within the capacity; the dial itself happens after the response.
 */
export class InitiateCall {
  constructor(
    private readonly ports: CallPorts,
    private readonly lifecycle: CallLifecycle,
    private readonly dispatcher: DispatchQueuedCalls,
  ) {}

  async execute(scope: AccessScope, input: InitiateCallInput, actor: Actor): Promise<InitiatedCall> {
    const { ports } = this;
    const patient = await loadPatientToCall(ports, scope, input.patientId, actor);
    await ports.consentGate?.assertCallAllowed(patient.id);
    if (ports.intake.isDraining()) throw telephonyUnavailable();
    const call = await ports.uow.run(() =>
      queueCall(
        ports,
        patient,
        { trigger: 'on_demand', initiatedBy: scope.caregiverId, callNotes: input.callNotes ?? '' },
        actor,
      ),
    );
    this.lifecycle.rearm(call);
    this.dispatcher.kick();
    return { call, patient, caregiver: await ports.caregivers.findById(scope.caregiverId) };
  }
}
