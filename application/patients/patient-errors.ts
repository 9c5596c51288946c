import type { AssignmentProblem } from '../../domain/patients/care-team';
import { DomainError } from '../../domain/shared/errors';
import { caregiverNotFound } from '../identity/identity-errors';
import { patientNotFound } from '../identity/management-errors';

export { caregiverNotFound, emailTaken, orgNotFound } from '../identity/identity-errors';
export { patientNotFound } from '../identity/management-errors';

/** The wire errors of the patients context not shared with identity (API-CONTRACT.md §4.7). */
export const caregiverNotAssignable = (): DomainError =>
  new DomainError('CAREGIVER_NOT_ASSIGNABLE', 'invalid', 'Caregiver cannot be assigned to patients');

/** The answer to an assignment that breaks an invariant: a side that vanished is not found. */
export const assignmentError = (problem: AssignmentProblem): DomainError => {
  if (problem === 'role_not_assignable') return caregiverNotAssignable();
  return problem === 'patient_deleted' ? patientNotFound() : caregiverNotFound();
};
