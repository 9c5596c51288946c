import { DomainError } from '../../domain/shared/errors';

export { orgNotFound } from '../identity/identity-errors';
export { patientNotFound } from '../identity/management-errors';
export { conversationNotFound } from '../conversations/conversation-errors';

/** The wire errors of the analysis context (API-CONTRACT.md §4.12-§4.14). */
export const conversationNotCompleted = (): DomainError =>
  new DomainError('CONVERSATION_NOT_COMPLETED', 'invalid', 'Conversation not completed');
