import type { DomainEvent } from '../../domain/shared/domain-event';
import type { Clock } from '../ports/clock';
import type { EventHandler } from '../ports/event-handler';
import type { OutboxStore } from '../ports/event-outbox';
import type { Logger } from '../ports/logger';

export interface OutboxRelayOptions {
  readonly batchSize: number;
  readonly maxAttempts: number;
  readonly retryBaseMs: number;
}

export const defaultOutboxRelayOptions: OutboxRelayOptions = { batchSize: 100, maxAttempts: 8, retryBaseMs: 1000 };

/**
 * Delivers committed events to their handlers, one drain at a time. Each handler runs at most once per event
 * (claimed in the store), so a crash between two handlers re-runs only the one that did not finish. A failing
 * handler's event is retried with exponential back-off and parked after `maxAttempts`.
 */
export class OutboxRelay {
  private running: Promise<void> | null = null;
  private again = false;

  constructor(
    private readonly store: OutboxStore,
    private readonly handlers: readonly EventHandler[],
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly options: OutboxRelayOptions = defaultOutboxRelayOptions,
  ) {}

  /** Asks for a drain soon; calls made while one runs coalesce into one more pass. */
  kick(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.loop().finally(() => {
      this.running = null;
    });
  }

  /** Resolves when no drain is in progress (tests and shutdown). */
  async whenIdle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      try {
        await this.drainOnce();
      } catch (error) {
        this.logger.error({ err: error }, 'outbox drain failed');
      }
    } while (this.again);
  }

  /** Delivers one batch; returns how many events it handled. */
  async drainOnce(): Promise<number> {
    const batch = await this.store.pending(this.options.batchSize, this.clock.now());
    for (const { event, attempts } of batch) await this.deliver(event, attempts);
    if (batch.length === this.options.batchSize) this.again = true;
    return batch.length;
  }

  private async deliver(event: DomainEvent, attempts: number): Promise<void> {
    const subscribers = this.handlers.filter((handler) => handler.eventTypes.includes(event.type));
    for (const handler of subscribers) {
      if (!(await this.store.claimHandling(event.eventId, handler.name))) continue;
      try {
        await handler.handle(event);
      } catch (error) {
        await this.store.releaseHandling(event.eventId, handler.name);
        await this.store.markFailed(event.eventId, this.retryAt(attempts + 1));
        this.logger.error(
          { err: error, eventId: event.eventId, eventType: event.type, handler: handler.name, attempts: attempts + 1 },
          'event handler failed',
        );
        return;
      }
    }
    await this.store.markDispatched(event.eventId, this.clock.now());
  }

  private retryAt(attempts: number): Date | null {
    if (attempts >= this.options.maxAttempts) return null;
    return new Date(this.clock.now().getTime() + this.options.retryBaseMs * 2 ** (attempts - 1));
  }
}
