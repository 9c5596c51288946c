import { conflict, DomainError, notFound, ValidationError } from '../../domain/shared/errors';

/** Wire errors of org and caregiver management (API-CONTRACT.md §4.5, §4.6) not already in identity-errors.ts. */
export const caregiverAlreadyInOrg = (): DomainError =>
  conflict('CAREGIVER_ALREADY_IN_ORG', 'Caregiver already assigned to this org');

export const caregiverNotActivated = (): DomainError =>
  new DomainError('CAREGIVER_NOT_ACTIVATED', 'invalid', 'Caregiver has not activated the account yet');

export const patientNotFound = (): DomainError => notFound('PATIENT_NOT_FOUND', 'Patient not found');

export const platformOrgMissing = (): DomainError =>
  conflict('PLATFORM_ORG_MISSING', 'The platform organization does not exist');

export const superAdminOutsidePlatform = (): DomainError =>
  new DomainError('SUPERADMIN_OUTSIDE_PLATFORM', 'invalid', 'A superAdmin must belong to the platform organization');

/** A phone number cannot be removed by sending an empty value; an empty value is only accepted as an echo. */
export const phoneRequired = (): DomainError => new ValidationError(['"phone" must be a valid phone number']);
