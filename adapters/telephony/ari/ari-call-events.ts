import type { AriCall } from './ari-call';
import type { CallContext } from './ari-call-context';
import { declareAnswered, endSignal, loseCall, markRinging } from './ari-call-signals';
import { isFinalDialStatus, isRingingDialStatus, mapAmdResult } from './ari-dial-outcome';
import { isKind } from './ari-errors';
import type { AriEvent } from './ari-event';
import { setUpMedia } from './ari-media-setup';

/**
 * The per-call reducer for ARI events (VOICE.md §2.5-§2.7). It never awaits: it updates the call, decides, and
 * queues requests on the call. Every path is idempotent, so duplicated or reordered events (a `StasisEnd` before
 * the `ChannelHangupRequest`, a `ChannelDestroyed` alone) end in one single final event.
 */
export const handleCallEvent = (ctx: CallContext, call: AriCall, subjectId: string, event: AriEvent): void => {
  if (call.phase === 'ended') return;
  if (subjectId === call.ids.pstn) return onPatientChannel(ctx, call, event);
  if (subjectId === call.ids.media) return onMediaChannel(ctx, call, event);
  if (subjectId === call.ids.apology && event.type === 'PlaybackFinished') return call.apologyPlayed?.();
  ctx.logger.debug({ callId: call.callId, type: event.type }, 'ARI event for a call object, nothing to do');
};

const onPatientChannel = (ctx: CallContext, call: AriCall, event: AriEvent): void => {
  switch (event.type) {
    case 'ChannelStateChange':
      if (event.channel?.state === 'Ringing') markRinging(ctx, call);
      return;
    case 'Dial':
      if (event.dialStatus === null || call.answered) return;
      if (isRingingDialStatus(event.dialStatus)) return markRinging(ctx, call);
      if (isFinalDialStatus(event.dialStatus)) {
        call.dialStatus = event.dialStatus;
        // The hang-up events carry the cause; if they never come, the status alone decides.
        call.arm(ctx.timers, 'dialFinal', ctx.settings.dialFinalGuardMs, () => endSignal(ctx, call));
      }
      return;
    case 'StasisStart':
      return onStasisStart(ctx, call, event.args);
    case 'StasisEnd':
      if (call.continuing) {
        call.continuing = false;
        return;
      }
      if (call.answered) endSignal(ctx, call);
      return;
    case 'ChannelHangupRequest':
    case 'ChannelDestroyed':
      if (event.cause !== null) call.cause = event.cause;
      if (event.causeText !== null) call.causeText = event.causeText;
      return endSignal(ctx, call);
    case 'ChannelDtmfReceived':
      ctx.logger.debug({ callId: call.callId, digit: event.digit }, 'DTMF received (ignored)');
      return;
    default:
      return;
  }
};

const onMediaChannel = (ctx: CallContext, call: AriCall, event: AriEvent): void => {
  if (event.type !== 'ChannelDestroyed' || call.finished) return;
  // Asterisk closed our media channel while the call still runs: the audio path is gone.
  ctx.logger.warn({ callId: call.callId, cause: event.cause }, 'media channel destroyed mid-call');
  loseCall(ctx, call);
};

const onStasisStart = (ctx: CallContext, call: AriCall, args: readonly string[]): void => {
  if (call.finished) return;
  if (args[0] === 'dialed') {
    if (call.answered || call.phase === 'amd') return;
    if (!ctx.settings.amd) {
      declareAnswered(ctx, call, 'unknown');
      return setUpMedia(ctx, call);
    }
    call.phase = 'amd';
    call.continuing = true;
    call.arm(ctx.timers, 'amdGuard', ctx.settings.amdGuardMs, () => probeAfterAmd(ctx, call));
    void call.enqueue(() => startAmd(ctx, call));
    return;
  }
  if (args[0] === 'amd' && !call.answered) {
    call.disarm('amdGuard');
    call.continuing = false;
    const status = args[2] ?? 'NOTSURE';
    const cause = args[3] ?? '';
    const by = mapAmdResult(status, cause);
    declareAnswered(ctx, call, by, { status, cause });
    if (by !== 'machine') setUpMedia(ctx, call);
  }
};

const startAmd = async (ctx: CallContext, call: AriCall): Promise<void> => {
  try {
    await ctx.requests.once('channels.continueInDialplan', (rest) =>
      rest.continueInDialplan(call.ids.pstn, 'bianca-amd'),
    );
  } catch (error) {
    // NotFound / NotInStasis: the callee hung up; its hang-up events (or the AMD guard's probe) end the call.
    if (!isKind(error, 'NotFound', 'NotInStasis')) {
      ctx.logger.warn({ callId: call.callId, error: String(error) }, 'continue to AMD failed; probing the channel');
      probeAfterAmd(ctx, call);
    }
  }
};

/** No AMD verdict (or an uncertain `continue`): ask Asterisk where the channel is (VOICE.md §2.7 step 2). */
const probeAfterAmd = (ctx: CallContext, call: AriCall): void => {
  call.disarm('amdGuard');
  void call.enqueue(async () => {
    if (call.answered || call.finished) return;
    try {
      await ctx.requests.read('channels.get', (rest) => rest.getChannel(call.ids.pstn));
    } catch (error) {
      if (isKind(error, 'NotFound')) return endSignal(ctx, call);
      ctx.logger.warn({ callId: call.callId, error: String(error) }, 'AMD probe failed; treating as answered');
    }
    if (call.answered || call.finished) return;
    call.continuing = false;
    declareAnswered(ctx, call, 'unknown');
    setUpMedia(ctx, call);
  });
};
