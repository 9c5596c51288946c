import { RealtimeConnection, RealtimeOpenError, type ConnectionHandlers } from './realtime-connection';
import type { RealtimeAgentOptions } from './realtime-options';
import { decodeServerEvent } from './realtime-server-events';

/** A connection whose session is configured (`session.updated` received): ready for the call. */
export interface ReadyConnection {
  readonly connection: RealtimeConnection;
  readonly sessionId: string | null;
  /** Provider session cap (unix ms) when `session.created` announced it. */
  readonly expiresAtMs: number | null;
  /** Hands the connection to its owner; messages that arrived after `session.updated` are delivered first. */
  takeOver(handlers: ConnectionHandlers): void;
}

/**
 * One open attempt (VOICE.md §4.1, §4.9): socket → `session.created` → our `session.update` → `session.updated`,
 * all within `timeoutMs`. An `error` answering the update fails the attempt: a configuration bug is not retried,
 * a rate limit or server error may be.
 */
export const openReadyConnection = async (
  options: RealtimeAgentOptions,
  timeoutMs: number,
  sessionUpdate: (eventId: string) => string,
): Promise<ReadyConnection> => {
  const started = performance.now();
  const connection = await RealtimeConnection.open(options, timeoutMs);
  const remaining = Math.max(1, timeoutMs - (performance.now() - started));
  return new Promise((resolve, reject) => {
    let sessionId: string | null = null;
    let expiresAtMs: number | null = null;
    let ready = false;
    let owner: ConnectionHandlers | null = null;
    const early: string[] = [];
    let lostEarly: string | null = null;
    const updateId = 'evt_session_update_0';
    const fail = (error: RealtimeOpenError): void => {
      clearTimeout(timer);
      connection.close(1000);
      reject(error);
    };
    const timer = setTimeout(() => fail(new RealtimeOpenError('timeout', 'session not configured in time')), remaining);
    const takeOver = (handlers: ConnectionHandlers): void => {
      owner = handlers;
      for (const text of early.splice(0)) handlers.onMessage(text);
      if (lostEarly !== null) handlers.onLost(lostEarly);
    };
    connection.start({
      onMessage: (text) => {
        if (owner !== null) return owner.onMessage(text);
        if (ready) return void early.push(text);
        const decoded = decodeServerEvent(text);
        if (decoded.kind !== 'event') return;
        const event = decoded.event;
        if (event.type === 'session.created') {
          sessionId = event.session.id ?? null;
          expiresAtMs = event.session.expires_at === undefined ? null : event.session.expires_at * 1000;
          connection.send(sessionUpdate(updateId));
        } else if (event.type === 'session.updated') {
          ready = true;
          clearTimeout(timer);
          resolve({ connection, sessionId, expiresAtMs, takeOver });
        } else if (event.type === 'error') {
          const { code, type, message } = event.error;
          const failure =
            code === 'rate_limit_exceeded'
              ? 'rate_limited'
              : type === 'invalid_request_error'
                ? 'invalid_config'
                : 'server_error';
          fail(new RealtimeOpenError(failure, `${code ?? type}: ${message}`));
        }
      },
      onLost: (reason) => {
        if (owner !== null) return owner.onLost(reason);
        if (ready) {
          lostEarly = reason;
          return;
        }
        clearTimeout(timer);
        reject(new RealtimeOpenError('network', `lost before ready: ${reason}`));
      },
    });
  });
};

/**
 * Attempts at the given offsets from `startedAt` (VOICE.md §4.9: 0, 250, 750 ms), each bounded by what is left of
 * the budget; stops at the first success, at a failure that is not retryable, or when `cancelled()` says so.
 */
export const attemptWithinBudget = async <T>(
  budgetMs: number,
  delaysMs: readonly number[],
  attempt: (remainingMs: number) => Promise<T>,
  cancelled: () => boolean,
): Promise<T> => {
  const startedAt = performance.now();
  let last: unknown = new RealtimeOpenError('timeout', 'no attempt fitted in the budget');
  for (const delay of delaysMs) {
    const wait = startedAt + delay - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const remaining = budgetMs - (performance.now() - startedAt);
    if (remaining <= 0) break;
    if (cancelled()) throw new RealtimeOpenError('network', 'cancelled');
    try {
      return await attempt(remaining);
    } catch (error) {
      last = error;
      if (error instanceof RealtimeOpenError && !error.retryable) throw error;
    }
  }
  throw last;
};
