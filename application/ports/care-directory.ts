/** What identity needs from the care context (patients, alerts) before that context exists (RESOLUTIONS.md 28). */
export interface PatientRef {
  readonly id: string;
  readonly name: string;
  readonly email: string | null;
  readonly phone: string;
  readonly avatar: string;
}

export interface CareDirectory {
  patientIdsOfOrg(orgId: string): Promise<readonly string[]>;
  assignedPatientRefs(caregiverId: string): Promise<readonly PatientRef[]>;
  /** The login payload's `patients` (PatientDTOs in the caller's role view). */
  loginPatients(caregiverId: string, role: string): Promise<readonly unknown[]>;
  /** The login payload's `alerts` (unread alerts visible to the caller). */
  loginAlerts(caregiverId: string): Promise<readonly unknown[]>;
  /** Removes every care-team assignment of a deleted caregiver. */
  removeAssignmentsOf(caregiverId: string): Promise<void>;
}
