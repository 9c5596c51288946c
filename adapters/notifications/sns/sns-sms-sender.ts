import { PublishCommand, SNSClient, type MessageAttributeValue } from '@aws-sdk/client-sns';
import type { SmsMessage, SmsSender } from '../../../application/ports/sms-sender';
import { awsClientConfig, type AwsClientOptions } from '../aws-client-options';
import { missingMessageId, toDeliveryError } from '../delivery-error';

export interface SnsSmsSenderOptions extends AwsClientOptions {
  /** Alphanumeric sender id (1-11 characters) where the destination country supports one. */
  readonly senderId?: string;
}

/** SMS through Amazon SNS (`Publish` to a phone number, transactional route). */
export class SnsSmsSender implements SmsSender {
  private readonly client: SNSClient;
  private readonly attributes: Record<string, MessageAttributeValue>;

  constructor(options: SnsSmsSenderOptions) {
    this.client = new SNSClient(awsClientConfig(options));
    this.attributes = {
      'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
      ...(options.senderId === undefined || options.senderId.length === 0
        ? {}
        : { 'AWS.SNS.SMS.SenderID': { DataType: 'String', StringValue: options.senderId } }),
    };
  }

  async send(message: SmsMessage): Promise<string> {
    let messageId: string | undefined;
    try {
      const output = await this.client.send(
        new PublishCommand({ PhoneNumber: message.to, Message: message.text, MessageAttributes: this.attributes }),
      );
      messageId = output.MessageId;
    } catch (error) {
      throw toDeliveryError('SNS', error);
    }
    if (messageId === undefined || messageId.length === 0) throw missingMessageId('SNS');
    return messageId;
  }

  /** Closes the client's keep-alive sockets (shutdown). */
  close(): void {
    this.client.destroy();
  }
}
