import type { LexiconLanguage } from './text-preparation';

/**
 * The offline sentiment lexicons (DOMAIN.md §10.1): single words with a valence in -3..+3 and an emotion tag.
 * Tags are lower-case English words the app picks icons by (happy, joy, calm, love, care, excited, energetic,
 * sad, frustrated, ...), whatever the conversation's language. Our own word lists, kept small and unambiguous:
 * words with a common neutral sense ("well" as a filler, Spanish "solo" = "only", "quiero" = "I want") are
 * left out.
 */
export const SENTIMENT_LEXICON_VERSION = 'lexicon-1';

export interface ValenceEntry {
  readonly valence: number;
  readonly emotion: string;
}

const entries = (list: ReadonlyArray<readonly [number, string, string]>): ReadonlyMap<string, ValenceEntry> =>
  new Map(list.map(([valence, emotion, word]) => [word, { valence, emotion }]));

const EN = entries([
  [3, 'happy', 'wonderful'],
  [3, 'happy', 'fantastic'],
  [3, 'happy', 'amazing'],
  [3, 'joy', 'delighted'],
  [3, 'love', 'love'],
  [3, 'love', 'loved'],
  [2, 'happy', 'happy'],
  [2, 'happy', 'great'],
  [2, 'happy', 'glad'],
  [2, 'happy', 'lovely'],
  [2, 'joy', 'enjoy'],
  [2, 'joy', 'enjoyed'],
  [2, 'joy', 'fun'],
  [2, 'excited', 'excited'],
  [2, 'care', 'grateful'],
  [2, 'care', 'thankful'],
  [2, 'care', 'blessed'],
  [2, 'hopeful', 'hopeful'],
  [2, 'energetic', 'energetic'],
  [1, 'positive', 'good'],
  [1, 'positive', 'nice'],
  [1, 'positive', 'better'],
  [1, 'calm', 'calm'],
  [1, 'calm', 'relaxed'],
  [1, 'calm', 'peaceful'],
  [1, 'calm', 'comfortable'],
  [1, 'care', 'thanks'],
  [1, 'care', 'thank'],
  [1, 'joy', 'laugh'],
  [1, 'joy', 'laughed'],
  [-1, 'tired', 'tired'],
  [-1, 'negative', 'bored'],
  [-1, 'negative', 'worse'],
  [-1, 'worried', 'nervous'],
  [-1, 'frustrated', 'annoyed'],
  [-2, 'sad', 'sad'],
  [-2, 'sad', 'unhappy'],
  [-2, 'sad', 'lonely'],
  [-2, 'sad', 'alone'],
  [-2, 'worried', 'worried'],
  [-2, 'worried', 'anxious'],
  [-2, 'worried', 'scared'],
  [-2, 'worried', 'afraid'],
  [-2, 'frustrated', 'frustrated'],
  [-2, 'frustrated', 'upset'],
  [-2, 'angry', 'angry'],
  [-2, 'angry', 'mad'],
  [-2, 'pain', 'pain'],
  [-2, 'pain', 'hurts'],
  [-2, 'negative', 'bad'],
  [-2, 'negative', 'awful'],
  [-3, 'sad', 'miserable'],
  [-3, 'sad', 'depressed'],
  [-3, 'sad', 'hopeless'],
  [-3, 'negative', 'terrible'],
  [-3, 'negative', 'horrible'],
]);

const ES = entries([
  [3, 'happy', 'maravilloso'],
  [3, 'happy', 'maravillosa'],
  [3, 'happy', 'estupendo'],
  [3, 'happy', 'estupenda'],
  [3, 'love', 'encanta'],
  [2, 'happy', 'feliz'],
  [2, 'happy', 'contento'],
  [2, 'happy', 'contenta'],
  [2, 'happy', 'alegre'],
  [2, 'happy', 'genial'],
  [2, 'joy', 'disfruto'],
  [2, 'joy', 'disfruté'],
  [2, 'excited', 'emocionado'],
  [2, 'excited', 'emocionada'],
  [2, 'care', 'agradecido'],
  [2, 'care', 'agradecida'],
  [2, 'hopeful', 'esperanza'],
  [1, 'positive', 'bien'],
  [1, 'positive', 'bueno'],
  [1, 'positive', 'buena'],
  [1, 'positive', 'mejor'],
  [1, 'calm', 'tranquilo'],
  [1, 'calm', 'tranquila'],
  [1, 'calm', 'cómodo'],
  [1, 'calm', 'cómoda'],
  [1, 'care', 'gracias'],
  [-1, 'tired', 'cansado'],
  [-1, 'tired', 'cansada'],
  [-1, 'negative', 'aburrido'],
  [-1, 'negative', 'aburrida'],
  [-1, 'negative', 'peor'],
  [-1, 'worried', 'nervioso'],
  [-1, 'worried', 'nerviosa'],
  [-2, 'sad', 'triste'],
  [-2, 'sad', 'sola'],
  [-2, 'sad', 'soledad'],
  [-2, 'worried', 'preocupado'],
  [-2, 'worried', 'preocupada'],
  [-2, 'worried', 'miedo'],
  [-2, 'worried', 'asustado'],
  [-2, 'worried', 'asustada'],
  [-2, 'frustrated', 'frustrado'],
  [-2, 'frustrated', 'frustrada'],
  [-2, 'angry', 'enojado'],
  [-2, 'angry', 'enojada'],
  [-2, 'pain', 'dolor'],
  [-2, 'pain', 'duele'],
  [-2, 'negative', 'mal'],
  [-2, 'negative', 'malo'],
  [-3, 'sad', 'deprimido'],
  [-3, 'sad', 'deprimida'],
  [-3, 'negative', 'terrible'],
  [-3, 'negative', 'horrible'],
  [-3, 'negative', 'fatal'],
]);

export const VALENCE_LEXICONS: Readonly<Record<LexiconLanguage, ReadonlyMap<string, ValenceEntry>>> = {
  en: EN,
  es: ES,
};

export const INTENSIFIERS: Readonly<Record<LexiconLanguage, ReadonlySet<string>>> = {
  en: new Set(['very', 'really', 'so', 'extremely', 'quite']),
  es: new Set(['muy', 'tan', 'realmente', 'bastante', 'demasiado']),
};

/** Phrases that raise the concern level whatever the score (§10.3.4 crisis phrases; a Spanish core set). */
export const CRISIS_PHRASES: Readonly<Record<LexiconLanguage, readonly string[]>> = {
  en: [
    'kill myself',
    'end my life',
    'suicide',
    'not worth living',
    'better off dead',
    'want to die',
    'harm myself',
    'hurt myself',
    'cut myself',
    'overdose',
    'no reason to live',
    'nothing to live for',
    'give up on life',
  ],
  es: [
    'quiero morir',
    'quiero morirme',
    'matarme',
    'suicidarme',
    'suicidio',
    'quitarme la vida',
    'hacerme daño',
    'no vale la pena vivir',
    'no tengo razón para vivir',
  ],
};

/** Language codes with a lexicon; everything else is analysed as "unavailable for this language". */
export const lexiconLanguageOf = (language: string): LexiconLanguage | null =>
  language === 'en' || language === 'es' ? language : null;
