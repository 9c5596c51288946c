import { SnsSmsSender } from '../../../adapters/notifications/sns/sns-sms-sender';
import { NotificationDeliveryError } from '../../../adapters/notifications/delivery-error';
import { FakeAws } from '../../support/fakes/fake-aws';

const credentials = { accessKeyId: 'AKIDTESTSNS', secretAccessKey: 'sns-test-secret' };
const phone = '+16045551234';

describe('SnsSmsSender against a query-protocol SNS fake', () => {
  let aws: FakeAws;

  beforeAll(async () => {
    aws = await FakeAws.start([credentials]);
  });

  afterAll(async () => {
    await aws.close();
  });

  beforeEach(() => aws.reset());

  const sender = (senderId?: string): SnsSmsSender =>
    new SnsSmsSender({
      region: 'us-east-1',
      endpoint: aws.endpoint,
      credentials,
      maxAttempts: 1,
      ...(senderId === undefined ? {} : { senderId }),
    });

  it('publishes to the phone number as a transactional SMS and returns the SNS message id', async () => {
    const sns = sender();
    try {
      const messageId = await sns.send({
        to: phone,
        text: 'Your MyPhoneFriend code is 482913. It expires in 10 minutes.',
      });
      expect(aws.requests).toHaveLength(1);
      const request = aws.requests[0];
      expect(request.service).toBe('sns');
      expect(request.params).toEqual({
        Action: 'Publish',
        Version: '2010-03-31',
        PhoneNumber: phone,
        Message: 'Your MyPhoneFriend code is 482913. It expires in 10 minutes.',
        'MessageAttributes.entry.1.Name': 'AWS.SNS.SMS.SMSType',
        'MessageAttributes.entry.1.Value.DataType': 'String',
        'MessageAttributes.entry.1.Value.StringValue': 'Transactional',
      });
      expect(String(request.headers['authorization'])).toMatch(
        /^AWS4-HMAC-SHA256 Credential=AKIDTESTSNS\/\d{8}\/us-east-1\/sns\/aws4_request, /,
      );
      expect(messageId).toBe(request.messageId);
      expect(messageId).toMatch(/^[0-9a-f-]{36}$/);
    } finally {
      sns.close();
    }
  });

  it('adds the sender id attribute when configured', async () => {
    const sns = sender('Bianca');
    try {
      await sns.send({ to: phone, text: 'hello' });
      const params = aws.requests[0].params;
      const attributes = new Map<string, string>();
      for (let i = 1; params[`MessageAttributes.entry.${i}.Name`] !== undefined; i += 1) {
        attributes.set(
          params[`MessageAttributes.entry.${i}.Name`],
          params[`MessageAttributes.entry.${i}.Value.StringValue`],
        );
      }
      expect(Object.fromEntries(attributes)).toEqual({
        'AWS.SNS.SMS.SMSType': 'Transactional',
        'AWS.SNS.SMS.SenderID': 'Bianca',
      });
    } finally {
      sns.close();
    }
  });

  it('rejects a provider error with a safe message (no number, no text)', async () => {
    aws.failNext({
      status: 400,
      code: 'InvalidParameter',
      message: (params) =>
        `Invalid parameter: PhoneNumber Reason: ${params['PhoneNumber'] ?? ''} is not valid to publish`,
    });
    const sns = sender();
    try {
      const error = await sns.send({ to: phone, text: 'code 482913' }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(NotificationDeliveryError);
      expect(error).toMatchObject({ id: 'SMS_DELIVERY_FAILED', kind: 'upstream-failed', retryable: false });
      expect((error as Error).message).toBe(
        'The SMS could not be sent: SNS refused the request (InvalidParameter, HTTP 400)',
      );
      const text = `${(error as Error).message} ${(error as Error).stack ?? ''}`;
      expect(text).not.toContain(phone);
      expect(text).not.toContain('6045551234');
      expect(text).not.toContain('482913');
    } finally {
      sns.close();
    }
  });

  // The SDK names this error InternalErrorException (its modelled shape); the wire code is what is reported.
  it('treats a 5xx answer as retryable', async () => {
    aws.failNext({ status: 500, code: 'InternalError', message: 'internal' });
    const sns = sender();
    try {
      await expect(sns.send({ to: phone, text: 'x' })).rejects.toMatchObject({
        providerCode: 'InternalError',
        httpStatus: 500,
        retryable: true,
      });
    } finally {
      sns.close();
    }
  });
});
