import { BrokenCircuitError, IsolatedCircuitError, TaskCancelledError } from 'cockatiel';

/**
 * `ari-client` rejects a REST call with a plain Error whose message is the response body (the HTTP status is lost),
 * so failures are classified by Asterisk's wording (VOICE.md §2.1). `Timeout` and `Unavailable` are ours: no answer
 * in time, and no connection or an open breaker.
 */
export type AriFailureKind = 'NotFound' | 'NotInStasis' | 'Conflict' | 'AriError' | 'Timeout' | 'Unavailable';

export class AriRequestError extends Error {
  constructor(
    readonly kind: AriFailureKind,
    readonly operation: string,
    detail: string,
  ) {
    super(`${operation}: ${kind}${detail === '' ? '' : ` (${detail})`}`);
    this.name = 'AriRequestError';
  }
}

/** The `message` of an Asterisk error body, else the raw text. */
const bodyMessage = (text: string): string => {
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'object' && parsed !== null && 'message' in parsed && typeof parsed.message === 'string') {
      return parsed.message;
    }
  } catch {
    // not JSON: keep the text
  }
  return text;
};

export const classifyAriError = (operation: string, error: unknown): AriRequestError => {
  if (error instanceof AriRequestError) return error;
  // By class: cockatiel 3.2.1's isTaskCancelledError / isIsolatedCircuitError test the bulkhead flag and never match.
  if (error instanceof TaskCancelledError) return new AriRequestError('Timeout', operation, 'no answer in time');
  if (error instanceof BrokenCircuitError || error instanceof IsolatedCircuitError) {
    return new AriRequestError('Unavailable', operation, 'circuit open');
  }
  const raw = error instanceof Error ? error.message : typeof error === 'string' ? error : 'unknown failure';
  const message = bodyMessage(raw).slice(0, 200);
  if (/not found/i.test(message)) return new AriRequestError('NotFound', operation, message);
  if (/not in stasis/i.test(message)) return new AriRequestError('NotInStasis', operation, message);
  if (/already exists/i.test(message)) return new AriRequestError('Conflict', operation, message);
  return new AriRequestError('AriError', operation, message);
};

export const isKind = (error: unknown, ...kinds: AriFailureKind[]): boolean =>
  error instanceof AriRequestError && kinds.includes(error.kind);

/** Failures that say something about Asterisk's health (what the breaker counts); NotFound & co. do not. */
export const isTransportFailure = (error: unknown): boolean => isKind(error, 'Timeout', 'AriError', 'Unavailable');
