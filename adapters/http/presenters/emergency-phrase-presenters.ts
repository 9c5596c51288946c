import type { EmergencyPhrase } from '../../../domain/emergencies/emergency-phrase';

/** EmergencyPhraseDTO (API-CONTRACT.md §6.3): `org` is the organisation id, null for global phrases. */
export interface EmergencyPhraseDto {
  id: string;
  scope: string;
  org: string | null;
  label: string;
  language: string;
  severity: string;
  category: string;
  pattern: string;
  boundary: string;
  isActive: boolean;
  description: string | null;
  tags: string[];
  usageCount: number;
  lastUsedAt: string | null;
}

export const emergencyPhraseDto = (phrase: EmergencyPhrase): EmergencyPhraseDto => ({
  id: phrase.id,
  scope: phrase.scope,
  org: phrase.orgId,
  label: phrase.label,
  language: phrase.language,
  severity: phrase.severity,
  category: phrase.category,
  pattern: phrase.pattern,
  boundary: phrase.boundary,
  isActive: phrase.isActive,
  description: phrase.description,
  tags: [...phrase.tags],
  usageCount: phrase.usageCount,
  lastUsedAt: phrase.lastUsedAt === null ? null : phrase.lastUsedAt.toISOString(),
});
