import { notFound, type DomainError } from '../../domain/shared/errors';

export { patientNotFound } from '../identity/management-errors';

/** The wire errors of the conversations context (API-CONTRACT.md §4.9). */
export const conversationNotFound = (): DomainError => notFound('CONVERSATION_NOT_FOUND', 'Conversation not found');
