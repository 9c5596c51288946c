export interface SmsMessage {
  /** E.164 number. */
  readonly to: string;
  readonly text: string;
}

/** Outbound SMS (SNS in production, the in-memory outbox in embedded mode). */
export interface SmsSender {
  send(message: SmsMessage): Promise<string>;
}
