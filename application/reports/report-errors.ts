import { notFound, type DomainError } from '../../domain/shared/errors';

export { patientNotFound } from '../identity/management-errors';

/** The wire errors of the reports endpoints (API-CONTRACT.md §6.3). */
export const reportNotFound = (): DomainError => notFound('REPORT_NOT_FOUND', 'Report not found');
