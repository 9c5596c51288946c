import { conflict, type DomainError } from '../../domain/shared/errors';

/**
 * The conflicts every store of the persistence family raises the same way, so the memory and Mongo adapters
 * stay interchangeable (the contract suites in test/contract/ pin them).
 */

/** Compare-and-set on `version` found a newer record (DOMAIN.md §1.4). */
export const staleVersion = (entity: string): DomainError =>
  conflict('STALE_VERSION', `${entity} was changed by someone else`, 'STALE_VERSION');

/** An insert reused the id of a stored record: a programming error, refused instead of overwriting. */
export const duplicateId = (entity: string): DomainError => conflict('DUPLICATE_ID', `${entity} already exists`);

/** Another non-deleted organisation uses the address (unique among non-deleted orgs, DOMAIN.md §2.1). */
export const orgEmailTaken = (): DomainError =>
  conflict('ORG_EMAIL_TAKEN', 'Org Email already taken', 'ORG_EMAIL_TAKEN');

/** Another non-deleted caregiver uses the address (unique among non-deleted caregivers, DOMAIN.md §2.1). */
export const caregiverEmailTaken = (): DomainError => conflict('EMAIL_TAKEN', 'Email already taken', 'EMAIL_TAKEN');

/** Another caregiver is linked to the same SSO account ((provider, subject) unique, DOMAIN.md §2.1). */
export const ssoIdentityTaken = (): DomainError =>
  conflict('SSO_IDENTITY_TAKEN', 'This sign-in account is already linked to another caregiver');
