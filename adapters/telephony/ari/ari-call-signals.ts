import type { AriCall } from './ari-call';
import type { CallContext } from './ari-call-context';
import { mapDialOutcome, type AnsweredBy } from './ari-dial-outcome';

/** The events a call emits, each at most once; after a final one the cleanup saga starts. */

export const markRinging = (ctx: CallContext, call: AriCall): void => {
  if (call.ringing || call.answered || call.finished) return;
  call.ringing = true;
  if (call.phase === 'dialing') call.phase = 'ringing';
  ctx.emit(call, { type: 'ringing', callId: call.callId, at: ctx.now() });
};

export const declareAnswered = (
  ctx: CallContext,
  call: AriCall,
  by: AnsweredBy,
  amd?: { status: string; cause: string },
): void => {
  if (call.answered || call.finished) return;
  call.answered = true;
  call.phase = 'answered';
  call.disarm('dialFinal');
  const at = ctx.now();
  ctx.emit(
    call,
    amd === undefined
      ? { type: 'answered', callId: call.callId, by, at }
      : { type: 'answered', callId: call.callId, by, amd, at },
  );
};

/** The first hang-up signal for the patient's channel: one final event, then the cleanup saga. */
export const endSignal = (ctx: CallContext, call: AriCall): void => {
  call.disarm('dialFinal');
  if (call.finished) return;
  const at = ctx.now();
  if (!call.answered && call.phase === 'amd') {
    // Hung up during the analysis: answered by an unknown party, then the hang-up (not billable, no agent).
    declareAnswered(ctx, call, 'unknown');
    ctx.emit(call, { type: 'hungUp', callId: call.callId, ...(call.cause === null ? {} : { cause: call.cause }), at });
  } else if (!call.answered) {
    const mapped = mapDialOutcome({
      dialStatus: call.dialStatus,
      cause: call.cause,
      causeText: call.causeText,
      elapsedMs: ctx.monotonic() - call.dialedAtMs,
      ringTimeoutMs: call.ringTimeoutMs,
    });
    ctx.emit(call, { type: 'dialFailed', callId: call.callId, ...mapped, at });
  } else {
    ctx.emit(call, { type: 'hungUp', callId: call.callId, ...(call.cause === null ? {} : { cause: call.cause }), at });
  }
  call.finished = true;
  void ctx.finish(call);
};

/** Asterisk no longer holds the call (media lost, leg missing after a reconnect): `legLost`, then the saga. */
export const loseCall = (ctx: CallContext, call: AriCall): void => {
  if (call.finished) return;
  ctx.emit(call, { type: 'legLost', callId: call.callId, at: ctx.now() });
  call.finished = true;
  void ctx.finish(call);
};
