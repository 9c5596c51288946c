import type { CapturedMessage, MessageOutbox } from '../../../application/ports/message-outbox';

/** Default number of messages kept: enough for an e2e run, small enough to never grow without bound. */
export const DEFAULT_OUTBOX_CAPACITY = 1000;

/**
 * The embedded outbox (API-CONTRACT.md §6.4): every e-mail and SMS the system sends, newest last, trimmed to
 * the most recent `capacity` messages.
 */
export class InMemoryMessageOutbox implements MessageOutbox {
  private messages: CapturedMessage[] = [];

  constructor(private readonly capacity: number = DEFAULT_OUTBOX_CAPACITY) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError('InMemoryMessageOutbox capacity must be a positive integer');
    }
  }

  record(message: CapturedMessage): void {
    this.messages.push(message);
    const excess = this.messages.length - this.capacity;
    if (excess > 0) this.messages.splice(0, excess);
  }

  lastTo(address: string): CapturedMessage | undefined {
    const wanted = address.trim().toLowerCase();
    for (let index = this.messages.length - 1; index >= 0; index -= 1) {
      const message = this.messages[index];
      if (message !== undefined && message.to.trim().toLowerCase() === wanted) return message;
    }
    return undefined;
  }

  all(): readonly CapturedMessage[] {
    return [...this.messages];
  }

  clear(): void {
    this.messages = [];
  }
}
