import type { Call } from './call';

/**
 * The call's deadlines (DOMAIN.md §5.3, VOICE.md §1.4), computed from its own timestamps; the application arms
 * timers for them and re-arms after every transition. All values are settings (milliseconds).
 */
export interface CallTimingRules {
  /** A call still queued after this fails (`queue_timeout`). */
  readonly queueTimeoutMs: number;
  /** From `dialingAt`: we hang up, `no-answer` (`ring_timeout`). */
  readonly ringTimeoutMs: number;
  /** From `answeredAt` without `agentConnectedAt`: `setup_timeout` (not billable). */
  readonly setupTimeoutMs: number;
  /** From `answeredAt`: goodbye, then hang up (`max_duration`). */
  readonly maxDurationMs: number;
  /** Before the maximum: the agent is told to start closing. */
  readonly wrapUpLeadMs: number;
  /** From the last patient speech (or the agent connecting): check whether the patient is still there. */
  readonly silenceCheckInMs: number;
  /** Same origin: goodbye, then hang up (`silence_timeout`). */
  readonly silenceHangupMs: number;
  /** A goodbye that has not ended the call after this is cut short (RESOLUTIONS.md 8: at most 10 s). */
  readonly goodbyeLimitMs: number;
}

export const DEFAULT_CALL_TIMING: CallTimingRules = {
  queueTimeoutMs: 10 * 60_000,
  ringTimeoutMs: 30_000,
  setupTimeoutMs: 8_000,
  maxDurationMs: 30 * 60_000,
  wrapUpLeadMs: 60_000,
  silenceCheckInMs: 60_000,
  silenceHangupMs: 90_000,
  goodbyeLimitMs: 10_000,
};

/** Deadlines before the call is live: the dialling side arms these. */
export type SetupDeadline = 'queue' | 'ring' | 'setup';
/** Deadlines of a live call: its session arms these. */
export type LiveDeadline = 'wrapUp' | 'maxDuration' | 'silenceCheckIn' | 'silenceHangup';
export type CallDeadline = SetupDeadline | LiveDeadline;

const plus = (at: Date, ms: number): Date => new Date(at.getTime() + ms);

/** The set-up deadlines that apply in the call's current status (none once it is live or terminal). */
export const setupDeadlinesOf = (call: Call, rules: CallTimingRules): Partial<Record<SetupDeadline, Date>> => {
  switch (call.status) {
    case 'queued':
      return { queue: plus(call.queuedAt, rules.queueTimeoutMs) };
    case 'dialing':
    case 'ringing':
      return call.dialingAt === null ? {} : { ring: plus(call.dialingAt, rules.ringTimeoutMs) };
    case 'in-progress':
      return call.answeredAt === null || call.agentConnectedAt !== null
        ? {}
        : { setup: plus(call.answeredAt, rules.setupTimeoutMs) };
    default:
      return {};
  }
};

/** What the live deadlines are computed from; `lastPatientSpeechAt` is the session's freshest knowledge. */
export interface LiveTimes {
  readonly answeredAt: Date;
  readonly agentConnectedAt: Date;
  readonly lastPatientSpeechAt: Date | null;
}

/**
 * Wrap-up and maximum count from the answer; both silence deadlines from the later of the agent connecting and
 * the patient's last speech. A wrap-up lead longer than the maximum puts the wrap-up at the answer.
 */
export const liveDeadlinesOf = (times: LiveTimes, rules: CallTimingRules): Record<LiveDeadline, Date> => {
  const origin =
    times.lastPatientSpeechAt !== null && times.lastPatientSpeechAt > times.agentConnectedAt
      ? times.lastPatientSpeechAt
      : times.agentConnectedAt;
  return {
    wrapUp: plus(times.answeredAt, Math.max(0, rules.maxDurationMs - rules.wrapUpLeadMs)),
    maxDuration: plus(times.answeredAt, rules.maxDurationMs),
    silenceCheckIn: plus(origin, rules.silenceCheckInMs),
    silenceHangup: plus(origin, rules.silenceHangupMs),
  };
};
