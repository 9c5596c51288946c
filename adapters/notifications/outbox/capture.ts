import type { Clock } from '../../../application/ports/clock';
import type { EmailMessage, EmailSender } from '../../../application/ports/email-sender';
import type { MessageOutbox } from '../../../application/ports/message-outbox';
import type { SmsMessage, SmsSender } from '../../../application/ports/sms-sender';

/**
 * Real delivery plus a copy in the outbox, for the test-support router with real providers (§6.4). A message
 * is recorded only once the provider accepted it, under the provider's message id; a refusal propagates.
 */
export class CapturingEmailSender implements EmailSender {
  constructor(
    private readonly inner: EmailSender,
    private readonly outbox: MessageOutbox,
    private readonly clock: Clock,
    /** The sender address the inner sender uses, recorded as `from`. */
    private readonly from: string,
  ) {}

  async send(message: EmailMessage): Promise<string> {
    const messageId = await this.inner.send(message);
    this.outbox.record({
      channel: 'email',
      to: message.to,
      from: this.from,
      subject: message.subject,
      text: message.text,
      html: message.html,
      sentAt: this.clock.now(),
      messageId,
    });
    return messageId;
  }
}

export class CapturingSmsSender implements SmsSender {
  constructor(
    private readonly inner: SmsSender,
    private readonly outbox: MessageOutbox,
    private readonly clock: Clock,
    /** The sender id the inner sender uses, recorded as `from` ('' when none). */
    private readonly from: string = '',
  ) {}

  async send(message: SmsMessage): Promise<string> {
    const messageId = await this.inner.send(message);
    this.outbox.record({
      channel: 'sms',
      to: message.to,
      from: this.from,
      subject: '',
      text: message.text,
      html: '',
      sentAt: this.clock.now(),
      messageId,
    });
    return messageId;
  }
}
