/**
 * Timers for the call pipeline (VOICE.md §1.4): call deadlines, the simulated line's progression and the scripted
 * agent's pacing. Virtualisable: tests drive a fake on a hand-moved clock, so a 30-minute call runs in
 * milliseconds. A timer fires at most once; cancelling a fired or cancelled timer does nothing.
 */
export interface TimerHandle {
  cancel(): void;
}

export interface CallTimers {
  /** Runs `fire` once at `when` (at the next turn when `when` is already past). */
  at(when: Date, fire: () => void): TimerHandle;
  /** Runs `fire` once after `delayMs`. */
  after(delayMs: number, fire: () => void): TimerHandle;
  /** Timers armed and neither fired nor cancelled: the leak audit compares it with the live calls (§7.8). */
  pending(): number;
}
