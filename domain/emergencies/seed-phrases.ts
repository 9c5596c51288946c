import { createEmergencyPhrase, type EmergencyPhrase, type PhraseLanguage } from './emergency-phrase';
import { ENGLISH_SEEDS, SPANISH_SEEDS, type SeedPhrase } from './seed-phrases-en-es';
import { LATIN_SCRIPT_SEEDS } from './seed-phrases-latin';
import { OTHER_SCRIPT_SEEDS } from './seed-phrases-other-scripts';

export type { SeedPhrase } from './seed-phrases-en-es';

/** The global seed sets by language (DOMAIN.md §7.3.3); Korean has none and falls back to English. */
export const SEED_PHRASES: Readonly<Record<string, readonly SeedPhrase[]>> = {
  en: ENGLISH_SEEDS,
  es: SPANISH_SEEDS,
  ...LATIN_SCRIPT_SEEDS,
  ...OTHER_SCRIPT_SEEDS,
};

export const seedPhrasesFor = (language: PhraseLanguage): readonly SeedPhrase[] => SEED_PHRASES[language] ?? [];

/** The stored form of one seed: a global, active phrase written by `system`, tagged with its concept. */
export const seededPhrase = (seed: SeedPhrase, language: PhraseLanguage, id: string, now: Date): EmergencyPhrase =>
  createEmergencyPhrase({
    id,
    scope: 'global',
    orgId: null,
    label: seed.label,
    language,
    severity: seed.severity,
    category: seed.category,
    pattern: seed.pattern,
    description: null,
    tags: ['seed', seed.concept],
    author: 'system',
    now,
  });
