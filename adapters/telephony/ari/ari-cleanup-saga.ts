import type { AriCall } from './ari-call';
import type { CallContext } from './ari-call-context';
import { isKind } from './ari-errors';
import { pause } from './ari-timers';

export interface SagaOutcome {
  /** Settles after the first attempt to hang up the patient's channel (what `hangup()` waits for). */
  readonly pstnReleased: Promise<void>;
  /** Settles when every step is done or given up; `false` if a step was left to the audits. */
  readonly done: Promise<boolean>;
}

/**
 * Steps 3-6 of the cleanup saga (VOICE.md §7.7), run for every call however it ended: the patient's channel first
 * (at once, not behind the call's queue), then, once the media set-up has settled, the media channel, the bridge
 * and the RTP leg. Each step is idempotent (`NotFound` = done) and retried 200 ms doubling to 5 s for up to the
 * budget; hang-ups bypass the breaker. Steps 1-2 (agent session, pacer) belong to the application's session.
 */
export const runCleanupSaga = (ctx: CallContext, call: AriCall, budgetMs: number): SagaOutcome => {
  const deadline = ctx.monotonic() + budgetMs;
  let firstPstnAttempt: () => void = () => undefined;
  const pstnReleased = new Promise<void>((resolve) => (firstPstnAttempt = resolve));

  const step = async (name: string, action: () => Promise<void>, afterFirstAttempt?: () => void): Promise<boolean> => {
    let delay = ctx.settings.sagaBaseDelayMs;
    for (;;) {
      try {
        await action();
        return true;
      } catch (error) {
        if (isKind(error, 'NotFound')) return true;
        if (ctx.closing.aborted || ctx.monotonic() + delay > deadline) {
          ctx.logger.warn({ callId: call.callId, step: name, error: String(error) }, 'cleanup step left to the audits');
          return false;
        }
      } finally {
        afterFirstAttempt?.();
        afterFirstAttempt = undefined;
      }
      await pause(ctx.timers, delay, ctx.closing);
      delay = Math.min(delay * 2, ctx.settings.sagaMaxDelayMs);
    }
  };

  const hangupChannel = (id: string) => () => ctx.requests.once('channels.hangup', (rest) => rest.hangupChannel(id));

  const done = (async (): Promise<boolean> => {
    const { pstn, media, bridge } = call.ids;
    await call.originating;
    let complete = await step('pstn', hangupChannel(pstn), firstPstnAttempt);
    await call.settled();
    if (call.mediaRequested) complete = (await step('media', hangupChannel(media))) && complete;
    if (call.bridgeRequested) {
      const destroy = () => ctx.requests.once('bridges.destroy', (rest) => rest.destroyBridge(bridge));
      complete = (await step('bridge', destroy)) && complete;
    }
    try {
      call.leg?.release();
    } catch (error) {
      ctx.logger.warn({ callId: call.callId, error: String(error) }, 'RTP leg release failed');
    }
    call.leg = null;
    call.disarmAll();
    return complete;
  })();
  return { pstnReleased, done };
};
