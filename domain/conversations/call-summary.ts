import { patientTurnsOf } from '../analysis/analysable-conversation';
import { STOP_WORDS } from '../analysis/medical-lexicon';
import { analyseSentimentOffline } from '../analysis/offline-sentiment';
import { normaliseText, tokensOf } from '../analysis/text-preparation';
import type { Conversation, ConversationSummary } from './conversation';

/**
 * The offline summary of a finished call (DOMAIN.md §6.3 FinalizeConversation step 1, used when no LLM is
 * configured): a deterministic extract of what the patient said — call length in whole minutes (rounded up), the
 * five most frequent content words of the patient's turns (longer than 3 characters, no stop words; ties keep the
 * first occurrence) and the offline sentiment label. A call without patient speech says so.
 */
export interface OfflineSummaryFacts {
  readonly minutes: number;
  readonly topics: readonly string[];
  readonly mood: string;
}

const TOPIC_COUNT = 5;

interface SummaryTemplate {
  readonly empty: string;
  text(facts: OfflineSummaryFacts): string;
}

const ENGLISH: SummaryTemplate = {
  empty: 'No conversation content recorded',
  text: (f) =>
    `${f.minutes}-minute call. ${f.topics.length > 0 ? `Topics mentioned: ${f.topics.join(', ')}. ` : ''}Mood: ${f.mood}.`,
};

const TEMPLATES: Readonly<Record<string, SummaryTemplate>> = {
  en: ENGLISH,
  es: {
    empty: 'No se registró contenido de la conversación',
    text: (f) =>
      `Llamada de ${f.minutes} ${f.minutes === 1 ? 'minuto' : 'minutos'}. ${
        f.topics.length > 0 ? `Temas mencionados: ${f.topics.join(', ')}. ` : ''
      }Estado de ánimo: ${f.mood}.`,
  },
};

/** The most frequent content words, ties broken by first occurrence. */
export const topicsOf = (turns: readonly string[]): string[] => {
  const counts = new Map<string, number>();
  for (const token of turns.flatMap((turn) => tokensOf(normaliseText(turn)))) {
    if ([...token].length <= 3 || STOP_WORDS.has(token) || !/^\p{L}+$/u.test(token)) continue;
    counts.set(token, (counts.get(token) ?? 0) + 1);
  }
  // Map keeps insertion order and the sort is stable, so equal counts stay in order of first occurrence.
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, TOPIC_COUNT)
    .map(([token]) => token);
};

/** The facts of the offline summary, or null when the patient said nothing. */
export const offlineSummaryFacts = (conversation: Conversation): OfflineSummaryFacts | null => {
  const turns = patientTurnsOf(conversation);
  if (turns.length === 0) return null;
  const mood = analyseSentimentOffline({ turns, language: conversation.language }).overallSentiment;
  return { minutes: Math.max(1, Math.ceil(conversation.durationSeconds / 60)), topics: topicsOf(turns), mood };
};

/** The stored summary: `done`, source `offline`, in the conversation's language (English when not available). */
export const offlineCallSummary = (conversation: Conversation, now: Date): ConversationSummary => {
  const template = TEMPLATES[conversation.language] ?? ENGLISH;
  const facts = offlineSummaryFacts(conversation);
  return {
    text: facts === null ? template.empty : template.text(facts),
    source: 'offline',
    status: 'done',
    generatedAt: now,
  };
};
