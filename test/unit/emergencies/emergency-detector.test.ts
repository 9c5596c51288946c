import fc from 'fast-check';
import { compilePhrase, type CompiledPhrase } from '../../../domain/emergencies/compiled-phrase';
import {
  compareMatches,
  confidenceOf,
  detectEmergency,
  dryRunResultOf,
} from '../../../domain/emergencies/emergency-detector';
import {
  CATEGORIES,
  createEmergencyPhrase,
  SEVERITIES,
  type Boundary,
  type Category,
  type Severity,
} from '../../../domain/emergencies/emergency-phrase';
import { chunksOf, normaliseUtterance } from '../../../domain/emergencies/text-normalisation';

/** DOMAIN.md §7.3.1-§7.3.6: normalisation, matching, boundaries and the decision among matches. */
let counter = 0;
const phrase = (
  pattern: string,
  severity: Severity = 'HIGH',
  category: Category = 'Medical',
  fields: { id?: string; boundary?: Boundary } = {},
): CompiledPhrase => {
  counter += 1;
  return compilePhrase(
    createEmergencyPhrase({
      id: fields.id ?? counter.toString(16).padStart(24, '0'),
      scope: 'global',
      orgId: null,
      label: pattern,
      language: 'en',
      severity,
      category,
      pattern,
      ...(fields.boundary === undefined ? {} : { boundary: fields.boundary }),
      author: 'system',
      now: new Date(0),
    }),
  )!;
};

describe('normalisation and chunks', () => {
  it('applies NFC, lower case, plain apostrophes, no zero-width characters, single spaces', () => {
    expect(normaliseUtterance('  I CAN\u2019T\u200b  Breathe\n\tnow ')).toBe("i can't breathe now");
    expect(normaliseUtterance('me cai\u0301')).toBe('me caí');
  });

  it('keeps the first 2,000 characters only', () => {
    expect(normaliseUtterance('a'.repeat(2100))).toHaveLength(2000);
    const late = `${'la '.repeat(700)}chest pain`;
    expect(detectEmergency(late, 'en', [phrase('chest pain')]).decisive).toBeNull();
  });

  it('cuts chunks of at most 500 characters at clause boundaries and covers the text exactly', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('word', 'chest pain', ',', '.', ' ', 'x'.repeat(40)), { maxLength: 300 }),
        (parts) => {
          const text = normaliseUtterance(parts.join(' '));
          const chunks = chunksOf(text);
          expect(chunks.map((c) => c.text).join('')).toBe(text);
          for (const chunk of chunks) {
            expect(chunk.text.length).toBeLessThanOrEqual(500);
            expect(text.slice(chunk.offset, chunk.offset + chunk.text.length)).toBe(chunk.text);
          }
        },
      ),
    );
  });

  it('finds a phrase in a later chunk at its position in the whole turn', () => {
    const text = `${'fine, '.repeat(120)}then chest pain`;
    const detection = detectEmergency(text, 'en', [phrase('chest pain')]);
    expect(detection.decisive?.start).toBe(normaliseUtterance(text).indexOf('chest pain'));
  });
});

describe('boundaries', () => {
  it('matches whole words with `word`, accented letters included', () => {
    expect(detectEmergency('I fell', 'en', [phrase('fell')]).decisive).not.toBeNull();
    expect(detectEmergency('I fellow', 'en', [phrase('fell')]).decisive).toBeNull();
    expect(detectEmergency('me caí ayer', 'fr', [phrase('ca[ií]')]).decisive?.matchedText).toBe('caí');
    expect(detectEmergency('me caía', 'fr', [phrase('ca[ií]')]).decisive).toBeNull();
  });

  it('matches inside words with `none`', () => {
    expect(
      detectEmergency('我摔倒了', 'zh', [phrase('摔倒', 'HIGH', 'Physical', { boundary: 'none' })]).decisive,
    ).not.toBeNull();
  });
});

describe('the decision', () => {
  it('takes the highest severity, then the category order, then the smallest phrase id', () => {
    const medium = phrase('help me', 'MEDIUM', 'Request');
    const highPhysical = phrase('i fell', 'HIGH', 'Physical');
    const highMedical = phrase('chest pain', 'HIGH', 'Medical', { id: 'b'.repeat(24) });
    const sameRank = phrase('pain', 'HIGH', 'Medical', { id: 'a'.repeat(24) });
    const text = 'help me, i fell and have chest pain';
    const detection = detectEmergency(text, 'en', [medium, highPhysical, highMedical, sameRank]);
    expect(detection.decisive?.phraseId).toBe('a'.repeat(24));
    expect(detection.matches.map((m) => m.phraseId)).toEqual([
      'a'.repeat(24),
      'b'.repeat(24),
      highPhysical.phrase.id,
      medium.phrase.id,
    ]);
    expect(detectEmergency(text, 'en', [medium, highPhysical]).decisive?.phraseId).toBe(highPhysical.phrase.id);
  });

  it('skips suppressed matches for the decision and reports the most urgent suppressed one otherwise', () => {
    const critical = phrase('heart attack', 'CRITICAL');
    const medium = phrase('help me', 'MEDIUM', 'Request');
    const both = detectEmergency("I'm not having a heart attack, help me find my glasses", 'en', [critical, medium]);
    expect(dryRunResultOf(both)).toEqual({
      isEmergency: true,
      severity: 'MEDIUM',
      category: 'Request',
      phraseId: medium.phrase.id,
      matchedText: 'help me',
      suppressedBy: null,
    });
    expect(dryRunResultOf(detectEmergency('no heart attack', 'en', [critical]))).toEqual({
      isEmergency: false,
      severity: 'CRITICAL',
      category: 'Medical',
      phraseId: critical.phrase.id,
      matchedText: 'heart attack',
      suppressedBy: 'negation',
    });
    expect(dryRunResultOf(detectEmergency('a lovely day', 'en', [critical]))).toEqual({
      isEmergency: false,
      severity: null,
      category: null,
      phraseId: null,
      matchedText: null,
      suppressedBy: null,
    });
  });

  it('computes confidence as min(1, 0.8 × s × c), 2 decimals', () => {
    expect(confidenceOf('CRITICAL', 'Medical')).toBe(1);
    expect(confidenceOf('HIGH', 'Medical')).toBe(0.88);
    expect(confidenceOf('HIGH', 'Physical')).toBe(0.72);
    expect(confidenceOf('MEDIUM', 'Request')).toBe(0.51);
    expect(detectEmergency('help me', 'en', [phrase('help me', 'MEDIUM', 'Request')]).confidence).toBe(0.51);
  });

  const arbitraryPhrases = fc.array(
    fc.record({
      pattern: fc.constantFrom('pain', 'chest pain', 'fell', 'help me', 'heart attack', 'breathe'),
      severity: fc.constantFrom(...SEVERITIES),
      category: fc.constantFrom(...CATEGORIES),
      id: fc.integer({ min: 1, max: 50 }).map((n) => n.toString(16).padStart(24, '0')),
    }),
    { maxLength: 8 },
  );
  const arbitraryText = fc
    .array(
      fc.constantFrom('i', 'have', 'chest pain', 'no', 'fell', 'yesterday', 'help me', 'my wife', 'heart attack', ','),
      {
        maxLength: 20,
      },
    )
    .map((words) => words.join(' '));

  it('is deterministic and independent of the order of the phrase set', () => {
    fc.assert(
      fc.property(arbitraryPhrases, arbitraryText, fc.integer(), (specs, text, seed) => {
        const compiled = specs.map((s) => phrase(s.pattern, s.severity, s.category, { id: s.id }));
        const shuffled = [...compiled].sort(
          (a, b) => ((a.phrase.id.charCodeAt(23) * seed) % 7) - ((b.phrase.id.charCodeAt(23) * seed) % 7),
        );
        expect(detectEmergency(text, 'en', shuffled)).toEqual(detectEmergency(text, 'en', compiled));
      }),
    );
  });

  it('decides on the least match under the ranking among the unsuppressed ones, and only when there is one', () => {
    fc.assert(
      fc.property(arbitraryPhrases, arbitraryText, (specs, text) => {
        const compiled = specs.map((s) => phrase(s.pattern, s.severity, s.category, { id: s.id }));
        const detection = detectEmergency(text, 'en', compiled);
        const unsuppressed = detection.matches.filter((m) => m.filter === null);
        expect(detection.decisive !== null).toBe(unsuppressed.length > 0);
        for (const match of unsuppressed) expect(compareMatches(detection.decisive!, match)).toBeLessThanOrEqual(0);
        for (const match of detection.matches) {
          expect(detection.text.slice(match.start, match.end)).toBe(match.matchedText);
        }
      }),
    );
  });
});
