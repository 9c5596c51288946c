import type { Boundary, EmergencyPhrase } from './emergency-phrase';

/**
 * The compiled form of DOMAIN.md §7.3.2. JavaScript's `\b` knows ASCII letters only, so a word boundary is a
 * lookaround on Unicode letters, marks and digits instead: accented words (`me caí`, `étouffement`) match whole.
 */
const WORD_CHAR = '[\\p{L}\\p{M}\\p{N}]';

export const compiledSource = (pattern: string, boundary: Boundary): string =>
  boundary === 'word' ? `(?<!${WORD_CHAR})(?:${pattern})(?!${WORD_CHAR})` : `(?:${pattern})`;

/** Flags `iu` as the rule says, plus `g` to find every occurrence in a turn. */
export const compilePattern = (pattern: string, boundary: Boundary): RegExp =>
  new RegExp(compiledSource(pattern, boundary), 'giu');

export interface CompiledPhrase {
  readonly phrase: EmergencyPhrase;
  readonly regex: RegExp;
}

/** A phrase ready for matching; null when its stored pattern no longer compiles (it is then skipped). */
export const compilePhrase = (phrase: EmergencyPhrase): CompiledPhrase | null => {
  try {
    return { phrase, regex: compilePattern(phrase.pattern, phrase.boundary) };
  } catch {
    return null;
  }
};

export interface PhraseMatch {
  readonly phrase: EmergencyPhrase;
  readonly start: number;
  readonly end: number;
}

/** Every non-empty occurrence of the phrase in `text`, offsets shifted by `offset`. */
export const matchesIn = (compiled: CompiledPhrase, text: string, offset = 0): PhraseMatch[] => {
  const found: PhraseMatch[] = [];
  // matchAll iterates over a clone, so the shared regex's `lastIndex` never moves between turns.
  for (const match of text.matchAll(compiled.regex)) {
    if (match[0].length === 0) continue;
    found.push({ phrase: compiled.phrase, start: offset + match.index, end: offset + match.index + match[0].length });
  }
  return found;
};
