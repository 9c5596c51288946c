import { conflict, DomainError, notFound, unavailable } from '../../domain/shared/errors';

export { patientNotFound } from '../identity/management-errors';

/** The wire errors of the calls context (API-CONTRACT.md §4.11). A call is addressed by its conversation id. */
export const callNotFound = (): DomainError => notFound('CALL_NOT_FOUND', 'Conversation not found');

export const patientHasNoPhone = (): DomainError =>
  new DomainError('PATIENT_NO_PHONE', 'invalid', 'Patient does not have a phone number');

export const callInProgress = (): DomainError =>
  conflict('CALL_IN_PROGRESS', 'A call to this patient is already in progress', 'CALL_IN_PROGRESS');

export const telephonyUnavailable = (): DomainError =>
  unavailable('TELEPHONY_UNAVAILABLE', 'Telephony is not available');

/** True for the compare-and-set conflict system handlers reload and retry (DOMAIN.md §1.4). */
export const isStaleVersion = (error: unknown): boolean =>
  error instanceof DomainError && error.reason === 'STALE_VERSION';
