import { isTerminalCall, type Call } from '../../domain/calls/call';
import { setupDeadlinesOf, type SetupDeadline } from '../../domain/calls/call-deadlines';
import { applyCallEvent, type CallEvent } from '../../domain/calls/call-transitions';
import { systemActor, type Actor } from '../../domain/shared/actor';
import type { TimerHandle } from '../ports/call-timers';
import { isStaleVersion } from './call-errors';
import type { CallPorts } from './call-ports';
import type { CallRuntime } from './call-runtime';
import { saveCallChange } from './save-call-change';

const MAX_ATTEMPTS = 3;

/**
 * Drives one call through its state machine (DOMAIN.md §5.2-§5.3, VOICE.md §1.3-§1.4): applies an event to the
 * stored call, stores the change (the terminal transaction when it ends), re-arms the set-up deadlines (queue,
 * ring, agent set-up) after every transition, and releases the call's session and timers once it is terminal.
 *
 * Every method must run on the call's work queue (call-work-queue.ts), which orders them.
 */
export class CallLifecycle {
  constructor(
    private readonly ports: CallPorts,
    private readonly runtime: CallRuntime,
  ) {}

  /**
   * Applies `event` to the stored call. A terminal call ignores it (idempotent); an event that does not fit the
   * status is rejected (`INVALID_TRANSITION`, logged) and changes nothing. A version conflict reloads and retries
   * up to 3 times (DOMAIN.md §1.4). Resolves the saved call, or null when nothing changed.
   */
  async apply(callId: string, event: CallEvent, actor: Actor = systemActor): Promise<Call | null> {
    for (let attempt = 1; ; attempt += 1) {
      const call = await this.ports.calls.findById(callId);
      if (call === null) {
        this.ports.logger.warn({ callId, event: event.type }, 'event for an unknown call');
        return null;
      }
      const transition = applyCallEvent(call, event);
      if (transition.kind === 'ignored') return null;
      if (transition.kind === 'rejected') {
        this.ports.logger.info(
          { callId, from: transition.from, event: transition.event, reason: 'INVALID_TRANSITION' },
          'call event rejected',
        );
        return null;
      }
      try {
        const saved = await saveCallChange(this.ports, call, transition.call, transition.terminal, actor);
        this.afterSave(saved);
        return saved;
      } catch (error) {
        if (!isStaleVersion(error) || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }

  /**
   * Hangs up the call's line (idempotent at the provider), then applies `event`. A provider error is logged: the
   * call still ends here and the adapter's cleanup releases what is left.
   */
  async hangUpAndApply(callId: string, event: CallEvent, actor: Actor = systemActor): Promise<Call | null> {
    const call = await this.ports.calls.findById(callId);
    if (call === null || isTerminalCall(call.status)) return null;
    if (call.status !== 'queued') await this.hangUp(callId);
    return this.apply(callId, event, actor);
  }

  /** Arms the set-up deadlines that apply to `call` now (none once it is live or terminal). */
  rearm(call: Call): void {
    if (isTerminalCall(call.status)) {
      this.runtime.cancelSetupTimers(call.id);
      return;
    }
    const deadlines = setupDeadlinesOf(call, this.ports.settings.timing);
    const handles: TimerHandle[] = [];
    for (const [kind, at] of Object.entries(deadlines) as Array<[SetupDeadline, Date]>) {
      handles.push(this.ports.timers.at(at, () => this.enqueueDeadline(call.id, kind)));
    }
    this.runtime.armSetupTimers(call.id, handles);
  }

  private afterSave(call: Call): void {
    if (isTerminalCall(call.status)) this.runtime.release(call.id);
    else this.rearm(call);
  }

  private enqueueDeadline(callId: string, kind: SetupDeadline): void {
    this.runtime.queue
      .run(callId, () => this.onSetupDeadline(callId, kind))
      .catch((error: unknown) => this.ports.logger.error({ callId, kind, err: error }, 'call deadline failed'));
  }

  /**
   * EnforceCallDeadlines for the set-up side: re-checks that the deadline still applies to the stored call (a
   * timer may outlive the status it was armed for), then: queue -> failed (`queue_timeout`); ring -> hang up,
   * no-answer (`ring_timeout`); agent set-up -> hang up, completed (`setup_timeout`, not billable).
   */
  private async onSetupDeadline(callId: string, kind: SetupDeadline): Promise<void> {
    const call = await this.ports.calls.findById(callId);
    if (call === null) return;
    const due = setupDeadlinesOf(call, this.ports.settings.timing)[kind];
    const now = this.ports.clock.now();
    if (due === undefined || due > now) return;
    this.ports.logger.info({ callId, kind }, 'call deadline reached');
    if (kind === 'queue') await this.apply(callId, { type: 'queueTimeout', at: now });
    else if (kind === 'ring') await this.hangUpAndApply(callId, { type: 'ringTimeout', at: now });
    else await this.hangUpAndApply(callId, { type: 'hangup', at: now, reason: 'setup_timeout' });
  }

  private async hangUp(callId: string): Promise<void> {
    try {
      await this.ports.telephony.hangup(callId);
    } catch (error) {
      this.ports.logger.warn({ callId, err: error }, 'hang-up failed at the provider');
    }
  }
}
