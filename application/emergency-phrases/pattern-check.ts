import { compiledSource } from '../../domain/emergencies/compiled-phrase';
import type { Boundary } from '../../domain/emergencies/emergency-phrase';
import { patternProblem } from '../../domain/emergencies/pattern-safety';
import { adversarialInputs } from '../../domain/emergencies/pattern-probes';
import { invalidPattern } from './emergency-phrase-errors';
import type { RegexProbe } from './regex-probe';

/** A pattern slower than this on any 10,000-character probe is refused (DOMAIN.md §7.3.2). */
export const PROBE_LIMIT_MS = 50;

/**
 * Refuses a pattern with 400 `Invalid pattern` unless it passes the static check and then runs, in its compiled
 * form (with the phrase's boundary), within the limit on every adversarial probe.
 */
export const checkPattern = async (probe: RegexProbe, pattern: string, boundary: Boundary): Promise<void> => {
  const problem = patternProblem(pattern);
  if (problem !== null) throw invalidPattern(problem);
  const outcome = await probe.run(compiledSource(pattern, boundary), 'iu', adversarialInputs(pattern), PROBE_LIMIT_MS);
  if (!outcome.ok) throw invalidPattern('slow_on_probe');
};
