import type { ObjectId } from 'mongodb';
import type {
  Boundary,
  Category,
  EmergencyPhrase,
  PhraseLanguage,
  PhraseScope,
  Severity,
} from '../../../domain/emergencies/emergency-phrase';
import { hexOf, nullableHex, nullableObjectId, toObjectId } from './object-ids';

/**
 * An emergency phrase as stored: `_id` and `orgId` are ObjectIds (`orgId` null for global phrases), dates are BSON
 * dates. `createdBy`/`lastModifiedBy` stay strings: they are a caregiver id or `system`.
 */
export interface EmergencyPhraseDocument {
  _id: ObjectId;
  scope: PhraseScope;
  orgId: ObjectId | null;
  label: string;
  language: PhraseLanguage;
  severity: Severity;
  category: Category;
  pattern: string;
  boundary: Boundary;
  isActive: boolean;
  description: string | null;
  tags: string[];
  usageCount: number;
  lastUsedAt: Date | null;
  createdBy: string;
  lastModifiedBy: string;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

const plainFields = (p: EmergencyPhrase | EmergencyPhraseDocument) => ({
  scope: p.scope,
  label: p.label,
  language: p.language,
  severity: p.severity,
  category: p.category,
  pattern: p.pattern,
  boundary: p.boundary,
  isActive: p.isActive,
  description: p.description,
  tags: [...p.tags],
  usageCount: p.usageCount,
  lastUsedAt: p.lastUsedAt,
  createdBy: p.createdBy,
  lastModifiedBy: p.lastModifiedBy,
  createdAt: p.createdAt,
  updatedAt: p.updatedAt,
  version: p.version,
});

export const emergencyPhraseToDocument = (p: EmergencyPhrase): EmergencyPhraseDocument => ({
  _id: toObjectId(p.id),
  orgId: nullableObjectId(p.orgId, 'orgId'),
  ...plainFields(p),
});

export const emergencyPhraseFromDocument = (doc: EmergencyPhraseDocument): EmergencyPhrase => ({
  id: hexOf(doc._id),
  orgId: nullableHex(doc.orgId),
  ...plainFields(doc),
});
