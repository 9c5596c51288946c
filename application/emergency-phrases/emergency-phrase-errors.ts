import { conflict, DomainError, notFound } from '../../domain/shared/errors';

export { orgNotFound } from '../identity/identity-errors';

/** The wire errors of the emergency-phrase endpoints (API-CONTRACT.md §6.3). */
export const phraseNotFound = (): DomainError => notFound('EMERGENCY_PHRASE_NOT_FOUND', 'Emergency phrase not found');

/**
 * The pattern does not compile, or could backtrack catastrophically (DOMAIN.md §7.3.2). The body is the contract's
 * bare `Invalid pattern`; which check refused it is kept on the error (`problem`) for logs and tests.
 */
export class InvalidPatternError extends DomainError {
  constructor(readonly problem: string) {
    super('INVALID_PATTERN', 'invalid', 'Invalid pattern');
    this.name = 'InvalidPatternError';
  }
}

export const invalidPattern = (problem: string): DomainError => new InvalidPatternError(problem);

/** One phrase per (scope, organisation, language, label) (DOMAIN.md §7.1). */
export const phraseTaken = (): DomainError =>
  conflict('EMERGENCY_PHRASE_TAKEN', 'An emergency phrase with this label already exists for this language');
