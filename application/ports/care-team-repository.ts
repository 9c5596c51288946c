import type { CareTeamAssignment } from '../../domain/patients/care-team';

/**
 * Care-team assignments (DOMAIN.md §3.6), unique per (patient, caregiver). Writes join the ambient transaction.
 */
export interface CareTeamRepository {
  find(patientId: string, caregiverId: string): Promise<CareTeamAssignment | null>;
  /** Stores the assignment unless the pair already exists; resolves whether it was new. */
  insert(assignment: CareTeamAssignment): Promise<boolean>;
  /** Removes the pair; resolves the removed assignment, or null when there was none. */
  remove(patientId: string, caregiverId: string): Promise<CareTeamAssignment | null>;
  /** Every assignment of the listed patients. */
  ofPatients(patientIds: readonly string[]): Promise<readonly CareTeamAssignment[]>;
  /** Every assignment of one caregiver. */
  ofCaregiver(caregiverId: string): Promise<readonly CareTeamAssignment[]>;
  /** Ids of the patients assigned to the caregiver. */
  assignedPatientIds(caregiverId: string): Promise<readonly string[]>;
  /** Ids of the patients of an organisation that have at least one assignment. */
  patientIdsWithAssignments(orgId: string): Promise<readonly string[]>;
  /** Removes every assignment of a patient; resolves the removed ones. */
  removeAllOfPatient(patientId: string): Promise<readonly CareTeamAssignment[]>;
  /** Removes every assignment of a caregiver; resolves the removed ones. */
  removeAllOfCaregiver(caregiverId: string): Promise<readonly CareTeamAssignment[]>;
}
