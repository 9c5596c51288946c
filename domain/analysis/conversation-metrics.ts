import { clamp, mean, ratio } from './analysis-math';
import {
  ANXIETY,
  DEPRESSION,
  FILLERS,
  GENERAL_PSYCHIATRIC,
  NEGATIVE_TONE,
  POSITIVE_TONE,
  PROTECTIVE_FACTORS,
  STOP_WORDS,
  TEMPORAL_CONFUSION,
  VAGUE_REFERENCES,
  WORD_FINDING,
  type WeightedCategory,
} from './medical-lexicon';
import { CRISIS_PHRASES } from './sentiment-lexicon';
import { countEntries, sentencesOfText, type PreparedSentence, type PreparedText } from './text-preparation';

/**
 * Per-conversation screening metrics (DOMAIN.md §10.3.2-§10.3.4) over the patient's final turns, English
 * lexicon. Cognitive counts are not negation-filtered; psychiatric categories, tone and crisis phrases are.
 */
export interface VocabularyMetrics {
  readonly uniqueWords: number;
  readonly totalWords: number;
  readonly typeTokenRatio: number;
  readonly avgWordLength: number;
  readonly avgSentenceLength: number;
  readonly complexityScore: number;
}

export interface CognitiveMeasures {
  readonly fillerDensity: number;
  readonly vagueDensity: number;
  readonly temporalConfusionCount: number;
  readonly wordFindingCount: number;
  readonly repetitionScore: number;
  readonly informationDensityScore: number;
  readonly flowScore: number;
  readonly riskScore: number;
}

export interface PsychiatricMeasures {
  readonly depressionWeighted: number;
  readonly anxietyWeighted: number;
  readonly generalWeighted: number;
  readonly depressionScore: number;
  readonly anxietyScore: number;
  readonly generalRiskScore: number;
  readonly overallRiskScore: number;
  readonly negativeTone: number;
  readonly positiveTone: number;
  readonly protectiveFactors: number;
  readonly crisisCount: number;
  readonly crisisWords: readonly string[];
}

export interface ConversationMetrics {
  readonly conversationId: string;
  readonly date: Date;
  /** At least 20 tokens: only eligible conversations enter averaged metrics. */
  readonly eligible: boolean;
  readonly charCount: number;
  readonly tokenCount: number;
  readonly messageCount: number;
  readonly vocabulary: VocabularyMetrics;
  readonly cognitive: CognitiveMeasures;
  readonly psychiatric: PsychiatricMeasures;
}

export const ELIGIBLE_TOKENS = 20;

const letters = (token: string): number => [...token].length;

export const vocabularyOf = (text: PreparedText): VocabularyMetrics => {
  const tokens = text.turns.flatMap((turn) => turn.tokens);
  const filtered = tokens.filter((t) => letters(t) >= 3 && /^\p{L}+$/u.test(t) && !STOP_WORDS.has(t));
  const uniqueWords = new Set(filtered).size;
  const typeTokenRatio = ratio(uniqueWords, tokens.length);
  const avgWordLength = mean(tokens.map(letters));
  const avgSentenceLength = ratio(tokens.length, text.sentenceCount);
  const complexityScore = clamp(
    0.4 * Math.min(typeTokenRatio * 200, 100) +
      0.3 * Math.min(avgWordLength * 10, 100) +
      0.3 * Math.min(avgSentenceLength * 2, 100),
    0,
    100,
  );
  return { uniqueWords, totalWords: tokens.length, typeTokenRatio, avgWordLength, avgSentenceLength, complexityScore };
};

/** Distinct 3-token windows (text longer than 10 characters) seen twice or more, per 100 distinct windows. */
export const repetitionScoreOf = (sentences: readonly PreparedSentence[]): number => {
  const seen = new Map<string, number>();
  for (const { tokens } of sentences) {
    for (let i = 0; i + 3 <= tokens.length; i += 1) {
      const window = tokens.slice(i, i + 3).join(' ');
      if (window.length > 10) seen.set(window, (seen.get(window) ?? 0) + 1);
    }
  }
  const repeated = [...seen.values()].filter((count) => count >= 2).length;
  return seen.size === 0 ? 0 : (repeated / seen.size) * 100;
};

/** Topic continuity between consecutive patient turns (100 = every turn follows on from the one before). */
export const flowScoreOf = (text: PreparedText): number => {
  let compared = 0;
  let changes = 0;
  for (let i = 1; i < text.turns.length; i += 1) {
    const earlier = new Set(text.turns[i - 1].tokens.filter((t) => letters(t) > 4));
    if (earlier.size === 0) continue;
    const later = new Set(text.turns[i].tokens);
    const overlap = [...earlier].filter((t) => later.has(t)).length / earlier.size;
    compared += 1;
    if (overlap < 0.1) changes += 1;
  }
  return compared < 2 ? 100 : ((compared - changes) / compared) * 100;
};

const cognitiveOf = (text: PreparedText, sentences: readonly PreparedSentence[]): CognitiveMeasures => {
  const tokens = text.tokenCount;
  const singleFillers = new Set(FILLERS.filter((entry) => !entry.includes(' ')));
  const fillerDensity = ratio(countEntries(sentences, FILLERS, 'en').count, tokens);
  const vagueDensity = ratio(countEntries(sentences, VAGUE_REFERENCES, 'en').count, tokens);
  const temporalConfusionCount = countEntries(sentences, TEMPORAL_CONFUSION, 'en').count;
  const wordFindingCount = countEntries(sentences, WORD_FINDING, 'en').count;
  const repetitionScore = repetitionScoreOf(sentences);
  const concepts = text.turns
    .flatMap((turn) => turn.tokens)
    .filter((t) => letters(t) > 3 && !singleFillers.has(t)).length;
  const informationDensityScore = text.sentenceCount === 0 ? 0 : Math.min((concepts / text.sentenceCount) * 10, 100);
  const riskScore = clamp(
    fillerDensity * 10_000 * 0.15 +
      vagueDensity * 10_000 * 0.2 +
      Math.min(temporalConfusionCount * 10, 100) * 0.25 +
      Math.min(wordFindingCount * 15, 100) * 0.25 +
      repetitionScore * 0.15,
    0,
    100,
  );
  return {
    fillerDensity,
    vagueDensity,
    temporalConfusionCount,
    wordFindingCount,
    repetitionScore,
    informationDensityScore,
    flowScore: flowScoreOf(text),
    riskScore,
  };
};

/** `Σ count·w / Σw` over a dimension's categories, negation-filtered. */
const weightedOf = (sentences: readonly PreparedSentence[], categories: Readonly<Record<string, WeightedCategory>>) => {
  let weighted = 0;
  let weights = 0;
  for (const category of Object.values(categories)) {
    weighted += countEntries(sentences, category.entries, 'en', true).count * category.weight;
    weights += category.weight;
  }
  return weighted / weights;
};

export const psychiatricScores = (depression: number, anxiety: number, general: number) => {
  const depressionScore = Math.min(depression * 10, 100);
  const anxietyScore = Math.min(anxiety * 10, 100);
  const generalRiskScore = Math.min(general * 15, 100);
  return {
    depressionScore,
    anxietyScore,
    generalRiskScore,
    overallRiskScore: 0.3 * depressionScore + 0.3 * anxietyScore + 0.4 * generalRiskScore,
  };
};

const psychiatricOf = (sentences: readonly PreparedSentence[]): PsychiatricMeasures => {
  const depressionWeighted = weightedOf(sentences, DEPRESSION);
  const anxietyWeighted = weightedOf(sentences, ANXIETY);
  const generalWeighted = weightedOf(sentences, GENERAL_PSYCHIATRIC);
  const crisis = countEntries(sentences, CRISIS_PHRASES.en, 'en', true);
  return {
    depressionWeighted,
    anxietyWeighted,
    generalWeighted,
    ...psychiatricScores(depressionWeighted, anxietyWeighted, generalWeighted),
    negativeTone: countEntries(sentences, NEGATIVE_TONE, 'en', true).count,
    positiveTone: countEntries(sentences, POSITIVE_TONE, 'en', true).count,
    protectiveFactors: countEntries(sentences, PROTECTIVE_FACTORS, 'en').count,
    crisisCount: crisis.count,
    crisisWords: crisis.matched,
  };
};

export interface MetricsInput {
  readonly conversationId: string;
  readonly date: Date;
  readonly messageCount: number;
  /** Prepared English patient text. */
  readonly text: PreparedText;
}

export const computeConversationMetrics = (input: MetricsInput): ConversationMetrics => {
  const sentences = sentencesOfText(input.text);
  return {
    conversationId: input.conversationId,
    date: input.date,
    eligible: input.text.tokenCount >= ELIGIBLE_TOKENS,
    charCount: input.text.charCount,
    tokenCount: input.text.tokenCount,
    messageCount: input.messageCount,
    vocabulary: vocabularyOf(input.text),
    cognitive: cognitiveOf(input.text, sentences),
    psychiatric: psychiatricOf(sentences),
  };
};
