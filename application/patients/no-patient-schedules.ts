import { ValidationError } from '../../domain/shared/errors';
import type { PatientSchedules } from '../ports/patient-schedules';

/**
 * The stand-in until the schedules context exists: no patient has schedules, so every response carries
 * `schedules: []`. Embedded schedules in a create request are refused rather than silently dropped.
 */
export class NoPatientSchedules implements PatientSchedules {
  schedulesOf(): Promise<ReadonlyMap<string, readonly unknown[]>> {
    return Promise.resolve(new Map());
  }

  createForNewPatient(_patient: unknown, schedules: readonly unknown[]): Promise<void> {
    if (schedules.length === 0) return Promise.resolve();
    return Promise.reject(new ValidationError(['"schedules" cannot be created yet: schedules are not available']));
  }

  patientUpdated(): Promise<void> {
    return Promise.resolve();
  }

  patientDeleted(): Promise<void> {
    return Promise.resolve();
  }
}
