import { compilePhrase, type CompiledPhrase } from '../../domain/emergencies/compiled-phrase';
import { detectEmergency, type Detection } from '../../domain/emergencies/emergency-detector';
import { isPhraseLanguage, type PhraseLanguage } from '../../domain/emergencies/emergency-phrase';
import type { Clock } from '../ports/clock';
import type { EmergencyPhraseRepository } from '../ports/emergency-phrase-repository';

/** DOMAIN.md §7.1 `CompiledPhraseSet`: what runs over a patient's turns. */
export interface CompiledPhraseSet {
  readonly orgId: string | null;
  readonly language: string;
  /** `en` when the language had no phrases and the English set stands in (DOMAIN.md §7.3.2). */
  readonly fallbackLanguage: 'en' | null;
  /** Grows with every invalidation: two sets of one version saw the same phrases. */
  readonly version: number;
  readonly phrases: readonly CompiledPhrase[];
}

export interface CatalogDetection extends Detection {
  readonly fallbackLanguage: 'en' | null;
  readonly version: number;
}

interface Entry {
  readonly set: CompiledPhraseSet;
  readonly loadedAt: number;
  /** The phrase languages the set was built from: its own, and English when it fell back. */
  readonly languages: ReadonlySet<string>;
}

/** A cache entry is reloaded after this long at most, even without an invalidation (DOMAIN.md §7.3.2). */
export const CATALOG_TTL_MS = 60_000;

const FALLBACK: PhraseLanguage = 'en';

/**
 * The shared detection cache (DOMAIN.md §7.3.2, §7.6 `CompiledPhraseCache`) and the detector service the call
 * pipeline uses: compiled effective sets per (organisation, language), reloaded after 60 s at most and dropped at
 * once by `invalidate` after every phrase change. A change made while a set was loading makes that load
 * discarded rather than cached, so a stale set never outlives the change that made it stale.
 */
export class EmergencyPhraseCatalog {
  private readonly entries = new Map<string, Entry>();
  private version = 1;

  constructor(
    private readonly phrases: EmergencyPhraseRepository,
    private readonly clock: Clock,
    private readonly ttlMs: number = CATALOG_TTL_MS,
  ) {}

  /** The compiled effective set for a patient of `orgId` speaking `language`. */
  async effectiveSet(orgId: string | null, language: string): Promise<CompiledPhraseSet> {
    const key = `${orgId ?? '-'}|${language}`;
    const now = this.clock.now().getTime();
    const cached = this.entries.get(key);
    if (cached !== undefined && now - cached.loadedAt < this.ttlMs) return cached.set;
    const versionAtStart = this.version;
    const entry = await this.load(orgId, language, now, versionAtStart);
    if (this.version === versionAtStart) this.entries.set(key, entry);
    return entry.set;
  }

  /** Runs the detector over one turn with the effective set (no side effects). */
  async detect(input: { orgId: string | null; language: string; text: string }): Promise<CatalogDetection> {
    const set = await this.effectiveSet(input.orgId, input.language);
    return {
      ...detectEmergency(input.text, input.language, set.phrases),
      fallbackLanguage: set.fallbackLanguage,
      version: set.version,
    };
  }

  /**
   * Drops what a change of a phrase of `orgId` (null: global) in `language` affects: for a global phrase every
   * organisation's set of that language, including sets that fell back to it.
   */
  invalidate(change: { readonly orgId: string | null; readonly language: string }): void {
    this.version += 1;
    for (const [key, entry] of this.entries) {
      const affected =
        entry.languages.has(change.language) && (change.orgId === null || entry.set.orgId === change.orgId);
      if (affected) this.entries.delete(key);
    }
  }

  invalidateAll(): void {
    this.version += 1;
    this.entries.clear();
  }

  private async load(orgId: string | null, language: string, now: number, version: number): Promise<Entry> {
    const own = isPhraseLanguage(language) ? await this.phrases.activeFor(orgId, language) : [];
    const fallback = own.length === 0 && language !== FALLBACK;
    const phrases = fallback ? await this.phrases.activeFor(orgId, FALLBACK) : own;
    const compiled = phrases.map(compilePhrase).filter((c): c is CompiledPhrase => c !== null);
    return {
      set: { orgId, language, fallbackLanguage: fallback ? 'en' : null, version, phrases: compiled },
      loadedAt: now,
      languages: new Set(fallback ? [language, FALLBACK] : [language]),
    };
  }
}
