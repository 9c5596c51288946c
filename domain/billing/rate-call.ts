import type { Call } from '../calls/call';

/**
 * Per-call rating (DOMAIN.md §9.1 RatePlan, §9.3.1), pure: runs inside the transaction that ends the call. Money is
 * in integer millicents (1/1000 of a US cent).
 */
export interface RatePlan {
  /** Charged per second; default 10,000 ($0.10 per minute). */
  readonly ratePerMinuteMillicents: number;
  /** Applies to every billable call; default 30. */
  readonly minimumBillableSeconds: number;
  /** When true, missed attempts (`no-answer`, `busy`, `failed`, `voicemail`) are charged the minimum. */
  readonly chargeUnansweredAttempts: boolean;
}

export const DEFAULT_RATE_PLAN: RatePlan = {
  ratePerMinuteMillicents: 10_000,
  minimumBillableSeconds: 30,
  chargeUnansweredAttempts: false,
};

export interface CallRating {
  readonly billable: boolean;
  readonly billableSeconds: number;
  readonly ratePerMinuteMillicents: number;
  readonly amountMillicents: number;
}

export type RatableCall = Pick<Call, 'status' | 'durationSeconds' | 'agentConnectedAt' | 'endReason'>;

const MISSED = new Set(['no-answer', 'busy', 'failed', 'voicemail']);

/** `round_half_up(billableSeconds × rate / 60)`, exact in integers for non-negative values. */
export const amountFor = (billableSeconds: number, ratePerMinuteMillicents: number): number =>
  Math.floor((billableSeconds * ratePerMinuteMillicents * 2 + 60) / 120);

/**
 * Billable: `completed` with the agent connected and not ended by `setup_timeout`; missed attempts only when the
 * plan charges them; `cancelled` and anything still running never. A completed call is charged
 * `max(duration, minimum)` seconds, a charged missed attempt the minimum.
 */
export const rateCall = (call: RatableCall, plan: RatePlan): CallRating => {
  const answeredAndLive =
    call.status === 'completed' && call.agentConnectedAt !== null && call.endReason !== 'setup_timeout';
  const chargedMiss = plan.chargeUnansweredAttempts && MISSED.has(call.status);
  const billableSeconds = answeredAndLive
    ? Math.max(call.durationSeconds, plan.minimumBillableSeconds)
    : chargedMiss
      ? plan.minimumBillableSeconds
      : 0;
  return {
    billable: billableSeconds > 0,
    billableSeconds,
    ratePerMinuteMillicents: plan.ratePerMinuteMillicents,
    amountMillicents: amountFor(billableSeconds, plan.ratePerMinuteMillicents),
  };
};
