import { DEFAULT_RATE_PLAN, type RatePlan } from '../../domain/billing/rate-call';
import type { TelephonyProviderName } from '../../domain/calls/call';
import { DEFAULT_CALL_TIMING, type CallTimingRules } from '../../domain/calls/call-deadlines';

/** The calls context's settings (DOMAIN.md §5.3, §9.1, VOICE.md Appendix A/B), bound once from configuration. */
export interface CallSettings {
  readonly timing: CallTimingRules;
  /** Calls `dialing`, `ringing` or `in-progress` at once; the rest wait `queued` (default 50). */
  readonly maxConcurrentCalls: number;
  readonly ratePlan: RatePlan;
  readonly telephonyProvider: TelephonyProviderName;
  /** After the agent's `end_call`, the line is hung up this much later (VOICE.md §1.5: 400 ms). */
  readonly hangupAfterGoodbyeMs: number;
  /** A scheduled occurrence processed later than this is skipped (DOMAIN.md §4.3.4: 60 min). */
  readonly scheduleLateMs: number;
}

export const DEFAULT_CALL_SETTINGS: CallSettings = {
  timing: DEFAULT_CALL_TIMING,
  maxConcurrentCalls: 50,
  ratePlan: DEFAULT_RATE_PLAN,
  telephonyProvider: 'simulated',
  hangupAfterGoodbyeMs: 400,
  scheduleLateMs: 60 * 60_000,
};
