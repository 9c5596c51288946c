import { PHRASE_LIMITS } from './emergency-phrase';
import { parsePattern, type Alternation, type Atom, type Sequence, type Term } from './pattern-syntax';

/**
 * The static half of the pattern check of DOMAIN.md §7.3.2 (the other half is the runtime probe, a port). A
 * pattern runs against every patient turn, so a pattern that can backtrack catastrophically would stall
 * detection for everyone: anything that might is refused, even at the price of refusing a few safe patterns.
 *
 * Backtracking explodes when the engine can match the same text in many ways. The checks find the shapes that
 * allow that:
 * - `nested_quantifier`: a repeated group whose body contains a quantifier (`(a+)+`, `(\w*)*`, `(a|b+)*`): the
 *   inner and outer loops can split a run of characters in exponentially many ways;
 * - `overlapping_alternation`: a repeated group with two alternatives that can start with the same character
 *   (`(a|a)*`, `(\w|\d)+`, `(a|ab)*`): each repetition can pick either branch;
 * - `overlapping_repetition`: two unbounded repetitions that can consume the same characters with only
 *   optional terms between them (`\w+\s*\w+`, `.*.*`): polynomial, but with 2,000-character turns it matters.
 * Besides: `\b`/`\B` (ASCII-only in JavaScript; boundaries are added from the phrase's `boundary`), back-references
 * (not regular, cannot be bounded), and patterns that match the empty string (they would match every turn).
 * "Repeated" means an upper bound above 1: `?` only makes a group optional and cannot multiply the ways.
 */
export type PatternProblem =
  | 'too_long'
  | 'does_not_compile'
  | 'word_boundary'
  | 'back_reference'
  | 'nested_quantifier'
  | 'overlapping_alternation'
  | 'overlapping_repetition'
  | 'matches_empty';

/** Characters every overlap test tries, besides those of the pattern itself. */
const SAMPLE_CHARACTERS = Array.from(
  'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 \t\n\u00a0.,;:!?\'"-_()[]{}<>/\\|@#$%^&*+=~`' +
    'áéíóúñüçàèìòùâêîôûäëïößœæåøłčšžğışțăąęėįųūАаЯяЖж的一我心痛助けمساعدةदिल',
);

const isRepeated = (term: Term): boolean => term.quantifier !== null && term.quantifier.max > 1;
const isUnbounded = (term: Term): boolean => term.quantifier !== null && term.quantifier.max === Infinity;

const walkTerms = (root: Alternation, visit: (term: Term) => void): void => {
  for (const sequence of root.alternatives) {
    for (const term of sequence) {
      visit(term);
      if (term.atom.kind === 'group' || term.atom.kind === 'lookaround') walkTerms(term.atom.body, visit);
    }
  }
};

const containsQuantifier = (body: Alternation): boolean => {
  let found = false;
  walkTerms(body, (term) => {
    if (term.quantifier !== null) found = true;
  });
  return found;
};

const atomNullable = (atom: Atom): boolean =>
  atom.kind === 'group' ? alternationNullable(atom.body) : atom.kind !== 'char' && atom.kind !== 'set';

const termNullable = (term: Term): boolean => (term.quantifier?.min ?? 1) === 0 || atomNullable(term.atom);
const sequenceNullable = (sequence: Sequence): boolean => sequence.every(termNullable);
const alternationNullable = (body: Alternation): boolean => body.alternatives.some(sequenceNullable);

/** Sources of one-character patterns: the characters a term can start with. */
const firstOfAtom = (atom: Atom): string[] => {
  if (atom.kind === 'char' || atom.kind === 'set') return [atom.source];
  if (atom.kind === 'group') return atom.body.alternatives.flatMap(firstOfSequence);
  return [];
};

const firstOfSequence = (sequence: Sequence): string[] => {
  const first: string[] = [];
  for (const term of sequence) {
    first.push(...firstOfAtom(term.atom));
    if (!termNullable(term)) break;
  }
  return first;
};

/** Every character a term can consume anywhere in its match. */
const allOfAtom = (atom: Atom): string[] => {
  if (atom.kind === 'char' || atom.kind === 'set') return [atom.source];
  if (atom.kind === 'group') return atom.body.alternatives.flatMap((s) => s.flatMap((t) => allOfAtom(t.atom)));
  return [];
};

/** Decides whether two one-character patterns share a character, by trying concrete characters. */
class OverlapTester {
  private readonly compiled = new Map<string, RegExp>();
  private readonly probes: readonly string[];

  constructor(pattern: string) {
    this.probes = [...new Set([...Array.from(pattern), ...SAMPLE_CHARACTERS])];
  }

  private matcher(source: string): RegExp {
    let re = this.compiled.get(source);
    if (re === undefined) {
      re = new RegExp(`^(?:${source})$`, 'iu');
      this.compiled.set(source, re);
    }
    return re;
  }

  overlap(a: readonly string[], b: readonly string[]): boolean {
    for (const x of a) {
      for (const y of b) {
        const rx = this.matcher(x);
        const ry = this.matcher(y);
        if (this.probes.some((c) => rx.test(c) && ry.test(c))) return true;
      }
    }
    return false;
  }
}

/** The alternatives a repeated group chooses between, looking through groups that only wrap another group. */
const alternativesOf = (body: Alternation): readonly Sequence[] => {
  const only = body.alternatives.length === 1 ? body.alternatives[0] : undefined;
  const single = only !== undefined && only.length === 1 ? only[0] : undefined;
  if (single !== undefined && single.quantifier === null && single.atom.kind === 'group') {
    return alternativesOf(single.atom.body);
  }
  return body.alternatives;
};

const hasOverlappingAlternatives = (body: Alternation, tester: OverlapTester): boolean => {
  const firsts = alternativesOf(body).map(firstOfSequence);
  for (let i = 0; i < firsts.length; i += 1) {
    for (let j = i + 1; j < firsts.length; j += 1) {
      if (tester.overlap(firsts[i] ?? [], firsts[j] ?? [])) return true;
    }
  }
  return false;
};

const hasOverlappingNeighbours = (sequence: Sequence, tester: OverlapTester): boolean => {
  for (let i = 0; i < sequence.length; i += 1) {
    const left = sequence[i];
    if (left === undefined || !isUnbounded(left)) continue;
    for (let j = i + 1; j < sequence.length; j += 1) {
      const right = sequence[j];
      if (right === undefined) break;
      if (isUnbounded(right) && tester.overlap(allOfAtom(left.atom), allOfAtom(right.atom))) return true;
      if (!termNullable(right)) break;
    }
  }
  return false;
};

const structuralProblem = (root: Alternation, tester: OverlapTester): PatternProblem | null => {
  let problem: PatternProblem | null = null;
  const note = (found: PatternProblem) => {
    problem ??= found;
  };
  const visitSequences = (body: Alternation): void => {
    for (const sequence of body.alternatives) {
      if (hasOverlappingNeighbours(sequence, tester)) note('overlapping_repetition');
      for (const term of sequence) {
        if (term.atom.kind === 'group' || term.atom.kind === 'lookaround') visitSequences(term.atom.body);
      }
    }
  };
  walkTerms(root, (term) => {
    const { atom } = term;
    if (atom.kind === 'wordBoundary') note('word_boundary');
    if (atom.kind === 'backReference') note('back_reference');
    if (atom.kind === 'group' && isRepeated(term)) {
      if (containsQuantifier(atom.body)) note('nested_quantifier');
      else if (hasOverlappingAlternatives(atom.body, tester)) note('overlapping_alternation');
    }
  });
  visitSequences(root);
  return problem;
};

/** The first reason to refuse `pattern`, or null when it is acceptable (DOMAIN.md §7.3.2, static part). */
export const patternProblem = (pattern: string): PatternProblem | null => {
  if (pattern.length > PHRASE_LIMITS.patternMax) return 'too_long';
  let compiled: RegExp;
  let root: Alternation;
  try {
    compiled = new RegExp(pattern, 'iu');
    root = parsePattern(pattern);
  } catch {
    return 'does_not_compile';
  }
  const structural = structuralProblem(root, new OverlapTester(pattern));
  if (structural !== null) return structural;
  if (alternationNullable(root) || compiled.test('')) return 'matches_empty';
  return null;
};
