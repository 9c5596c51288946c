import type { CareDirectory, PatientRef } from '../../../application/ports/care-directory';

/** Stands in for the care context until it exists: no patients, no alerts (RESOLUTIONS.md 28). */
export class EmptyCareDirectory implements CareDirectory {
  patientIdsOfOrg(): Promise<readonly string[]> {
    return Promise.resolve([]);
  }

  assignedPatientRefs(): Promise<readonly PatientRef[]> {
    return Promise.resolve([]);
  }

  loginPatients(): Promise<readonly unknown[]> {
    return Promise.resolve([]);
  }

  loginAlerts(): Promise<readonly unknown[]> {
    return Promise.resolve([]);
  }

  removeAssignmentsOf(): Promise<void> {
    return Promise.resolve();
  }
}
