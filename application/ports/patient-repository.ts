import type { Patient } from '../../domain/patients/patient';
import type { Page, PageRequest } from '../../domain/shared/page';

export type PatientSortField = 'name' | 'email' | 'createdAt';

export interface PatientQuery extends PageRequest<PatientSortField> {
  readonly orgId: string;
  /** Case-insensitive substring of `name`. */
  readonly nameContains?: string;
  /** Exact (already normalised) address. */
  readonly email?: string;
  /** Restricts the list to these ids (a staff member's assigned patients): the scope is applied in the query. */
  readonly onlyIds?: readonly string[];
}

/**
 * Patients. Reads see non-deleted patients only (a deleted patient disappears from every list and lookup);
 * updates are compare-and-set on `version` (`STALE_VERSION` conflict on mismatch).
 */
export interface PatientRepository {
  findById(id: string): Promise<Patient | null>;
  /** The non-deleted patients among `ids`, in the order of `ids`; unknown ids are skipped. */
  findByIds(ids: readonly string[]): Promise<readonly Patient[]>;
  /** True when a non-deleted patient of `orgId` other than `exceptId` has this (normalised) address. */
  isEmailTaken(orgId: string, email: string, exceptId?: string): Promise<boolean>;
  list(query: PatientQuery): Promise<Page<Patient>>;
  /** Ids of the organisation's non-deleted patients, oldest first. */
  idsOfOrg(orgId: string): Promise<readonly string[]>;
  /** The organisation's non-deleted patients, oldest first (ties by id). */
  listByOrg(orgId: string): Promise<readonly Patient[]>;
  insert(patient: Patient): Promise<void>;
  /** Stores `patient` if the stored version still equals `patient.version`; resolves the saved record. */
  update(patient: Patient): Promise<Patient>;
}
