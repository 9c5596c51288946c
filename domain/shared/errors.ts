/**
 * Expected failures of the core. Each carries a stable identifier (logged, and sent as `reason` only where the
 * wire contract defines one) and a kind that the HTTP adapter maps to a status. Nothing else writes error bodies.
 */
export type ErrorKind =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'unavailable'
  | 'too-large'
  | 'rate-limited'
  | 'not-configured'
  | 'upstream-failed';

export interface DomainErrorOptions {
  /** Wire `reason` (API-CONTRACT.md §3.1); omitted when the contract defines none for this error. */
  readonly reason?: string;
  /** Named extra fields the contract allows on the error body (e.g. `minutesRemaining`). */
  readonly extra?: Readonly<Record<string, string | number | boolean>>;
  readonly cause?: unknown;
}

export class DomainError extends Error {
  readonly reason: string | undefined;
  readonly extra: Readonly<Record<string, string | number | boolean>>;

  constructor(
    readonly id: string,
    readonly kind: ErrorKind,
    message: string,
    options: DomainErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'DomainError';
    this.reason = options.reason;
    this.extra = options.extra ?? {};
  }
}

export const isDomainError = (value: unknown): value is DomainError => value instanceof DomainError;

/** Validation problems, already worded Joi-style (`"email" must be a valid email`), in schema order. */
export class ValidationError extends DomainError {
  constructor(readonly problems: readonly string[]) {
    super('VALIDATION_FAILED', 'invalid', problems.join(', '));
    this.name = 'ValidationError';
  }
}

export const notFound = (id: string, message = 'Not found'): DomainError => new DomainError(id, 'not-found', message);

export const forbidden = (id = 'FORBIDDEN'): DomainError =>
  new DomainError(id, 'forbidden', 'Access denied: insufficient permissions.', { reason: 'FORBIDDEN' });

export const conflict = (id: string, message: string, reason?: string): DomainError =>
  new DomainError(id, 'conflict', message, reason === undefined ? {} : { reason });

export const unavailable = (id: string, message = 'Service unavailable'): DomainError =>
  new DomainError(id, 'unavailable', message, { reason: 'SERVICE_UNAVAILABLE' });

/** 429: the header `Retry-After` carries `retryAfterSeconds`. */
export class RateLimitedError extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super('RATE_LIMITED', 'rate-limited', 'Too many requests. Please try again later.', { reason: 'RATE_LIMITED' });
    this.name = 'RateLimitedError';
  }
}
