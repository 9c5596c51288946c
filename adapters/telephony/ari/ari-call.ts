import type { TelephonyEvent } from '../../../application/ports/telephony';
import type { RtpLeg } from '../rtp/rtp-media-factory';
import { objectIdsFor, type CallObjectIds } from './ari-ids';
import type { AriTimers, CancelTimer } from './ari-timers';

/**
 * `dialing` → `ringing` → (`amd`) → `answered` → `settingUp` → `live`; `ended` once the cleanup saga has begun.
 * A machine answer stays `answered` (no media is set up for it).
 */
export type CallPhase = 'dialing' | 'ringing' | 'amd' | 'answered' | 'settingUp' | 'live' | 'ended';

type CallTimerName = 'dialFinal' | 'amdGuard' | 'apology';

/** What the adapter knows about one call; created before the originate, dropped when its saga completes. */
export class AriCall {
  readonly ids: CallObjectIds;
  phase: CallPhase = 'dialing';
  /** `placeCall` answered `accepted`: events are emitted from then on (earlier ones wait in `buffered`). */
  accepted = false;
  readonly buffered: TelephonyEvent[] = [];
  ringing = false;
  answered = false;
  /** A final event went out (dialFailed, hungUp, legLost) or we ended the call: nothing more is emitted. */
  finished = false;
  endedByUs = false;
  /** We sent `continue`: the `StasisEnd` that follows is not a hang-up. */
  continuing = false;
  dialStatus: string | null = null;
  cause: number | null = null;
  causeText: string | null = null;
  /** A create request was sent (whatever its answer): the saga must remove the object. */
  mediaRequested = false;
  bridgeRequested = false;
  leg: RtpLeg | null = null;
  apologyPlayed: (() => void) | null = null;
  /** The originate request, settled or not: the saga hangs up only after it, so it cannot create a leftover. */
  originating: Promise<unknown> = Promise.resolve();
  /** Settles once the saga's first attempt to hang up the patient's channel is over. */
  pstnReleased: Promise<void> | null = null;
  private queue: Promise<void> = Promise.resolve();
  private readonly timers = new Map<CallTimerName, CancelTimer>();

  constructor(
    readonly callId: string,
    readonly language: string,
    readonly dialedAtMs: number,
    readonly ringTimeoutMs: number,
  ) {
    this.ids = objectIdsFor(callId);
  }

  /** Side effects of one call run one after another, in decision order (VOICE.md §0.4). */
  enqueue(task: () => Promise<void>): Promise<void> {
    const run = this.queue.then(task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Resolves when every task queued so far has finished. */
  settled(): Promise<void> {
    return this.queue;
  }

  arm(timers: AriTimers, name: CallTimerName, ms: number, action: () => void): void {
    this.disarm(name);
    this.timers.set(
      name,
      timers.after(ms, () => {
        this.timers.delete(name);
        action();
      }),
    );
  }

  disarm(name: CallTimerName): void {
    this.timers.get(name)?.();
    this.timers.delete(name);
  }

  disarmAll(): void {
    for (const cancel of this.timers.values()) cancel();
    this.timers.clear();
  }
}
