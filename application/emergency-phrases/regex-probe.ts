/**
 * The runtime half of the pattern check (DOMAIN.md §7.3.2 `RegexProbe`): runs a compiled pattern against
 * adversarial text, isolated and under a time limit, so a pattern the static check let through but that still
 * backtracks badly is refused before any patient turn meets it.
 */
export interface RegexProbeOutcome {
  /** True when every probe finished within the limit. */
  readonly ok: boolean;
  /** The slowest probe, in milliseconds (the limit when one was cut off). */
  readonly slowestMs: number;
}

export interface RegexProbe {
  /** Runs `source` (flags `flags`) against each of `inputs`, each within `limitMs`. */
  run(source: string, flags: string, inputs: readonly string[], limitMs: number): Promise<RegexProbeOutcome>;
}

/** For profiles without an isolated runner: the static check alone decides. */
export class NoRegexProbe implements RegexProbe {
  run(): Promise<RegexProbeOutcome> {
    return Promise.resolve({ ok: true, slowestMs: 0 });
  }
}
