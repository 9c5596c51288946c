export interface EmailMessage {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

/** Outbound e-mail (SES in production, the in-memory outbox in embedded mode). */
export interface EmailSender {
  /** Resolves the provider message id; rejects when the provider refused or was unreachable. */
  send(message: EmailMessage): Promise<string>;
}
