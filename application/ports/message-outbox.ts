/** A copy of every e-mail and SMS sent, kept while the test-support router is enabled (API-CONTRACT.md §6.4). */
export interface CapturedMessage {
  readonly channel: 'email' | 'sms';
  readonly to: string;
  readonly from: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  readonly sentAt: Date;
  readonly messageId: string;
}

export interface MessageOutbox {
  record(message: CapturedMessage): void;
  /** The newest message to `address` (compared case-insensitively), if any. */
  lastTo(address: string): CapturedMessage | undefined;
  all(): readonly CapturedMessage[];
  clear(): void;
}
