import type { DialOutcome } from '../../../application/ports/telephony';

/**
 * The pure mappings of VOICE.md §2.6 (how an unanswered attempt ended) and §2.7 (what AMD said). Calls we ended
 * ourselves never reach them: the application already knows why it hung up.
 */

/** `Dial` statuses that end an attempt (RINGING, PROGRESS and ANSWER do not). */
const FINAL_DIAL_STATUSES = new Set(['BUSY', 'NOANSWER', 'CHANUNAVAIL', 'CONGESTION', 'CANCEL']);

export const isFinalDialStatus = (status: string): boolean => FINAL_DIAL_STATUSES.has(status);

export const isRingingDialStatus = (status: string): boolean => status === 'RINGING' || status === 'PROGRESS';

export interface DialSignals {
  /** The last final `Dial` status seen, if any. */
  readonly dialStatus: string | null;
  /** The Q.850 cause of `ChannelHangupRequest` / `ChannelDestroyed`, if one arrived. */
  readonly cause: number | null;
  readonly causeText: string | null;
  /** Time since the originate was accepted, and the ring time we asked Asterisk for. */
  readonly elapsedMs: number;
  readonly ringTimeoutMs: number;
}

export interface MappedDialOutcome {
  readonly outcome: DialOutcome;
  /** Cause number and text (or the Dial status): no PHI. */
  readonly failureCode?: string;
}

const BUSY_CAUSES = new Set([17, 21]);
const NO_ANSWER_CAUSES = new Set([18, 19]);
const CLEARING_CAUSES = new Set([0, 16]);

const failureCodeOf = (signals: DialSignals): string | undefined => {
  if (signals.cause !== null) {
    const text = signals.causeText === null || signals.causeText === '' ? '' : ` ${signals.causeText}`;
    return `q850:${signals.cause}${text}`;
  }
  return signals.dialStatus === null ? undefined : `dial:${signals.dialStatus}`;
};

export const mapDialOutcome = (signals: DialSignals): MappedDialOutcome => {
  const failureCode = failureCodeOf(signals);
  const withCode = (outcome: DialOutcome): MappedDialOutcome =>
    failureCode === undefined ? { outcome } : { outcome, failureCode };
  const { dialStatus, cause } = signals;
  if (dialStatus === 'BUSY' || (cause !== null && BUSY_CAUSES.has(cause))) return withCode('busy');
  if (dialStatus === 'NOANSWER' || (cause !== null && NO_ANSWER_CAUSES.has(cause))) return withCode('no-answer');
  if (cause !== null && CLEARING_CAUSES.has(cause) && signals.elapsedMs >= signals.ringTimeoutMs - 1000) {
    return withCode('no-answer');
  }
  return withCode('failed');
};

export type AnsweredBy = 'human' | 'machine' | 'unknown';

const MACHINE_CAUSES = new Set(['LONGGREETING', 'MAXWORDS', 'MAXWORDLENGTH']);

/**
 * `AMDSTATUS` / `AMDCAUSE` (e.g. `MACHINE`, `LONGGREETING-2500-2500`) to who answered. A machine by initial
 * silence is `unknown`: older people often pick up and wait silently, and the agent greeting them is harmless.
 */
export const mapAmdResult = (status: string, cause: string): AnsweredBy => {
  const reason = cause.split('-')[0]?.toUpperCase() ?? '';
  switch (status.toUpperCase()) {
    case 'HUMAN':
      return 'human';
    case 'MACHINE':
      return MACHINE_CAUSES.has(reason) ? 'machine' : 'unknown';
    default:
      return 'unknown';
  }
};
