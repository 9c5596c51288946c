import type { StoredSentiment } from '../conversations/conversation';
import { clamp, round } from './analysis-math';
import {
  CRISIS_PHRASES,
  INTENSIFIERS,
  lexiconLanguageOf,
  SENTIMENT_LEXICON_VERSION,
  VALENCE_LEXICONS,
} from './sentiment-lexicon';
import {
  countEntries,
  isNegatedAt,
  prepareText,
  sentencesOfText,
  type LexiconLanguage,
  type PreparedSentence,
} from './text-preparation';

/**
 * The offline lexicon sentiment analyser (DOMAIN.md §10.1, D24): deterministic, patient turns only, English and
 * Spanish. A screening heuristic over word lists, not a clinical assessment. Its texts (`patientMood`, `summary`,
 * `recommendations`) are stored with the result, so they are written once, in the conversation's language
 * (English for languages without templates). A conversation without patient speech has nothing to weigh, so its
 * confidence is 0 (the formula's floor of 0.2 assumes there was speech to find no emotional words in).
 */
export type OverallSentiment = StoredSentiment['overallSentiment'];

export const OFFLINE_ANALYZER = `offline:${SENTIMENT_LEXICON_VERSION}`;

export interface OfflineSentimentInput {
  /** The patient's final turns, in transcript order. */
  readonly turns: readonly string[];
  /** The conversation's language. */
  readonly language: string;
  /** An emergency alert was raised during the call (raises the concern level). */
  readonly emergencyRaised?: boolean;
}

interface Hit {
  readonly word: string;
  readonly value: number;
  /** The emotion tag, when the hit keeps the sign of its entry (a negated "happy" says nothing about joy). */
  readonly emotion: string | null;
}

const hitsOf = (sentence: PreparedSentence, language: LexiconLanguage): Hit[] => {
  const hits: Hit[] = [];
  const lexicon = VALENCE_LEXICONS[language];
  sentence.tokens.forEach((token, index) => {
    const entry = lexicon.get(token);
    if (entry === undefined) return;
    let value = entry.valence;
    const previous = index > 0 && sentence.clauses[index - 1] === sentence.clauses[index];
    if (previous && INTENSIFIERS[language].has(sentence.tokens[index - 1])) value *= 1.5;
    const negated = isNegatedAt(sentence, index, language);
    if (negated) value *= -0.5;
    hits.push({ word: token, value, emotion: negated ? null : entry.emotion });
  });
  return hits;
};

/** The label rule of §10.1, over the summed, positive and negative valences of `n` hits. */
export const overallSentimentOf = (score: number, positive: number, negative: number, n: number): OverallSentiment => {
  if (n === 0) return 'neutral';
  const total = positive + negative;
  if (positive >= 0.35 * total && negative >= 0.35 * total) return 'mixed';
  if (score >= 0.05) return 'positive';
  if (score <= -0.05) return 'negative';
  return 'neutral';
};

/** `S / √(S² + 15)`: a bounded score in (-1, 1), 0 without hits. */
export const sentimentScoreOf = (sum: number): number => round(sum / Math.sqrt(sum * sum + 15), 3);

const topEmotions = (hits: readonly Hit[]): string[] => {
  const counts = new Map<string, number>();
  for (const hit of hits) if (hit.emotion !== null) counts.set(hit.emotion, (counts.get(hit.emotion) ?? 0) + 1);
  // Map keeps first-occurrence order, and the sort is stable: ties stay in that order.
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([emotion]) => emotion);
};

const distinctWords = (hits: readonly Hit[], sign: 1 | -1): string[] =>
  [...new Set(hits.filter((hit) => Math.sign(hit.value) === sign).map((hit) => hit.word))].slice(0, 5);

type TextLanguage = 'en' | 'es';

const MOODS: Readonly<Record<TextLanguage, Readonly<Record<OverallSentiment, string>>>> = {
  en: {
    positive: 'Content and positive',
    negative: 'Low or troubled',
    neutral: 'Calm, neutral',
    mixed: 'Mixed feelings',
  },
  es: {
    positive: 'Contento y positivo',
    negative: 'Decaído o preocupado',
    neutral: 'Tranquilo, neutral',
    mixed: 'Sentimientos encontrados',
  },
};

const LABELS: Readonly<Record<TextLanguage, Readonly<Record<OverallSentiment, string>>>> = {
  en: { positive: 'positive', negative: 'negative', neutral: 'neutral', mixed: 'mixed' },
  es: { positive: 'positivo', negative: 'negativo', neutral: 'neutral', mixed: 'mixto' },
};

const TEXTS = {
  en: {
    summary: (turns: number, label: string, score: number) =>
      `Offline word-list analysis of ${turns} patient ${turns === 1 ? 'turn' : 'turns'}: ${label} overall (score ${score}).`,
    noWords: 'Offline word-list analysis found no emotional words in the patient speech.',
    noSpeech: 'No patient speech to analyse.',
    recommendation: 'Reach out to the patient soon and review recent calls with the care team.',
  },
  es: {
    summary: (turns: number, label: string, score: number) =>
      `Análisis offline por lista de palabras de ${turns} ${turns === 1 ? 'intervención' : 'intervenciones'} del paciente: ${label} en general (puntuación ${score}).`,
    noWords: 'El análisis offline por lista de palabras no encontró palabras emocionales en lo que dijo el paciente.',
    noSpeech: 'No hay habla del paciente para analizar.',
    recommendation: 'Contacte pronto con el paciente y revise las llamadas recientes con el equipo de cuidado.',
  },
} as const;

/** What a language without a lexicon gets: neutral, no confidence, and a summary saying why. */
const unavailable = (): StoredSentiment => ({
  overallSentiment: 'neutral',
  sentimentScore: 0,
  confidence: 0,
  patientMood: MOODS.en.neutral,
  keyEmotions: [],
  concernLevel: 'low',
  satisfactionIndicators: { positive: [], negative: [] },
  summary: 'Sentiment analysis is unavailable for this language.',
  recommendations: '',
  fallback: true,
  analyzer: OFFLINE_ANALYZER,
});

export const analyseSentimentOffline = (input: OfflineSentimentInput): StoredSentiment => {
  const language = lexiconLanguageOf(input.language);
  if (language === null) return unavailable();
  const prepared = prepareText(input.turns, language);
  const sentences = sentencesOfText(prepared);
  const hits = sentences.flatMap((sentence) => hitsOf(sentence, language));
  const total = hits.reduce((sum, hit) => sum + hit.value, 0);
  const positive = hits.reduce((sum, hit) => sum + Math.max(hit.value, 0), 0);
  const negative = hits.reduce((sum, hit) => sum + Math.max(-hit.value, 0), 0);
  const n = hits.length;
  const score = n === 0 ? 0 : sentimentScoreOf(total);
  const overall = overallSentimentOf(score, positive, negative, n);
  const crisis = countEntries(sentences, CRISIS_PHRASES[language], language, true).count > 0;
  const concernLevel =
    score <= -0.5 || crisis || input.emergencyRaised === true ? 'high' : score <= -0.05 ? 'medium' : 'low';
  const texts = TEXTS[language];
  const turns = prepared.turns.length;
  const summary =
    turns === 0 ? texts.noSpeech : n === 0 ? texts.noWords : texts.summary(turns, LABELS[language][overall], score);
  return {
    overallSentiment: overall,
    sentimentScore: clamp(score, -1, 1),
    confidence: turns === 0 ? 0 : round(Math.min(0.6, 0.2 + 0.05 * n), 2),
    patientMood: MOODS[language][overall],
    keyEmotions: topEmotions(hits),
    concernLevel,
    satisfactionIndicators: { positive: distinctWords(hits, 1), negative: distinctWords(hits, -1) },
    summary: summary.slice(0, 500),
    recommendations: concernLevel === 'high' ? texts.recommendation : '',
    fallback: true,
    analyzer: OFFLINE_ANALYZER,
  };
};
