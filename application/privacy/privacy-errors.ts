import { notFound, type DomainError } from '../../domain/shared/errors';

export { caregiverNotFound } from '../identity/identity-errors';
export { patientNotFound } from '../patients/patient-errors';

/** The wire errors of the privacy context (API-CONTRACT.md §6.3). */
export const privacyRequestNotFound = (): DomainError =>
  notFound('PRIVACY_REQUEST_NOT_FOUND', 'Privacy request not found');

export const consentNotFound = (): DomainError => notFound('CONSENT_NOT_FOUND', 'Consent not found');

/** Not an access request, not completed, past its 7 days, or not the caller's to download. */
export const privacyExportNotFound = (): DomainError =>
  notFound('PRIVACY_EXPORT_NOT_FOUND', 'Privacy export not found');
