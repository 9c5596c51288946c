import { cuesFor, type FilterCues } from './filter-cues';
import { CLAUSE_PUNCTUATION } from './text-normalisation';

/**
 * The context filters of DOMAIN.md §7.3.5: a match is set aside when the patient denies it, imagines it, talks
 * about someone else or about the past. Spelled `third_party` like every other enum value (RESOLUTIONS.md 7).
 */
export const FILTERS = ['negation', 'hypothetical', 'third_party', 'past'] as const;
export type ContextFilter = (typeof FILTERS)[number];

interface Token {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

interface Clause {
  readonly start: number;
  readonly end: number;
}

const TOKEN = /[\p{L}\p{M}\p{N}']+/gu;
const DIGITS = /^\p{N}+$/u;

const tokenize = (text: string): Token[] =>
  Array.from(text.matchAll(TOKEN), (m) => ({ text: m[0], start: m.index, end: m.index + m[0].length }));

/** Clauses lie between cuts: clause punctuation and the conjunction tokens, which belong to no clause. */
const clausesOf = (text: string, tokens: readonly Token[], cues: FilterCues): Clause[] => {
  const cuts: Clause[] = [];
  for (let i = 0; i < text.length; i += 1)
    if (CLAUSE_PUNCTUATION.test(text[i] ?? '')) cuts.push({ start: i, end: i + 1 });
  for (const token of tokens) if (cues.conjunctions.has(token.text)) cuts.push(token);
  cuts.sort((a, b) => a.start - b.start);
  const clauses: Clause[] = [];
  let from = 0;
  for (const cut of cuts) {
    if (cut.start > from) clauses.push({ start: from, end: cut.start });
    from = Math.max(from, cut.end);
  }
  if (from < text.length) clauses.push({ start: from, end: text.length });
  return clauses;
};

/** Whether `cue` occurs as consecutive tokens in `tokens`. */
const containsCue = (tokens: readonly string[], cue: readonly string[]): boolean => {
  for (let i = 0; i + cue.length <= tokens.length; i += 1) {
    if (cue.every((word, k) => tokens[i + k] === word)) return true;
  }
  return false;
};

const containsAny = (tokens: readonly string[], cues: readonly (readonly string[])[]): boolean =>
  cues.some((cue) => containsCue(tokens, cue));

const isNumberWord = (token: string | undefined, cues: FilterCues): boolean =>
  token !== undefined && (DIGITS.test(token) || cues.ago.numbers.has(token));

/** `<n> day(s) ago` in English, `hace <n> día(s)` in Spanish. */
const containsAgo = (tokens: readonly string[], cues: FilterCues): boolean => {
  const { before, after, units } = cues.ago;
  for (let i = 0; i < tokens.length; i += 1) {
    const unit = tokens[i];
    if (unit === undefined || !units.has(unit) || !isNumberWord(tokens[i - 1], cues)) continue;
    if (after !== null && tokens[i + 1] === after) return true;
    if (before !== null && tokens[i - 2] === before) return true;
  }
  return false;
};

const isNegation = (token: string, cues: FilterCues): boolean =>
  cues.negation.has(token) || (cues.negationSuffix !== null && token.endsWith(cues.negationSuffix));

/** A person cue among the 6 tokens before the match, with no first-person marker after it (§7.3.5). */
const mentionsSomeoneElse = (before: readonly string[], cues: FilterCues): boolean => {
  const window = before.slice(-6);
  const offset = before.length - window.length;
  for (let i = window.length - 1; i >= 0; i -= 1) {
    const token = window[i] ?? '';
    const possessed = cues.relatives.has(token) && before[offset + i - 1] === cues.possessive;
    if (!cues.persons.has(token) && !possessed) continue;
    if (!window.slice(i + 1).some((t) => cues.firstPerson.has(t))) return true;
  }
  return false;
};

/**
 * The utterance as the filters see it, prepared once: its tokens and clauses, and whether an urgency cue
 * anywhere lifts the hypothetical, third-party and past filters (negation still applies).
 */
export class UtteranceContext {
  private readonly tokens: readonly Token[];
  private readonly clauses: readonly Clause[];
  readonly urgent: boolean;

  constructor(
    readonly text: string,
    private readonly cues: FilterCues | null,
  ) {
    this.tokens = cues === null ? [] : tokenize(text);
    this.clauses = cues === null ? [] : clausesOf(text, this.tokens, cues);
    this.urgent =
      cues !== null &&
      containsAny(
        this.tokens.map((t) => t.text),
        cues.urgency,
      );
  }

  static of(text: string, language: string): UtteranceContext {
    return new UtteranceContext(text, cuesFor(language));
  }

  /** The filter that sets aside a match starting at `start`, or null when the match counts. */
  filterFor(start: number): ContextFilter | null {
    const cues = this.cues;
    if (cues === null) return null;
    const clause = this.clauses.find((c) => start >= c.start && start < c.end) ??
      this.clauses.find((c) => c.start >= start) ?? { start, end: this.text.length };
    const inClause = this.tokens.filter((t) => t.start >= clause.start && t.end <= clause.end);
    const before = inClause.filter((t) => t.end <= start).map((t) => t.text);
    const whole = inClause.map((t) => t.text);
    if (before.slice(-4).some((token) => isNegation(token, cues))) return 'negation';
    if (this.urgent) return null;
    if (containsAny(before, cues.hypothetical)) return 'hypothetical';
    if (mentionsSomeoneElse(before, cues) || containsAny(whole, cues.media)) return 'third_party';
    if (containsAny(whole, cues.past) || containsAgo(whole, cues)) return 'past';
    return null;
  }
}
