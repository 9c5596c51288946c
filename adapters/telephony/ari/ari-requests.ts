import {
  CircuitState,
  ConsecutiveBreaker,
  TimeoutStrategy,
  circuitBreaker,
  handleWhen,
  timeout,
  type CircuitBreakerPolicy,
  type TimeoutPolicy,
} from 'cockatiel';
import { AriRequestError, classifyAriError, isTransportFailure } from './ari-errors';
import type { AriRest } from './ari-rest';
import { pause, type AriTimers } from './ari-timers';

export interface AriRequestSettings {
  readonly requestTimeoutMs: number;
  readonly breakerThreshold: number;
  readonly breakerHalfOpenMs: number;
}

/** Reads are retried twice, after these pauses (VOICE.md §7.2). */
const READ_RETRY_DELAYS_MS = [100, 400];

/**
 * The single wrapper every ARI REST call goes through (VOICE.md §2.1, §7.2, §7.3): a timeout (the library has
 * none), classification of failures, the retry rule for reads, and the telephony circuit breaker for the calls that
 * decide whether Asterisk is usable (connect, health, originate). Hang-ups and cleanup bypass the breaker.
 */
export class AriRequests {
  readonly breaker: CircuitBreakerPolicy;
  private readonly deadline: TimeoutPolicy;

  constructor(
    private readonly restOf: () => AriRest | null,
    private readonly timers: AriTimers,
    settings: AriRequestSettings,
  ) {
    this.deadline = timeout(settings.requestTimeoutMs, TimeoutStrategy.Aggressive);
    this.breaker = circuitBreaker(handleWhen(isTransportFailure), {
      halfOpenAfter: settings.breakerHalfOpenMs,
      breaker: new ConsecutiveBreaker(settings.breakerThreshold),
    });
  }

  /** One attempt with the timeout; failures come out classified. */
  async once<T>(operation: string, call: (rest: AriRest) => Promise<T>): Promise<T> {
    const rest = this.restOf();
    if (rest === null) throw new AriRequestError('Unavailable', operation, 'not connected');
    try {
      return await this.deadline.execute(() => call(rest));
    } catch (error) {
      throw classifyAriError(operation, error);
    }
  }

  /** A read: retried twice on timeouts and transport errors (never on NotFound and the like). */
  async read<T>(operation: string, call: (rest: AriRest) => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await this.once(operation, call);
      } catch (error) {
        const delay = READ_RETRY_DELAYS_MS[attempt];
        if (delay === undefined || !isTransportFailure(error)) throw error;
        await pause(this.timers, delay);
      }
    }
  }

  /** Through the breaker: refused at once while it is open; only transport failures count against it. */
  async guarded<T>(operation: string, call: (rest: AriRest) => Promise<T>): Promise<T> {
    try {
      return await this.breaker.execute(() => this.once(operation, call));
    } catch (error) {
      throw classifyAriError(operation, error);
    }
  }

  /** Counts an outcome observed elsewhere (a connect or a reconnection attempt) on the breaker. */
  record(outcome: 'success' | 'failure'): void {
    this.breaker
      .execute(() => {
        if (outcome === 'failure') throw new AriRequestError('Unavailable', 'connection', 'connection failed');
      })
      .catch(() => undefined);
  }

  get breakerOpen(): boolean {
    // Half-open lets one trial through, so only these two refuse.
    return this.breaker.state === CircuitState.Open || this.breaker.state === CircuitState.Isolated;
  }
}
