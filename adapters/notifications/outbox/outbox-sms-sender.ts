import type { Clock } from '../../../application/ports/clock';
import type { MessageOutbox } from '../../../application/ports/message-outbox';
import type { SmsMessage, SmsSender } from '../../../application/ports/sms-sender';
import { logOutboxNotice, newOutboxMessageId, type OutboxSenderOptions } from './outbox-notice';

export type OutboxSmsSenderOptions = OutboxSenderOptions;

/** Embedded-profile SMS: nothing reaches a carrier; the message is kept in the outbox (§6.4). */
export class OutboxSmsSender implements SmsSender {
  constructor(
    private readonly outbox: MessageOutbox,
    private readonly clock: Clock,
    private readonly options: OutboxSmsSenderOptions,
  ) {}

  send(message: SmsMessage): Promise<string> {
    const messageId = newOutboxMessageId(this.options.ids);
    this.outbox.record({
      channel: 'sms',
      to: message.to,
      from: this.options.from,
      subject: '',
      text: message.text,
      html: '',
      sentAt: this.clock.now(),
      messageId,
    });
    logOutboxNotice(this.options, { channel: 'sms', messageId, subject: '', text: message.text });
    return Promise.resolve(messageId);
  }
}
