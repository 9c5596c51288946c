import fc from 'fast-check';
import { compilePattern } from '../../../domain/emergencies/compiled-phrase';
import { patternProblem } from '../../../domain/emergencies/pattern-safety';
import { adversarialInputs, PROBE_LENGTH } from '../../../domain/emergencies/pattern-probes';
import { SEED_PHRASES } from '../../../domain/emergencies/seed-phrases';

/** DOMAIN.md §7.3.2, static part: which patterns are refused, and why. */
describe('pattern safety check', () => {
  it.each([
    ['(a+)+', 'nested_quantifier'],
    ['(\\w*)*', 'nested_quantifier'],
    ['(a|b+)*', 'nested_quantifier'],
    ['(?:x\\s?)+', 'nested_quantifier'],
    ['(?:(?:ab)+c){2,}', 'nested_quantifier'],
    ['(a|a)*', 'overlapping_alternation'],
    ['(\\w|\\d)+', 'overlapping_alternation'],
    ['(a|ab)*', 'overlapping_alternation'],
    ['(?:A|a){1,20}', 'overlapping_alternation'],
    ['((x|x))+', 'overlapping_alternation'],
    ['\\w+\\s*\\w+', 'overlapping_repetition'],
    ['.*.*x', 'overlapping_repetition'],
    ['a+[a-c]+', 'overlapping_repetition'],
    ['\\bhelp', 'word_boundary'],
    ['help\\B', 'word_boundary'],
    ['(a)\\1', 'back_reference'],
    ['(?<x>a)\\k<x>', 'back_reference'],
    ['a?', 'matches_empty'],
    ['x|', 'matches_empty'],
    ['(?=help)', 'matches_empty'],
    ['(?:)', 'matches_empty'],
    ['[', 'does_not_compile'],
    ['(unclosed', 'does_not_compile'],
    ['a{', 'does_not_compile'],
    ['\\p{NoSuchProperty}', 'does_not_compile'],
  ])('refuses %j (%s)', (pattern, problem) => {
    expect(patternProblem(pattern)).toBe(problem);
  });

  it.each([
    'help me',
    "(?:can't|cannot|can not) breathe",
    'chest (?:pains?|pressure)',
    'heart ?attack',
    '(?:very |really )*bad',
    '(?:ab){2}',
    'x{2,3}',
    'me ca[ií]',
    '(?<!不)想死',
    '[\\p{L}]+ fell',
    'call 9-?1-?1',
  ])('accepts %j', (pattern) => {
    expect(patternProblem(pattern)).toBeNull();
  });

  it('accepts up to 500 characters and refuses longer patterns', () => {
    expect(patternProblem('x'.repeat(500))).toBeNull();
    expect(patternProblem('x'.repeat(501))).toBe('too_long');
  });

  it('refuses any quantified group around a quantified atom, whatever the atom', () => {
    const atom = fc.constantFrom('a', '\\w', '\\d', '[a-z]', '.', 'é', '\\p{L}');
    const inner = fc.constantFrom('+', '*', '{1,3}', '?');
    const outer = fc.constantFrom('+', '*', '{2,}', '{1,9}');
    fc.assert(
      fc.property(atom, inner, outer, fc.boolean(), (a, i, o, capturing) => {
        const pattern = `(${capturing ? '' : '?:'}${a}${i})${o}`;
        expect(patternProblem(pattern)).toBe('nested_quantifier');
      }),
    );
  });

  it('accepts any non-empty literal text once its metacharacters are escaped', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 80 }), (text) => {
        // The syntax characters of `u` mode; `u` mode refuses escapes of anything else (`\-` included).
        const escaped = text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
        expect(patternProblem(escaped)).toBeNull();
        expect(compilePattern(escaped, 'none').test(text)).toBe(true);
      }),
    );
  });

  it('every seeded pattern passes the check and compiles with both boundaries', () => {
    const seeds = Object.values(SEED_PHRASES).flat();
    expect(seeds.length).toBeGreaterThan(100);
    for (const seed of seeds) {
      expect({ label: seed.label, problem: patternProblem(seed.pattern) }).toEqual({
        label: seed.label,
        problem: null,
      });
      expect(() => compilePattern(seed.pattern, 'word')).not.toThrow();
    }
  });

  it('builds 10,000-character probes ending in a character no phrase expects', () => {
    const probes = adversarialInputs('chest (?:pain|pressure)');
    expect(probes.length).toBeGreaterThanOrEqual(4);
    for (const probe of probes) {
      expect(probe).toHaveLength(PROBE_LENGTH);
      expect(probe.endsWith('\u0000')).toBe(true);
    }
    expect(probes).toContain('c'.repeat(PROBE_LENGTH - 1) + '\u0000');
  });
});
