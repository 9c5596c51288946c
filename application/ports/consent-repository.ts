import type { ConsentRecord } from '../../domain/privacy/consent';
import type { PrivacySubjectType } from '../../domain/privacy/privacy-subject';

/**
 * Consent records (DOMAIN.md §11.6), kept with their history (withdrawn and superseded records included; no
 * delete). Updates are compare-and-set on `version`; writes join the ambient transaction.
 */
export interface ConsentRepository {
  findById(id: string): Promise<ConsentRecord | null>;
  /** Every record of one subject, oldest first (ties by id). */
  listBySubject(subjectType: PrivacySubjectType, subjectId: string): Promise<readonly ConsentRecord[]>;
  insert(consent: ConsentRecord): Promise<void>;
  /** Stores `consent` if the stored version still equals `consent.version`; resolves the saved record. */
  update(consent: ConsentRecord): Promise<ConsentRecord>;
}
