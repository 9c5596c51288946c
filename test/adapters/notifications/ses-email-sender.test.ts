import { SesEmailSender } from '../../../adapters/notifications/ses/ses-email-sender';
import { NotificationDeliveryError } from '../../../adapters/notifications/delivery-error';
import { FakeAws } from '../../support/fakes/fake-aws';

const credentials = { accessKeyId: 'AKIDTESTSES', secretAccessKey: 'ses-test-secret' };
const recipient = 'Jane.Doe@example.org';

describe('SesEmailSender against a query-protocol SES fake', () => {
  let aws: FakeAws;
  let sender: SesEmailSender;

  beforeAll(async () => {
    aws = await FakeAws.start([credentials]);
  });

  afterAll(async () => {
    await aws.close();
  });

  beforeEach(() => {
    aws.reset();
    sender = new SesEmailSender({
      region: 'eu-west-1',
      from: 'MyPhoneFriend <no-reply@myphonefriend.test>',
      endpoint: aws.endpoint,
      credentials,
      maxAttempts: 1,
    });
  });

  afterEach(() => sender.close());

  it('sends Source, recipient, subject, text and html as SendEmail form fields, signed', async () => {
    const messageId = await sender.send({
      to: recipient,
      subject: 'Verify your e-mail — ünïcode',
      text: 'Open http://localhost:8081/auth/verify-email?token=abc&x=1 to verify.',
      html: '<p><a href="http://localhost:8081/auth/verify-email?token=abc&amp;x=1">Verify</a></p>',
    });

    expect(aws.requests).toHaveLength(1);
    const request = aws.requests[0];
    expect(request.service).toBe('ses');
    expect(request.region).toBe('eu-west-1');
    expect(request.accessKeyId).toBe(credentials.accessKeyId);
    expect(request.params).toEqual({
      Action: 'SendEmail',
      Version: '2010-12-01',
      Source: 'MyPhoneFriend <no-reply@myphonefriend.test>',
      'Destination.ToAddresses.member.1': recipient,
      'Message.Subject.Data': 'Verify your e-mail — ünïcode',
      'Message.Subject.Charset': 'UTF-8',
      'Message.Body.Text.Data': 'Open http://localhost:8081/auth/verify-email?token=abc&x=1 to verify.',
      'Message.Body.Text.Charset': 'UTF-8',
      'Message.Body.Html.Data': '<p><a href="http://localhost:8081/auth/verify-email?token=abc&amp;x=1">Verify</a></p>',
      'Message.Body.Html.Charset': 'UTF-8',
    });
    expect(String(request.headers['authorization'])).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDTESTSES\/\d{8}\/eu-west-1\/ses\/aws4_request, /,
    );
    expect(messageId).toBe(request.messageId);
    expect(messageId).toMatch(/^0100[0-9a-f]{12}-/);
  });

  it('omits an empty html part (SES needs at least one body part, not both)', async () => {
    await sender.send({ to: recipient, subject: 'Plain', text: 'Only text', html: '' });
    const params = aws.requests[0].params;
    expect(params['Message.Body.Text.Data']).toBe('Only text');
    expect(Object.keys(params).some((key) => key.startsWith('Message.Body.Html'))).toBe(false);
  });

  it('rejects a refused message with a safe, typed error that names the provider code only', async () => {
    aws.failNext({
      status: 400,
      code: 'MessageRejected',
      message: (params) =>
        `Email address is not verified. The following identities failed the check in region EU-WEST-1: ${
          params['Destination.ToAddresses.member.1'] ?? ''
        }`,
    });

    const failure = await sender
      .send({ to: recipient, subject: 'Reset your password', text: 'secret body', html: '' })
      .then(
        () => null,
        (error: unknown) => error,
      );

    expect(failure).toBeInstanceOf(NotificationDeliveryError);
    const error = failure as NotificationDeliveryError;
    expect(error.message).toBe('The e-mail could not be sent: SES refused the request (MessageRejected, HTTP 400)');
    expect(error).toMatchObject({
      id: 'EMAIL_DELIVERY_FAILED',
      kind: 'upstream-failed',
      provider: 'SES',
      providerCode: 'MessageRejected',
      httpStatus: 400,
      retryable: false,
    });
    expect('cause' in error).toBe(false);
    const everything = `${error.message} ${error.stack ?? ''} ${JSON.stringify(error)}`.toLowerCase();
    expect(everything).not.toContain(recipient.toLowerCase());
    expect(everything).not.toContain('secret body');
    expect(everything).not.toContain('reset your password');
  });

  it('marks throttling as retryable', async () => {
    aws.failNext({ status: 400, code: 'Throttling', message: 'Maximum sending rate exceeded.' });
    await expect(sender.send({ to: recipient, subject: 's', text: 't', html: '' })).rejects.toMatchObject({
      providerCode: 'Throttling',
      httpStatus: 400,
      retryable: true,
      message: 'The e-mail could not be sent: SES refused the request (Throttling, HTTP 400)',
    });
  });

  it('rejects when the signature is made with the wrong secret', async () => {
    const forged = new SesEmailSender({
      region: 'eu-west-1',
      from: 'no-reply@myphonefriend.test',
      endpoint: aws.endpoint,
      credentials: { accessKeyId: credentials.accessKeyId, secretAccessKey: 'not-the-secret' },
      maxAttempts: 1,
    });
    try {
      await expect(forged.send({ to: recipient, subject: 's', text: 't', html: '' })).rejects.toMatchObject({
        providerCode: 'SignatureDoesNotMatch',
        httpStatus: 403,
      });
      expect(aws.requests).toHaveLength(0);
    } finally {
      forged.close();
    }
  });

  it('rejects with a safe error when SES is unreachable', async () => {
    const closed = await FakeAws.start([credentials]);
    const endpoint = closed.endpoint;
    await closed.close();
    const offline = new SesEmailSender({
      region: 'eu-west-1',
      from: 'no-reply@myphonefriend.test',
      endpoint,
      credentials,
      maxAttempts: 1,
    });
    try {
      const error = await offline.send({ to: recipient, subject: 's', text: 't', html: '' }).then(
        () => null,
        (e: unknown) => e as NotificationDeliveryError,
      );
      expect(error).toBeInstanceOf(NotificationDeliveryError);
      expect(error!.message).toBe('The e-mail could not be sent: SES was unreachable (ECONNREFUSED)');
      expect(error!.retryable).toBe(true);
      expect(error!.httpStatus).toBeNull();
    } finally {
      offline.close();
    }
  });
});
