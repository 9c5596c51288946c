import { PATIENT_LANGUAGES, type PatientLanguage } from '../patients/patient';

/**
 * The EmergencyPhrase aggregate (DOMAIN.md §7.1, API-CONTRACT.md §6.3 EmergencyPhraseDTO; RESOLUTIONS.md 34 names
 * the human-readable field `label`). `global` phrases belong to the platform and have no organisation here
 * (`orgId: null`); `org` phrases are one organisation's additions.
 */
export const PHRASE_SCOPES = ['global', 'org'] as const;
export type PhraseScope = (typeof PHRASE_SCOPES)[number];

/** Highest first: the order decisions use (DOMAIN.md §7.3.6). */
export const SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Highest first: the tie-break after severity. */
export const CATEGORIES = ['Medical', 'Safety', 'Physical', 'Request'] as const;
export type Category = (typeof CATEGORIES)[number];

export const BOUNDARIES = ['word', 'none'] as const;
export type Boundary = (typeof BOUNDARIES)[number];

/** Phrases are kept for patient languages only: no other language is ever matched. */
export const PHRASE_LANGUAGES = PATIENT_LANGUAGES;
export type PhraseLanguage = PatientLanguage;

export const PHRASE_LIMITS = {
  labelMax: 200,
  patternMax: 500,
  descriptionMax: 500,
  tagsMax: 20,
  tagMax: 50,
} as const;

/** Who created or last changed a phrase: a caregiver id, or `system` for the seed. */
export type PhraseAuthor = string;

export interface EmergencyPhrase {
  readonly id: string;
  readonly scope: PhraseScope;
  /** Null for `global` phrases. */
  readonly orgId: string | null;
  readonly label: string;
  readonly language: PhraseLanguage;
  readonly severity: Severity;
  readonly category: Category;
  readonly pattern: string;
  readonly boundary: Boundary;
  readonly isActive: boolean;
  readonly description: string | null;
  readonly tags: readonly string[];
  readonly usageCount: number;
  readonly lastUsedAt: Date | null;
  readonly createdBy: PhraseAuthor;
  readonly lastModifiedBy: PhraseAuthor;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly version: number;
}

export const isPhraseLanguage = (value: string): value is PhraseLanguage =>
  (PHRASE_LANGUAGES as readonly string[]).includes(value);

/** Scripts written without spaces between words get no word boundary by default (DOMAIN.md §7.1). */
export const defaultBoundary = (language: PhraseLanguage): Boundary =>
  language === 'zh' || language === 'ja' ? 'none' : 'word';

export interface NewEmergencyPhrase {
  readonly id: string;
  readonly scope: PhraseScope;
  readonly orgId: string | null;
  readonly label: string;
  readonly language: PhraseLanguage;
  readonly severity: Severity;
  readonly category: Category;
  readonly pattern: string;
  readonly boundary?: Boundary;
  readonly isActive?: boolean;
  readonly description?: string | null;
  readonly tags?: readonly string[];
  readonly author: PhraseAuthor;
  readonly now: Date;
}

/** A new phrase; `orgId` is dropped for `global` phrases so the two scopes can never be mixed up. */
export const createEmergencyPhrase = (input: NewEmergencyPhrase): EmergencyPhrase => ({
  id: input.id,
  scope: input.scope,
  orgId: input.scope === 'global' ? null : input.orgId,
  label: input.label.trim(),
  language: input.language,
  severity: input.severity,
  category: input.category,
  pattern: input.pattern,
  boundary: input.boundary ?? defaultBoundary(input.language),
  isActive: input.isActive ?? true,
  description: input.description ?? null,
  tags: [...(input.tags ?? [])],
  usageCount: 0,
  lastUsedAt: null,
  createdBy: input.author,
  lastModifiedBy: input.author,
  createdAt: input.now,
  updatedAt: input.now,
  version: 1,
});

export interface EmergencyPhraseChanges {
  readonly scope?: PhraseScope;
  readonly orgId?: string | null;
  readonly label?: string;
  readonly language?: PhraseLanguage;
  readonly severity?: Severity;
  readonly category?: Category;
  readonly pattern?: string;
  readonly boundary?: Boundary;
  readonly isActive?: boolean;
  readonly description?: string | null;
  readonly tags?: readonly string[];
}

type ChangeKey = keyof EmergencyPhraseChanges;

const sameValue = (a: unknown, b: unknown): boolean =>
  Array.isArray(a) && Array.isArray(b) ? a.length === b.length && a.every((x, i) => x === b[i]) : a === b;

/** Applies an update; `changed` lists the fields whose value really changed (an echo changes nothing). */
export const applyPhraseChanges = (
  phrase: EmergencyPhrase,
  changes: EmergencyPhraseChanges,
  author: PhraseAuthor,
  now: Date,
): { next: EmergencyPhrase; changed: ChangeKey[] } => {
  const normalised: EmergencyPhraseChanges = {
    ...changes,
    ...(changes.label === undefined ? {} : { label: changes.label.trim() }),
  };
  const changed: ChangeKey[] = [];
  const next: Record<string, unknown> = { ...phrase };
  for (const key of Object.keys(normalised) as ChangeKey[]) {
    const value = normalised[key];
    if (value === undefined || sameValue(value, phrase[key as keyof EmergencyPhrase])) continue;
    next[key] = Array.isArray(value) ? [...(value as string[])] : value;
    changed.push(key);
  }
  if (next['scope'] === 'global') next['orgId'] = null;
  if (changed.length === 0) return { next: phrase, changed };
  return { next: { ...(next as unknown as EmergencyPhrase), lastModifiedBy: author, updatedAt: now }, changed };
};

/** The unique key of DOMAIN.md §7.1: one phrase per (scope, org, language, label). */
export const phraseKey = (phrase: Pick<EmergencyPhrase, 'scope' | 'orgId' | 'language' | 'label'>): string =>
  [phrase.scope, phrase.orgId ?? '-', phrase.language, phrase.label].join('\u0000');

/** The numbers DOMAIN.md §7.3.6 ranks by: lower sorts first (the more urgent). */
export const severityRank = (severity: Severity): number => SEVERITIES.indexOf(severity);
export const categoryRank = (category: Category): number => CATEGORIES.indexOf(category);

/**
 * Validation problems of the free-text fields (Joi wording, RESOLUTIONS.md 23), for callers that did not go
 * through the HTTP schema (the seed, other contexts). The pattern itself is checked by `patternProblem`.
 */
export const phraseFieldProblems = (fields: {
  readonly label?: string;
  readonly description?: string | null;
  readonly tags?: readonly string[];
}): string[] => {
  const problems: string[] = [];
  if (fields.label !== undefined) {
    const label = fields.label.trim();
    if (label === '') problems.push('"label" is not allowed to be empty');
    if (label.length > PHRASE_LIMITS.labelMax) {
      problems.push(`"label" length must be less than or equal to ${PHRASE_LIMITS.labelMax} characters long`);
    }
  }
  if (typeof fields.description === 'string' && fields.description.length > PHRASE_LIMITS.descriptionMax) {
    problems.push(`"description" length must be less than or equal to ${PHRASE_LIMITS.descriptionMax} characters long`);
  }
  if (fields.tags !== undefined) {
    if (fields.tags.length > PHRASE_LIMITS.tagsMax) {
      problems.push(`"tags" must contain less than or equal to ${PHRASE_LIMITS.tagsMax} items`);
    }
    if (fields.tags.some((tag) => tag.length > PHRASE_LIMITS.tagMax)) {
      problems.push(`"tags" items length must be less than or equal to ${PHRASE_LIMITS.tagMax} characters long`);
    }
  }
  return problems;
};
