import type { Logger } from '../../../application/ports/logger';
import type { TelephonyEvent } from '../../../application/ports/telephony';
import type { RtpMediaFactory } from '../rtp/rtp-media-factory';
import type { AriCall } from './ari-call';
import type { AriTelephonySettings } from './ari-options';
import type { AriRequests } from './ari-requests';
import type { AriTimers } from './ari-timers';

/** What the per-call logic (events, media set-up, saga, reconciliation) needs from `AriTelephony`. */
export interface CallContext {
  readonly settings: AriTelephonySettings;
  readonly requests: AriRequests;
  readonly timers: AriTimers;
  readonly logger: Logger;
  readonly media: RtpMediaFactory;
  /** Aborted when `close()` starts: saga retries stop waiting. */
  readonly closing: AbortSignal;
  /** The event socket is up and reconciled: a failed request can be followed by a probe. */
  connected(): boolean;
  /** Wall clock, for the `at` of events. */
  now(): Date;
  /** Monotonic milliseconds, for durations. */
  monotonic(): number;
  emit(call: AriCall, event: TelephonyEvent): void;
  /** Maps an Asterisk object id to the call, before the request that creates the object. */
  register(id: string, call: AriCall): void;
  /** Starts the cleanup saga once; resolves when its first attempt to hang up the patient's channel is over. */
  finish(call: AriCall): Promise<void>;
}
