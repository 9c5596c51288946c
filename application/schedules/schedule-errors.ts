import { notFound, type DomainError } from '../../domain/shared/errors';

export { patientNotFound } from '../patients/patient-errors';

/** 404 `Schedule not found` (API-CONTRACT.md §4.8): unknown, deleted, another organisation's, or its patient gone. */
export const scheduleNotFound = (): DomainError => notFound('SCHEDULE_NOT_FOUND', 'Schedule not found');
