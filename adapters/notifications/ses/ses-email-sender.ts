import { SESClient, SendEmailCommand, type Body } from '@aws-sdk/client-ses';
import type { EmailMessage, EmailSender } from '../../../application/ports/email-sender';
import { awsClientConfig, type AwsClientOptions } from '../aws-client-options';
import { missingMessageId, toDeliveryError } from '../delivery-error';

export interface SesEmailSenderOptions extends AwsClientOptions {
  /** Verified SES identity used as `Source` (e.g. `MyPhoneFriend <no-reply@example.org>`). */
  readonly from: string;
}

const CHARSET = 'UTF-8';

/** E-mail through Amazon SES (v1 `SendEmail`, query protocol). */
export class SesEmailSender implements EmailSender {
  private readonly client: SESClient;

  constructor(private readonly options: SesEmailSenderOptions) {
    this.client = new SESClient(awsClientConfig(options));
  }

  async send(message: EmailMessage): Promise<string> {
    const body: Body = {};
    if (message.text.length > 0) body.Text = { Data: message.text, Charset: CHARSET };
    if (message.html.length > 0) body.Html = { Data: message.html, Charset: CHARSET };
    let messageId: string | undefined;
    try {
      const output = await this.client.send(
        new SendEmailCommand({
          Source: this.options.from,
          Destination: { ToAddresses: [message.to] },
          Message: { Subject: { Data: message.subject, Charset: CHARSET }, Body: body },
        }),
      );
      messageId = output.MessageId;
    } catch (error) {
      throw toDeliveryError('SES', error);
    }
    if (messageId === undefined || messageId.length === 0) throw missingMessageId('SES');
    return messageId;
  }

  /** Closes the client's keep-alive sockets (shutdown). */
  close(): void {
    this.client.destroy();
  }
}
