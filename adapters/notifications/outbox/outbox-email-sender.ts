import type { Clock } from '../../../application/ports/clock';
import type { EmailMessage, EmailSender } from '../../../application/ports/email-sender';
import type { MessageOutbox } from '../../../application/ports/message-outbox';
import { logOutboxNotice, newOutboxMessageId, type OutboxSenderOptions } from './outbox-notice';

export type OutboxEmailSenderOptions = OutboxSenderOptions;

/** Embedded-profile e-mail: nothing leaves the process; the message is kept in the outbox (§6.4). */
export class OutboxEmailSender implements EmailSender {
  constructor(
    private readonly outbox: MessageOutbox,
    private readonly clock: Clock,
    private readonly options: OutboxEmailSenderOptions,
  ) {}

  send(message: EmailMessage): Promise<string> {
    const messageId = newOutboxMessageId(this.options.ids);
    this.outbox.record({
      channel: 'email',
      to: message.to,
      from: this.options.from,
      subject: message.subject,
      text: message.text,
      html: message.html,
      sentAt: this.clock.now(),
      messageId,
    });
    logOutboxNotice(this.options, {
      channel: 'email',
      messageId,
      subject: message.subject,
      text: message.text.length > 0 ? message.text : message.html,
    });
    return Promise.resolve(messageId);
  }
}
