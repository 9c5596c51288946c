import type {
  Category,
  EmergencyPhrase,
  PhraseLanguage,
  PhraseScope,
  Severity,
} from '../../domain/emergencies/emergency-phrase';

export interface EmergencyPhraseQuery {
  /** Whose `org` phrases are listed besides the global ones; null lists the global phrases only. */
  readonly orgId: string | null;
  readonly scope?: PhraseScope;
  readonly language?: PhraseLanguage;
  readonly category?: Category;
  readonly severity?: Severity;
  readonly isActive?: boolean;
}

/**
 * Emergency phrases (DOMAIN.md §7.1, §7.6). One phrase per (scope, org, language, label): a second one is the
 * conflict `EMERGENCY_PHRASE_TAKEN`. Updates are compare-and-set on `version` (`STALE_VERSION`); deletes are
 * hard (detections keep the phrase id). Writes join the ambient transaction.
 */
export interface EmergencyPhraseRepository {
  findById(id: string): Promise<EmergencyPhrase | null>;
  /** Global phrases first, then by language, label and id. */
  list(query: EmergencyPhraseQuery): Promise<readonly EmergencyPhrase[]>;
  /** The effective set of DOMAIN.md §7.3.2: active global phrases of `language` and active phrases of `orgId` in it. */
  activeFor(orgId: string | null, language: PhraseLanguage): Promise<readonly EmergencyPhrase[]>;
  /** How many global phrases `language` has, active or not (seeding fills only an empty set). */
  countGlobal(language: PhraseLanguage): Promise<number>;
  insert(phrase: EmergencyPhrase): Promise<void>;
  /** Stores `phrase` if the stored version still equals `phrase.version`; resolves the saved record. */
  update(phrase: EmergencyPhrase): Promise<EmergencyPhrase>;
  /** Removes the phrase; false when there was none. */
  delete(id: string): Promise<boolean>;
  /**
   * Counts a use (the phrase decided an alert) without touching `version`, so it never races an administrator's
   * edit. A missing phrase is ignored: it may have been deleted since it matched.
   */
  recordUse(id: string, at: Date): Promise<void>;
}
