import { PHRASE_LANGUAGES, type PhraseLanguage } from '../../domain/emergencies/emergency-phrase';
import { seededPhrase, seedPhrasesFor } from '../../domain/emergencies/seed-phrases';
import { systemActor } from '../../domain/shared/actor';
import { isDomainError } from '../../domain/shared/errors';
import type { EmergencyPhrasePorts } from './emergency-phrase-ports';

export interface SeedOutcome {
  /** Phrases inserted, per language that received any. */
  readonly inserted: Readonly<Partial<Record<PhraseLanguage, number>>>;
}

/**
 * `SeedGlobalPhrases` (DOMAIN.md §7.4 #8, §7.3.3): fills the global set of every language whose global set is
 * empty, at start-up or by an operator. A language an administrator has curated (any global phrase, even an
 * inactive one) is left alone, so deleted seeds stay deleted. One transaction per language; a concurrent
 * seeder that got there first (a duplicate phrase) simply wins.
 */
export class SeedGlobalPhrases {
  constructor(private readonly ports: EmergencyPhrasePorts) {}

  async execute(): Promise<SeedOutcome> {
    const { ports } = this;
    const inserted: Partial<Record<PhraseLanguage, number>> = {};
    for (const language of PHRASE_LANGUAGES) {
      const seeds = seedPhrasesFor(language);
      if (seeds.length === 0 || (await ports.phrases.countGlobal(language)) > 0) continue;
      try {
        await ports.uow.run(async () => {
          const now = ports.clock.now();
          for (const seed of seeds) await ports.phrases.insert(seededPhrase(seed, language, ports.ids.next(), now));
          await ports.audit.record({
            action: 'CONFIG_CHANGE',
            outcome: 'success',
            actorKind: systemActor.kind,
            actorId: null,
            orgId: null,
            resourceType: 'emergencyPhrase',
            resourceId: null,
            requestId: null,
            ip: null,
            at: now,
            details: { operation: 'seed', scope: 'global', language, count: seeds.length },
          });
        });
        inserted[language] = seeds.length;
      } catch (error) {
        if (!isDomainError(error) || error.id !== 'EMERGENCY_PHRASE_TAKEN') throw error;
      }
      ports.catalog.invalidate({ orgId: null, language });
    }
    return { inserted };
  }
}
