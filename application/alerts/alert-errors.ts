import { notFound, type DomainError } from '../../domain/shared/errors';

export { caregiverNotFound, orgNotFound } from '../identity/identity-errors';
export { patientNotFound } from '../identity/management-errors';

/** The wire errors of the alerts context (API-CONTRACT.md §4.10). */
export const alertNotFound = (): DomainError => notFound('ALERT_NOT_FOUND', 'Alert not found');

export const conversationNotFound = (): DomainError => notFound('CONVERSATION_NOT_FOUND', 'Conversation not found');
