import { ValidationError } from '../shared/errors';

/**
 * One invalid input, already worded Joi-style for the wire (RESOLUTIONS.md 23, API-CONTRACT.md §4.8):
 * `path` is the dotted field path (`intervals[0].day`), `message` the full text including the quoted path.
 */
export interface ValidationProblem {
  readonly path: string;
  readonly message: string;
}

export const problem = (path: string, text: string): ValidationProblem => ({ path, message: `"${path}" ${text}` });

/** What a use-case throws for a list of problems (messages in schema order, joined with ", " on the wire). */
export const toValidationError = (problems: readonly ValidationProblem[]): ValidationError =>
  new ValidationError(problems.map((entry) => entry.message));
