import type { Collection, Filter, IndexDescription } from 'mongodb';
import type { EmergencyPhrase, PhraseLanguage } from '../../../domain/emergencies/emergency-phrase';
import { phraseTaken } from '../../../application/emergency-phrases/emergency-phrase-errors';
import type {
  EmergencyPhraseQuery,
  EmergencyPhraseRepository,
} from '../../../application/ports/emergency-phrase-repository';
import { duplicateId } from '../persistence-conflicts';
import {
  emergencyPhraseFromDocument,
  emergencyPhraseToDocument,
  type EmergencyPhraseDocument,
} from './emergency-phrase-mapper';
import type { MongoDatabase } from './mongo-connection';
import { casFailure, writeOrConflict, type UniqueRule } from './mongo-errors';
import { objectIdOrNull } from './object-ids';

const PHRASE_INDEXES: readonly IndexDescription[] = [
  // DOMAIN.md §7.1: one phrase per (scope, org, language, label); global phrases share orgId null.
  { key: { scope: 1, orgId: 1, language: 1, label: 1 }, name: 'emergency_phrases_key_unique', unique: true },
  // The effective-set query: one language's active phrases.
  { key: { language: 1, isActive: 1 }, name: 'emergency_phrases_language_active' },
];

/** The collection and its indexes (kept here until mongo-collections.ts and mongo-indexes.ts list them). */
export const EMERGENCY_PHRASES = {
  collection: 'emergency_phrases',
  keyIndex: 'emergency_phrases_key_unique',
  indexes: PHRASE_INDEXES,
} as const;

const UNIQUE: readonly UniqueRule[] = [
  { index: EMERGENCY_PHRASES.keyIndex, field: 'scope', conflict: phraseTaken },
  { index: '_id_', field: '_id', conflict: () => duplicateId('Emergency phrase') },
];

/** Emergency phrases in `emergency_phrases`; updates are compare-and-set on `version`, deletes are hard. */
export class MongoEmergencyPhraseRepository implements EmergencyPhraseRepository {
  constructor(private readonly db: MongoDatabase) {}

  private get phrases(): Collection<EmergencyPhraseDocument> {
    return this.db.collection<EmergencyPhraseDocument>(EMERGENCY_PHRASES.collection);
  }

  /** Creates the collection's indexes (idempotent), for profiles whose start-up does not list them yet. */
  async ensureIndexes(): Promise<void> {
    await this.phrases.createIndexes([...EMERGENCY_PHRASES.indexes]);
  }

  async findById(id: string): Promise<EmergencyPhrase | null> {
    const _id = objectIdOrNull(id);
    if (_id === null) return null;
    const doc = await this.phrases.findOne({ _id }, this.db.options());
    return doc === null ? null : emergencyPhraseFromDocument(doc);
  }

  async list(query: EmergencyPhraseQuery): Promise<readonly EmergencyPhrase[]> {
    const orgId = query.orgId === null ? null : objectIdOrNull(query.orgId);
    const owners: Filter<EmergencyPhraseDocument>[] = [{ scope: 'global' }];
    if (orgId !== null) owners.push({ scope: 'org', orgId });
    const filter: Filter<EmergencyPhraseDocument> = {
      $or: owners,
      ...(query.scope === undefined ? {} : { scope: query.scope }),
      ...(query.language === undefined ? {} : { language: query.language }),
      ...(query.category === undefined ? {} : { category: query.category }),
      ...(query.severity === undefined ? {} : { severity: query.severity }),
      ...(query.isActive === undefined ? {} : { isActive: query.isActive }),
    };
    const docs = await this.phrases
      .find(filter, this.db.options())
      .sort({ scope: 1, language: 1, label: 1, _id: 1 })
      .toArray();
    return docs.map(emergencyPhraseFromDocument);
  }

  activeFor(orgId: string | null, language: PhraseLanguage): Promise<readonly EmergencyPhrase[]> {
    return this.list({ orgId, language, isActive: true });
  }

  countGlobal(language: PhraseLanguage): Promise<number> {
    return this.phrases.countDocuments({ scope: 'global', language }, this.db.options());
  }

  async insert(phrase: EmergencyPhrase): Promise<void> {
    const doc = emergencyPhraseToDocument(phrase);
    await writeOrConflict(() => this.phrases.insertOne(doc, this.db.options()), UNIQUE);
  }

  async update(phrase: EmergencyPhrase): Promise<EmergencyPhrase> {
    const saved: EmergencyPhrase = { ...phrase, version: phrase.version + 1 };
    const _id = objectIdOrNull(phrase.id);
    if (_id === null) throw casFailure('Emergency phrase', phrase.id, false);
    const result = await writeOrConflict(
      () =>
        this.phrases.replaceOne({ _id, version: phrase.version }, emergencyPhraseToDocument(saved), this.db.options()),
      UNIQUE,
    );
    if (result.matchedCount === 0) {
      const exists = (await this.phrases.countDocuments({ _id }, { ...this.db.options(), limit: 1 })) > 0;
      throw casFailure('Emergency phrase', phrase.id, exists);
    }
    return saved;
  }

  async delete(id: string): Promise<boolean> {
    const _id = objectIdOrNull(id);
    if (_id === null) return false;
    return (await this.phrases.deleteOne({ _id }, this.db.options())).deletedCount > 0;
  }

  async recordUse(id: string, at: Date): Promise<void> {
    const _id = objectIdOrNull(id);
    if (_id === null) return;
    await this.phrases.updateOne({ _id }, { $inc: { usageCount: 1 }, $set: { lastUsedAt: at } }, this.db.options());
  }
}
