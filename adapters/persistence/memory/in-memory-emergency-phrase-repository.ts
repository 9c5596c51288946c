import type { EmergencyPhrase, PhraseLanguage } from '../../../domain/emergencies/emergency-phrase';
import { phraseKey } from '../../../domain/emergencies/emergency-phrase';
import { phraseTaken } from '../../../application/emergency-phrases/emergency-phrase-errors';
import type {
  EmergencyPhraseQuery,
  EmergencyPhraseRepository,
} from '../../../application/ports/emergency-phrase-repository';
import type { MemoryDatabase } from './memory-database';
import { duplicateId } from '../persistence-conflicts';
import { settle } from './settle';
import { bumpVersion } from './version-check';

/** Collection name shared with the Mongo adapter. */
export const EMERGENCY_PHRASES_COLLECTION = 'emergency_phrases';

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Global phrases first, then language, label and id (code-point order, as the Mongo adapter sorts). */
export const phraseListOrder = (a: EmergencyPhrase, b: EmergencyPhrase): number =>
  Number(a.scope === 'org') - Number(b.scope === 'org') ||
  compareText(a.language, b.language) ||
  compareText(a.label, b.label) ||
  compareText(a.id, b.id);

/** Emergency phrases in the embedded store; the unique (scope, org, language, label) key is kept here. */
export class InMemoryEmergencyPhraseRepository implements EmergencyPhraseRepository {
  constructor(private readonly db: MemoryDatabase) {}

  private get phrases() {
    return this.db.collection<EmergencyPhrase>(EMERGENCY_PHRASES_COLLECTION);
  }

  findById(id: string): Promise<EmergencyPhrase | null> {
    return Promise.resolve(this.phrases.get(id) ?? null);
  }

  list(query: EmergencyPhraseQuery): Promise<readonly EmergencyPhrase[]> {
    const found = this.phrases.find(
      (p) =>
        (p.scope === 'global' || (query.orgId !== null && p.orgId === query.orgId)) &&
        (query.scope === undefined || p.scope === query.scope) &&
        (query.language === undefined || p.language === query.language) &&
        (query.category === undefined || p.category === query.category) &&
        (query.severity === undefined || p.severity === query.severity) &&
        (query.isActive === undefined || p.isActive === query.isActive),
    );
    return Promise.resolve(found.sort(phraseListOrder));
  }

  activeFor(orgId: string | null, language: PhraseLanguage): Promise<readonly EmergencyPhrase[]> {
    return this.list({ orgId, language, isActive: true });
  }

  countGlobal(language: PhraseLanguage): Promise<number> {
    return Promise.resolve(this.phrases.count((p) => p.scope === 'global' && p.language === language));
  }

  // Every refusal is a rejected promise, as from a real store (never a synchronous throw).
  insert(phrase: EmergencyPhrase): Promise<void> {
    return settle(() => {
      if (this.phrases.get(phrase.id) !== undefined) throw duplicateId('Emergency phrase');
      this.refuseTakenKey(phrase);
      this.phrases.put(phrase);
    });
  }

  update(phrase: EmergencyPhrase): Promise<EmergencyPhrase> {
    return settle(() => {
      const saved = bumpVersion(this.phrases.get(phrase.id), phrase, 'Emergency phrase');
      this.refuseTakenKey(saved);
      this.phrases.put(saved);
      return saved;
    });
  }

  delete(id: string): Promise<boolean> {
    return settle(() => this.phrases.delete(id));
  }

  recordUse(id: string, at: Date): Promise<void> {
    return settle(() => {
      const stored = this.phrases.get(id);
      if (stored !== undefined) this.phrases.put({ ...stored, usageCount: stored.usageCount + 1, lastUsedAt: at });
    });
  }

  /** The unique index a real store keeps: one phrase per (scope, org, language, label). */
  private refuseTakenKey(phrase: EmergencyPhrase): void {
    const key = phraseKey(phrase);
    if (this.phrases.count((p) => p.id !== phrase.id && phraseKey(p) === key) > 0) throw phraseTaken();
  }
}
