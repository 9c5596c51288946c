import { LIVE_CALL_STATUSES } from '../../domain/calls/call';
import type { PlaceCallResult } from '../ports/telephony';
import type { CallLifecycle } from './call-lifecycle';
import type { CallPorts } from './call-ports';
import type { CallRuntime } from './call-runtime';

/**
 * `DispatchQueuedCalls` (DOMAIN.md §5.4 #3, VOICE.md §1.1): dials queued calls in `queuedAt` order while fewer than
 * `maxConcurrentCalls` are `dialing`, `ringing` or `in-progress` and the process is not draining. Runs one pass at
 * a time; a pass is asked for when a call is queued and whenever a call ends (a slot may be free).
 */
export class DispatchQueuedCalls {
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly ports: CallPorts,
    private readonly runtime: CallRuntime,
    private readonly lifecycle: CallLifecycle,
  ) {
    runtime.onCallFreed(() => this.kick());
  }

  /** Asks for a pass after the current one; never throws (failures are logged). */
  kick(): void {
    this.chain = this.chain
      .then(() => this.pass())
      .then(
        () => undefined,
        (error: unknown) => this.ports.logger.error({ err: error }, 'call dispatch failed'),
      );
  }

  /** Resolves once the passes asked for so far have run. */
  whenIdle(): Promise<void> {
    return this.chain;
  }

  /** One pass; resolves how many calls it tried to dial. */
  async pass(): Promise<number> {
    const { ports } = this;
    if (ports.intake.isDraining()) return 0;
    const free = ports.settings.maxConcurrentCalls - (await ports.calls.countByStatus(LIVE_CALL_STATUSES));
    if (free <= 0) return 0;
    const queued = await ports.calls.listByStatus(['queued'], free);
    for (const call of queued) await this.runtime.queue.run(call.id, () => this.dial(call.id));
    return queued.length;
  }

  /**
   * Re-checks the call and its patient, then places it. Accepted -> `dialing` (the ring deadline is armed);
   * refused or thrown -> `failed` (`provider_error`); a patient deleted meanwhile -> `cancelled`.
   */
  private async dial(callId: string): Promise<void> {
    const { ports } = this;
    const call = await ports.calls.findById(callId);
    if (call === null || call.status !== 'queued') return;
    const patient = await ports.patients.findById(call.patientId);
    if (patient === null || patient.status !== 'active' || patient.phone === '') {
      await this.lifecycle.apply(callId, { type: 'cancel', at: ports.clock.now() });
      return;
    }
    let result: PlaceCallResult;
    try {
      result = await ports.telephony.placeCall({ callId, to: patient.phone, language: patient.preferredLanguage });
    } catch (error) {
      ports.logger.warn({ callId, err: error }, 'placing the call failed');
      result = { accepted: false, reason: 'provider_error' };
    }
    const at = ports.clock.now();
    if (result.accepted) await this.lifecycle.apply(callId, { type: 'dialAccepted', at });
    else await this.lifecycle.apply(callId, { type: 'dialRefused', at, failureCode: result.reason });
  }
}
