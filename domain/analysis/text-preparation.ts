/**
 * Text preparation for the offline analysers (DOMAIN.md §10.3.1, §7.3.1, §7.3.5): normalised patient turns cut
 * into sentences, sentences into tokens, each token tagged with the clause it belongs to (negation only looks
 * back inside one clause). Lexicon entries are matched as token sequences, so "sad" never matches "sadness" and
 * accented letters are ordinary word characters.
 */
export type LexiconLanguage = 'en' | 'es';

export interface PreparedSentence {
  readonly tokens: readonly string[];
  /** Clause number of each token, increasing through the sentence. */
  readonly clauses: readonly number[];
}

export interface PreparedTurn {
  /** Normalised text of the turn. */
  readonly text: string;
  readonly sentences: readonly PreparedSentence[];
  readonly tokens: readonly string[];
}

export interface PreparedText {
  readonly language: LexiconLanguage;
  readonly turns: readonly PreparedTurn[];
  /** Characters of patient text (normalised), the measure of §10.3.5 confidence. */
  readonly charCount: number;
  readonly tokenCount: number;
  readonly sentenceCount: number;
}

const ZERO_WIDTH = /[\u200B-\u200D\uFEFF]/g;
const CURLY_APOSTROPHES = /[\u2018\u2019\u02BC]/g;
const TOKEN = /[\p{L}\p{M}\p{N}']+/gu;
const SENTENCE_END = /[.!?\u3002\uFF01\uFF1F]+(?=\s|$)/u;
const CLAUSE_BREAK = /[.,;:!?\u00BF\u00A1\u3002\uFF0C\uFF1B\uFF01\uFF1F\u2026]/u;

const CONJUNCTIONS: Readonly<Record<LexiconLanguage, ReadonlySet<string>>> = {
  en: new Set(['and', 'but', 'then', 'so', 'because', 'although', 'though', 'while']),
  es: new Set(['y', 'e', 'pero', 'luego', 'entonces', 'porque', 'aunque', 'mientras']),
};

const NEGATION_CUES: Readonly<Record<LexiconLanguage, ReadonlySet<string>>> = {
  en: new Set(['not', 'no', 'never', 'nothing', 'none', 'nobody']),
  es: new Set(['no', 'nunca', 'jamás', 'tampoco', 'ni', 'nada', 'nadie', 'sin']),
};

/** NFC, lower case, straight apostrophes, no zero-width characters, single spaces. */
export const normaliseText = (text: string): string =>
  text
    .normalize('NFC')
    .toLowerCase()
    .replace(CURLY_APOSTROPHES, "'")
    .replace(ZERO_WIDTH, '')
    .replace(/\s+/g, ' ')
    .trim();

/** Maximal runs of letters, marks, digits and apostrophes, apostrophes trimmed at both ends. */
export const tokensOf = (normalised: string): string[] =>
  (normalised.match(TOKEN) ?? []).map((token) => token.replace(/^'+|'+$/g, '')).filter((token) => token !== '');

const sentencesOf = (text: string, language: LexiconLanguage): PreparedSentence[] => {
  const sentences: PreparedSentence[] = [];
  for (const raw of text.split(SENTENCE_END)) {
    const tokens: string[] = [];
    const clauses: number[] = [];
    let clause = 0;
    for (const part of raw.split(CLAUSE_BREAK)) {
      clause += 1;
      for (const token of tokensOf(part)) {
        if (CONJUNCTIONS[language].has(token) && tokens.length > 0) clause += 1;
        tokens.push(token);
        clauses.push(clause);
      }
    }
    if (tokens.length > 0) sentences.push({ tokens, clauses });
  }
  return sentences;
};

/** Prepares the patient's final turns (already filtered by the caller), in transcript order. */
export const prepareText = (turns: readonly string[], language: LexiconLanguage): PreparedText => {
  const prepared = turns
    .map((turn) => normaliseText(turn))
    .filter((text) => text !== '')
    .map((text): PreparedTurn => {
      const sentences = sentencesOf(text, language);
      return { text, sentences, tokens: sentences.flatMap((sentence) => sentence.tokens) };
    });
  return {
    language,
    turns: prepared,
    charCount: prepared.reduce((total, turn) => total + turn.text.length, 0),
    tokenCount: prepared.reduce((total, turn) => total + turn.tokens.length, 0),
    sentenceCount: prepared.reduce((total, turn) => total + turn.sentences.length, 0),
  };
};

export const isNegationCue = (token: string, language: LexiconLanguage): boolean =>
  NEGATION_CUES[language].has(token) || (language === 'en' && token.endsWith("n't"));

/** A negation cue among the 3 tokens before `start`, inside the same clause ("I'm not sad", "no estoy triste"). */
export const isNegatedAt = (sentence: PreparedSentence, start: number, language: LexiconLanguage): boolean => {
  for (let index = start - 1; index >= Math.max(0, start - 3); index -= 1) {
    if (sentence.clauses[index] !== sentence.clauses[start]) return false;
    if (isNegationCue(sentence.tokens[index], language)) return true;
  }
  return false;
};

const compiled = new Map<string, readonly string[]>();

/** A lexicon entry as the token sequence it matches. */
export const entryTokens = (entry: string): readonly string[] => {
  let tokens = compiled.get(entry);
  if (tokens === undefined) {
    tokens = tokensOf(normaliseText(entry));
    compiled.set(entry, tokens);
  }
  return tokens;
};

/** Start positions of `phrase` (a token sequence) in a sentence. */
export const phraseStarts = (sentence: PreparedSentence, phrase: readonly string[]): number[] => {
  const starts: number[] = [];
  if (phrase.length === 0) return starts;
  for (let start = 0; start + phrase.length <= sentence.tokens.length; start += 1) {
    let matches = true;
    for (let offset = 0; offset < phrase.length && matches; offset += 1) {
      matches = sentence.tokens[start + offset] === phrase[offset];
    }
    if (matches) starts.push(start);
  }
  return starts;
};

export interface EntryHits {
  readonly count: number;
  /** The distinct entries that matched, in the order they were first found. */
  readonly matched: readonly string[];
}

/** Counts every match of `entries` in `sentences`; with `negation`, matches preceded by a cue are not counted. */
export const countEntries = (
  sentences: readonly PreparedSentence[],
  entries: readonly string[],
  language: LexiconLanguage,
  negation = false,
): EntryHits => {
  let count = 0;
  const matched: string[] = [];
  for (const sentence of sentences) {
    for (const entry of entries) {
      for (const start of phraseStarts(sentence, entryTokens(entry))) {
        if (negation && isNegatedAt(sentence, start, language)) continue;
        count += 1;
        if (!matched.includes(entry)) matched.push(entry);
      }
    }
  }
  return { count, matched };
};

export const sentencesOfText = (text: PreparedText): PreparedSentence[] => text.turns.flatMap((turn) => turn.sentences);
