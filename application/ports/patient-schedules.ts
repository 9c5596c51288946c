import type { Patient } from '../../domain/patients/patient';
import type { Actor } from '../../domain/shared/actor';

/**
 * What the patients context asks of the schedules context (DOMAIN.md §3.3, API-CONTRACT.md §4.7), which another
 * issue builds. Every method that changes state runs inside the patient use-case's transaction, so a failure
 * undoes the patient change with it. Until the schedules context binds its own, a stand-in that holds no
 * schedules is bound.
 */
export interface PatientSchedules {
  /**
   * The schedules of each listed patient, in the form responses carry them (ScheduleDTO, §3.8); a patient
   * without schedules may be absent from the map.
   */
  schedulesOf(patientIds: readonly string[]): Promise<ReadonlyMap<string, readonly unknown[]>>;
  /** Creates the embedded `schedules` of a new patient (the request bodies of §4.8, not yet validated). */
  createForNewPatient(patient: Patient, schedules: readonly unknown[], actor: Actor): Promise<void>;
  /** A new patient `timezone` re-zones the schedules that inherit it. */
  patientUpdated(before: Patient, after: Patient, actor: Actor): Promise<void>;
  /** Deactivates the patient's schedules and cancels their jobs, pending retries and queued calls. */
  patientDeleted(patient: Patient, actor: Actor): Promise<void>;
}
