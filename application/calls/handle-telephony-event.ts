import type { TelephonyEvent } from '../ports/telephony';
import type { CallLifecycle } from './call-lifecycle';
import type { CallPorts } from './call-ports';
import type { CallRuntime } from './call-runtime';
import type { RunLiveConversation } from './run-live-conversation';

/**
 * `HandleTelephonyEvent` (DOMAIN.md §5.4 #4, VOICE.md §1.3): the telephony adapter's signals drive the call's
 * state machine, each on its call's work queue in arrival order.
 * - `ringing`, `answered` (a machine ends the call `voicemail`), `dialFailed`, `legLost`: the matching transition;
 * - `mediaReady`: the live conversation starts;
 * - `hungUp`: the patient's side ended: an answered call completes (`patient_hangup`), an unanswered one is a
 *   no-answer.
 * Events for calls already terminal change nothing.
 */
export class HandleTelephonyEvent {
  constructor(
    private readonly ports: CallPorts,
    private readonly runtime: CallRuntime,
    private readonly lifecycle: CallLifecycle,
    private readonly liveConversation: RunLiveConversation,
  ) {}

  /** The adapter's event handler: never throws; failures are logged with the call id. */
  readonly accept = (event: TelephonyEvent): void => {
    this.runtime.queue
      .run(event.callId, () => this.apply(event))
      .catch((error: unknown) =>
        this.ports.logger.error({ callId: event.callId, event: event.type, err: error }, 'telephony event failed'),
      );
  };

  async apply(event: TelephonyEvent): Promise<void> {
    const { lifecycle } = this;
    const { callId, at } = event;
    switch (event.type) {
      case 'ringing':
        await lifecycle.apply(callId, { type: 'ringing', at });
        return;
      case 'answered':
        await lifecycle.apply(callId, { type: 'answered', at, by: event.by });
        return;
      case 'dialFailed':
        await lifecycle.apply(callId, {
          type: 'dialFailed',
          at,
          outcome: event.outcome,
          ...(event.failureCode === undefined ? {} : { failureCode: event.failureCode }),
        });
        return;
      case 'mediaReady':
        await this.liveConversation.start(callId, event.media);
        return;
      case 'hungUp': {
        const call = await this.ports.calls.findById(callId);
        if (call?.status === 'in-progress') {
          await lifecycle.apply(callId, { type: 'hangup', at, reason: 'patient_hangup' });
        } else {
          await lifecycle.apply(callId, { type: 'dialFailed', at, outcome: 'no-answer' });
        }
        return;
      }
      case 'legLost':
        await lifecycle.apply(callId, { type: 'legLost', at });
        return;
    }
  }
}
