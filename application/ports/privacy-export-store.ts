import type { PrivacySubjectType } from '../../domain/privacy/privacy-subject';

/** One access export, stored encrypted (the ciphertext of the JSON document, from `SecretCipher`). */
export interface StoredPrivacyExport {
  /** The id of the access request it answers (one export per request). */
  readonly id: string;
  readonly orgId: string;
  readonly subjectType: PrivacySubjectType;
  readonly subjectId: string;
  readonly ciphertext: string;
  readonly createdAt: Date;
  /** After this instant the export is never served again. */
  readonly expiresAt: Date;
}

/**
 * Access exports (DOMAIN.md §11.10 `PrivacyExportStore`): written once when a request completes, read by the
 * download, deleted when they expire or when their subject is anonymised. Writes join the ambient transaction.
 */
export interface PrivacyExportStore {
  /** Stores the export, replacing one stored under the same id. */
  save(stored: StoredPrivacyExport): Promise<void>;
  find(id: string): Promise<StoredPrivacyExport | null>;
  /** Deletes every export whose `expiresAt` is at or before `now`; resolves how many. */
  deleteExpired(now: Date): Promise<number>;
  /** Deletes every export about the subject; resolves how many. */
  deleteBySubject(subjectType: PrivacySubjectType, subjectId: string): Promise<number>;
}
