import type { MediaStream } from '../ports/media-stream';
import type { CallLifecycle } from './call-lifecycle';
import type { CallPorts } from './call-ports';
import type { CallRuntime } from './call-runtime';
import { CallSession } from './call-session';

/**
 * `RunLiveConversation` (DOMAIN.md §5.4 #6, VOICE.md §0.4): one `CallSession` per answered call whose media is
 * ready. Media for a call that is not in progress (ended meanwhile) or that already has a session is closed at
 * once, so nothing is left holding a port.
 */
export class RunLiveConversation {
  constructor(
    private readonly ports: CallPorts,
    private readonly runtime: CallRuntime,
    private readonly lifecycle: CallLifecycle,
  ) {}

  /** On the call's work queue, for the telephony adapter's `mediaReady`. */
  async start(callId: string, media: MediaStream): Promise<void> {
    const { ports } = this;
    const call = await ports.calls.findById(callId);
    if (call === null || call.status !== 'in-progress' || this.runtime.session(callId) !== undefined) {
      media.close();
      return;
    }
    const patient = await ports.patients.findById(call.patientId);
    if (patient === null) {
      media.close();
      await this.lifecycle.hangUpAndApply(callId, { type: 'hangup', at: ports.clock.now(), reason: 'provider_error' });
      return;
    }
    const session = new CallSession(ports, this.runtime, this.lifecycle, call, patient, media);
    this.runtime.addSession(callId, session);
    this.runtime.live.update(callId, { conversationState: 'idle' });
    void session.begin();
  }
}
