import {
  EmergencyPhraseCatalog,
  CATALOG_TTL_MS,
} from '../../../application/emergency-phrases/emergency-phrase-catalog';
import { createEmergencyPhrase, type PhraseLanguage } from '../../../domain/emergencies/emergency-phrase';
import { InMemoryEmergencyPhraseRepository } from '../../../adapters/persistence/memory/in-memory-emergency-phrase-repository';
import { MemoryDatabase } from '../../../adapters/persistence/memory/memory-database';
import { TestClock } from '../../support/test-clock';

/** The shared detection cache (DOMAIN.md §7.3.2): effective sets, fallback, invalidation, reload after 60 s. */
const ORG = 'a'.repeat(24);
const OTHER = 'b'.repeat(24);
let n = 0;

const newPhrase = (pattern: string, language: PhraseLanguage, orgId: string | null = null, isActive = true) => {
  n += 1;
  return createEmergencyPhrase({
    id: n.toString(16).padStart(24, '0'),
    scope: orgId === null ? 'global' : 'org',
    orgId,
    label: `${pattern} ${n}`,
    language,
    severity: 'HIGH',
    category: 'Medical',
    pattern,
    isActive,
    author: 'system',
    now: new Date(0),
  });
};

/** Counts the loads the catalog makes. */
class CountingRepository extends InMemoryEmergencyPhraseRepository {
  loads = 0;
  override activeFor(orgId: string | null, language: PhraseLanguage) {
    this.loads += 1;
    return super.activeFor(orgId, language);
  }
}

describe('EmergencyPhraseCatalog', () => {
  let repo: CountingRepository;
  let clock: TestClock;
  let catalog: EmergencyPhraseCatalog;

  beforeEach(() => {
    repo = new CountingRepository(new MemoryDatabase());
    clock = new TestClock();
    catalog = new EmergencyPhraseCatalog(repo, clock);
  });

  const labels = async (orgId: string | null, language: string) =>
    (await catalog.effectiveSet(orgId, language)).phrases.map((p) => p.phrase.pattern).sort();

  it('serves active global phrases of the language plus the organisation’s own', async () => {
    await repo.insert(newPhrase('chest pain', 'en'));
    await repo.insert(newPhrase('my own phrase', 'en', ORG));
    await repo.insert(newPhrase('their phrase', 'en', OTHER));
    await repo.insert(newPhrase('inactive', 'en', null, false));
    await repo.insert(newPhrase('dolor de pecho', 'es'));
    expect(await labels(ORG, 'en')).toEqual(['chest pain', 'my own phrase']);
    expect(await labels(OTHER, 'en')).toEqual(['chest pain', 'their phrase']);
    expect(await labels(ORG, 'es')).toEqual(['dolor de pecho']);
  });

  it('falls back to English when a language has no phrases, and says so', async () => {
    await repo.insert(newPhrase('chest pain', 'en'));
    const set = await catalog.effectiveSet(ORG, 'fr');
    expect(set.fallbackLanguage).toBe('en');
    expect(set.phrases.map((p) => p.phrase.pattern)).toEqual(['chest pain']);
    expect((await catalog.effectiveSet(ORG, 'en')).fallbackLanguage).toBeNull();
    expect((await catalog.detect({ orgId: ORG, language: 'hi', text: 'chest pain' })).fallbackLanguage).toBe('en');
  });

  it('loads a set once, then again after an invalidation or after 60 s', async () => {
    await repo.insert(newPhrase('chest pain', 'en'));
    await catalog.effectiveSet(ORG, 'en');
    await catalog.effectiveSet(ORG, 'en');
    expect(repo.loads).toBe(1);
    const added = newPhrase('i fell', 'en', ORG);
    await repo.insert(added);
    expect(await labels(ORG, 'en')).toEqual(['chest pain']);
    catalog.invalidate(added);
    expect(await labels(ORG, 'en')).toEqual(['chest pain', 'i fell']);
    expect(repo.loads).toBe(2);
    clock.advance(CATALOG_TTL_MS - 1);
    await catalog.effectiveSet(ORG, 'en');
    expect(repo.loads).toBe(2);
    clock.advance(1);
    await catalog.effectiveSet(ORG, 'en');
    expect(repo.loads).toBe(3);
  });

  it('drops only what a change affects: a global change every organisation of the language, fallbacks included', async () => {
    await repo.insert(newPhrase('chest pain', 'en'));
    for (const [org, lang] of [
      [ORG, 'en'],
      [OTHER, 'en'],
      [ORG, 'fr'],
      [ORG, 'es'],
    ] as const) {
      await catalog.effectiveSet(org, lang);
    }
    expect(repo.loads).toBe(6);
    catalog.invalidate({ orgId: OTHER, language: 'en' });
    await catalog.effectiveSet(ORG, 'en');
    await catalog.effectiveSet(OTHER, 'en');
    expect(repo.loads).toBe(7);
    catalog.invalidate({ orgId: null, language: 'en' });
    for (const [org, lang] of [
      [ORG, 'en'],
      [OTHER, 'en'],
      [ORG, 'fr'],
    ] as const) {
      await catalog.effectiveSet(org, lang);
    }
    expect(repo.loads).toBe(11);
    const before = (await catalog.effectiveSet(ORG, 'en')).version;
    catalog.invalidateAll();
    expect((await catalog.effectiveSet(ORG, 'en')).version).toBeGreaterThan(before);
  });

  it('does not cache a set whose load overlapped a change', async () => {
    await repo.insert(newPhrase('chest pain', 'en'));
    const loading = catalog.effectiveSet(ORG, 'en');
    catalog.invalidate({ orgId: ORG, language: 'en' });
    await loading;
    await catalog.effectiveSet(ORG, 'en');
    expect(repo.loads).toBe(2);
  });

  it('skips a stored pattern that no longer compiles instead of failing every turn', async () => {
    await repo.insert({ ...newPhrase('chest pain', 'en'), pattern: '(' });
    await repo.insert(newPhrase('i fell', 'en'));
    expect(await labels(ORG, 'en')).toEqual(['i fell']);
  });
});
