import type { PlaceCallResult } from '../../../application/ports/telephony';
import type { AriCall } from './ari-call';
import type { CallContext } from './ari-call-context';
import { isKind, isTransportFailure } from './ari-errors';
import { dialString } from './ari-ids';
import type { OriginateRequest } from './ari-rest';

export interface OriginateOutcome {
  readonly result: PlaceCallResult;
  /** A refused originate may still have created the channel: the cleanup saga must make sure it is gone. */
  readonly maybeCreated: boolean;
}

const refused = (reason: string, maybeCreated: boolean): OriginateOutcome => ({
  result: { accepted: false, reason },
  maybeCreated,
});

const accepted: OriginateOutcome = { result: { accepted: true }, maybeCreated: true };

/**
 * `originate` into our Stasis app (VOICE.md §2.4, §7.2). It is never retried blindly, which could ring the patient
 * twice: after an uncertain failure we ask for our channel id first, and only if Asterisk does not know it do we
 * try once more with the same id (a `Conflict` then means the first request did create it).
 */
export const originateCall = async (ctx: CallContext, call: AriCall, to: string): Promise<OriginateOutcome> => {
  const { app, dialTemplate, callerId, ringTimeoutS } = ctx.settings;
  const request: OriginateRequest = {
    channelId: call.ids.pstn,
    endpoint: dialString(dialTemplate, to),
    app,
    appArgs: `dialed,${call.callId}`,
    callerId,
    timeoutS: ringTimeoutS,
    variables: { BIANCA_CALL_ID: call.callId, BIANCA_ROLE: 'pstn', BIANCA_APP: app, BIANCA_LANG: call.language },
  };
  const originate = () => ctx.requests.guarded('channels.originate', (rest) => rest.originate(request));

  try {
    await originate();
    return accepted;
  } catch (error) {
    // Refused before it was sent (breaker open, no connection): nothing can exist on Asterisk.
    if (isKind(error, 'Unavailable')) return refused('telephony-unavailable', false);
    if (isKind(error, 'Conflict')) return refused('channel-id-in-use', false);
    if (!isTransportFailure(error)) return refused('provider-error', false);
    // Connection lost meanwhile: no probe can be trusted now; the saga makes sure no channel is left behind.
    if (!ctx.connected()) return refused('telephony-unavailable', true);
    ctx.logger.warn({ callId: call.callId, error: String(error) }, 'originate uncertain; probing our channel id');
  }
  // From here on the first request may still create the channel, even late: every refusal needs the saga.
  try {
    await ctx.requests.read('channels.get', (rest) => rest.getChannel(call.ids.pstn));
    return accepted;
  } catch (error) {
    if (!isKind(error, 'NotFound')) return refused('provider-error', true);
  }
  try {
    await originate();
    return accepted;
  } catch (error) {
    if (isKind(error, 'Conflict')) return accepted;
    return refused('provider-error', true);
  }
};
