import type { Call } from '../../domain/calls/call';
import { systemActor, type Actor } from '../../domain/shared/actor';
import { patientNotFound } from './call-errors';
import type { CallLifecycle } from './call-lifecycle';
import type { CallPorts } from './call-ports';
import type { DispatchQueuedCalls } from './dispatch-queued-calls';
import { queueCall } from './queue-call';

/** A scheduled first attempt (`attempt` 0) or a retry of a missed one (DOMAIN.md §4.3.4-§4.3.5). */
export interface ScheduledCallRequest {
  readonly patientId: string;
  readonly scheduleId: string;
  readonly occurrenceAt: Date;
  readonly trigger: 'scheduled' | 'retry';
  readonly attempt: number;
  readonly originalCallId: string | null;
  /** The org's `retryCount` at attempt 0, copied to later attempts. */
  readonly maxRetries: number;
}

/**
 * `RequestScheduledCall` (DOMAIN.md §5.4 #2, the Schedules context's `CallRequests`): creates a scheduled or retry
 * call with its reserved conversation. `createInTransaction` joins the caller's transaction (the occurrence is
 * recorded with the call); `afterCommit` then arms the queue deadline and asks for a dial. Unlike "Call now", a
 * draining process does not refuse it: the call waits `queued`.
 */
export class RequestScheduledCall {
  constructor(
    private readonly ports: CallPorts,
    private readonly lifecycle: CallLifecycle,
    private readonly dispatcher: DispatchQueuedCalls,
  ) {}

  async execute(request: ScheduledCallRequest, actor: Actor = systemActor): Promise<Call> {
    const call = await this.ports.uow.run(() => this.createInTransaction(request, actor));
    this.afterCommit(call);
    return call;
  }

  async createInTransaction(request: ScheduledCallRequest, actor: Actor = systemActor): Promise<Call> {
    const patient = await this.ports.patients.findById(request.patientId);
    if (patient === null || patient.status !== 'active') throw patientNotFound();
    await this.ports.consentGate?.assertCallAllowed(patient.id);
    return queueCall(
      this.ports,
      patient,
      {
        trigger: request.trigger,
        scheduleId: request.scheduleId,
        occurrenceAt: request.occurrenceAt,
        attempt: request.attempt,
        originalCallId: request.originalCallId,
        maxRetries: request.maxRetries,
      },
      actor,
    );
  }

  afterCommit(call: Call): void {
    this.lifecycle.rearm(call);
    this.dispatcher.kick();
  }
}
