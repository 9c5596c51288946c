import type { Logger, LogFields } from '../../../application/ports/logger';
import type { CapturedMessage } from '../../../application/ports/message-outbox';
import { CapturingEmailSender, CapturingSmsSender } from '../../../adapters/notifications/outbox/capture';
import { InMemoryMessageOutbox } from '../../../adapters/notifications/outbox/in-memory-message-outbox';
import { OutboxEmailSender } from '../../../adapters/notifications/outbox/outbox-email-sender';
import { extractLinks } from '../../../adapters/notifications/outbox/outbox-notice';
import { OutboxSmsSender } from '../../../adapters/notifications/outbox/outbox-sms-sender';
import { SesEmailSender } from '../../../adapters/notifications/ses/ses-email-sender';
import { SnsSmsSender } from '../../../adapters/notifications/sns/sns-sms-sender';
import { FakeAws } from '../../support/fakes/fake-aws';

interface LogLine {
  level: string;
  fields: LogFields;
  message: string;
}

const recordingLogger = (): Logger & { lines: LogLine[] } => {
  const lines: LogLine[] = [];
  const at =
    (level: string) =>
    (fields: LogFields, message: string): void => {
      lines.push({ level, fields, message });
    };
  const logger = {
    lines,
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: () => logger,
  };
  return logger;
};

const sentAt = new Date('2026-03-01T10:00:00Z');
const clock = { now: () => sentAt };

const captured = (to: string, messageId: string): CapturedMessage => ({
  channel: 'email',
  to,
  from: 'no-reply@example.org',
  subject: 's',
  text: 't',
  html: '',
  sentAt,
  messageId,
});

const verifyLink = 'http://localhost:8081/auth/verify-email?token=Zm9vYmFyYmF6cXV4cXV1eGNvcmdlZ3JhdWx0Z2FycGx5';
const verificationEmail = {
  to: 'Jane.Doe@Example.org',
  subject: 'Verify your e-mail address',
  text: `Hello Jane Doe,\n\nPlease confirm your address: ${verifyLink}.\n\nThe link expires in 24 hours.`,
  html: `<p>Hello Jane Doe,</p><p><a href="${verifyLink}">Confirm</a></p>`,
};

describe('InMemoryMessageOutbox', () => {
  it('finds the newest message to an address, case-insensitively', () => {
    const outbox = new InMemoryMessageOutbox();
    outbox.record(captured('Jane@Example.org', 'm1'));
    outbox.record(captured('other@example.org', 'm2'));
    outbox.record(captured('jane@example.org', 'm3'));
    expect(outbox.lastTo('JANE@EXAMPLE.ORG')?.messageId).toBe('m3');
    expect(outbox.lastTo('other@EXAMPLE.org')?.messageId).toBe('m2');
    expect(outbox.lastTo('nobody@example.org')).toBeUndefined();
  });

  it('keeps only the most recent messages, oldest first, and clears', () => {
    const outbox = new InMemoryMessageOutbox(3);
    for (let i = 1; i <= 5; i += 1) outbox.record(captured(`u${i}@example.org`, `m${i}`));
    expect(outbox.all().map((m) => m.messageId)).toEqual(['m3', 'm4', 'm5']);
    expect(outbox.lastTo('u1@example.org')).toBeUndefined();
    outbox.clear();
    expect(outbox.all()).toEqual([]);
  });

  it('bounds to 1000 messages by default', () => {
    const outbox = new InMemoryMessageOutbox();
    for (let i = 0; i < 1005; i += 1) outbox.record(captured('a@example.org', `m${i}`));
    expect(outbox.all()).toHaveLength(1000);
    expect(outbox.all()[0].messageId).toBe('m5');
  });

  it('hands out a copy of its list', () => {
    const outbox = new InMemoryMessageOutbox();
    outbox.record(captured('a@example.org', 'm1'));
    (outbox.all() as CapturedMessage[]).length = 0;
    expect(outbox.all()).toHaveLength(1);
  });

  it('refuses a capacity below 1', () => {
    expect(() => new InMemoryMessageOutbox(0)).toThrow(RangeError);
  });
});

describe('OutboxEmailSender', () => {
  it('records the message with the configured sender and a fresh message id', async () => {
    const outbox = new InMemoryMessageOutbox();
    const sender = new OutboxEmailSender(outbox, clock, { from: 'MyPhoneFriend <no-reply@example.org>' });
    const first = await sender.send(verificationEmail);
    const second = await sender.send(verificationEmail);
    expect(first).not.toBe(second);
    expect(outbox.lastTo('jane.doe@example.org')).toEqual({
      channel: 'email',
      ...verificationEmail,
      from: 'MyPhoneFriend <no-reply@example.org>',
      sentAt,
      messageId: second,
    });
  });

  it('takes message ids from an IdGenerator when given one', async () => {
    const outbox = new InMemoryMessageOutbox();
    const sender = new OutboxEmailSender(outbox, clock, { from: 'a@example.org', ids: { next: () => 'fixed-id' } });
    expect(await sender.send(verificationEmail)).toBe('fixed-id');
  });

  it('logs one line with the message id and channel only', async () => {
    const logger = recordingLogger();
    const sender = new OutboxEmailSender(new InMemoryMessageOutbox(), clock, { from: 'a@example.org', logger });
    const messageId = await sender.send(verificationEmail);
    expect(logger.lines).toEqual([
      { level: 'info', fields: { messageId, channel: 'email' }, message: 'e-mail recorded in the outbox' },
    ]);
  });

  it('in demo mode logs the subject and the links, never the recipient or the body', async () => {
    const logger = recordingLogger();
    const sender = new OutboxEmailSender(new InMemoryMessageOutbox(), clock, {
      from: 'a@example.org',
      logger,
      printToLog: true,
    });
    const messageId = await sender.send(verificationEmail);
    expect(logger.lines).toHaveLength(1);
    const line = logger.lines[0];
    expect(line.fields).toEqual({
      messageId,
      channel: 'email',
      subject: 'Verify your e-mail address',
      links: [verifyLink],
    });
    const written = JSON.stringify(line).toLowerCase();
    expect(written).toContain(verifyLink.toLowerCase());
    expect(written).not.toContain('jane.doe@example.org');
    expect(written).not.toContain('jane doe');
    expect(written).not.toContain('expires in 24 hours');
  });

  it('in demo mode takes links from the html when there is no text part', async () => {
    const logger = recordingLogger();
    const sender = new OutboxEmailSender(new InMemoryMessageOutbox(), clock, {
      from: 'a@example.org',
      logger,
      printToLog: true,
    });
    await sender.send({ ...verificationEmail, text: '' });
    expect(logger.lines[0].fields['links']).toEqual([verifyLink]);
  });
});

describe('OutboxSmsSender', () => {
  it('records the SMS and logs without the number or the text', async () => {
    const outbox = new InMemoryMessageOutbox();
    const logger = recordingLogger();
    const sender = new OutboxSmsSender(outbox, clock, { from: 'Bianca', logger });
    const messageId = await sender.send({ to: '+16045551234', text: 'Your code is 482913.' });
    expect(outbox.lastTo('+16045551234')).toEqual({
      channel: 'sms',
      to: '+16045551234',
      from: 'Bianca',
      subject: '',
      text: 'Your code is 482913.',
      html: '',
      sentAt,
      messageId,
    });
    expect(logger.lines).toEqual([
      { level: 'info', fields: { messageId, channel: 'sms' }, message: 'SMS recorded in the outbox' },
    ]);
  });

  it('in demo mode logs the links of the text', async () => {
    const logger = recordingLogger();
    const sender = new OutboxSmsSender(new InMemoryMessageOutbox(), clock, {
      from: 'Bianca',
      logger,
      printToLog: true,
    });
    await sender.send({ to: '+16045551234', text: `Join your family on MyPhoneFriend: ${verifyLink}` });
    expect(logger.lines[0].fields).toMatchObject({ channel: 'sms', links: [verifyLink] });
    expect(JSON.stringify(logger.lines)).not.toContain('6045551234');
  });
});

describe('extractLinks', () => {
  it('keeps each http(s) link once, without trailing punctuation', () => {
    expect(
      extractLinks('See https://a.example/x?y=1, (http://b.example/p). Again https://a.example/x?y=1! ftp://c'),
    ).toEqual(['https://a.example/x?y=1', 'http://b.example/p']);
  });
});

describe('Capturing senders around the real providers', () => {
  const credentials = { accessKeyId: 'AKIDCAPTURE', secretAccessKey: 'capture-secret' };
  let aws: FakeAws;

  beforeAll(async () => {
    aws = await FakeAws.start([credentials]);
  });

  afterAll(async () => {
    await aws.close();
  });

  beforeEach(() => aws.reset());

  it('delivers through SES and records the copy under the SES message id', async () => {
    const ses = new SesEmailSender({
      region: 'us-east-1',
      from: 'no-reply@example.org',
      endpoint: aws.endpoint,
      credentials,
      maxAttempts: 1,
    });
    try {
      const outbox = new InMemoryMessageOutbox();
      const sender = new CapturingEmailSender(ses, outbox, clock, 'no-reply@example.org');
      const messageId = await sender.send(verificationEmail);
      expect(aws.requestsFor('ses')).toHaveLength(1);
      expect(messageId).toBe(aws.requests[0].messageId);
      expect(outbox.lastTo('JANE.DOE@example.org')).toMatchObject({
        channel: 'email',
        from: 'no-reply@example.org',
        subject: verificationEmail.subject,
        messageId,
      });
    } finally {
      ses.close();
    }
  });

  it('records nothing when the provider refuses, and passes the refusal on', async () => {
    const ses = new SesEmailSender({
      region: 'us-east-1',
      from: 'no-reply@example.org',
      endpoint: aws.endpoint,
      credentials,
      maxAttempts: 1,
    });
    try {
      aws.failNext({ status: 400, code: 'MessageRejected', message: 'Email address is not verified.' });
      const outbox = new InMemoryMessageOutbox();
      const sender = new CapturingEmailSender(ses, outbox, clock, 'no-reply@example.org');
      await expect(sender.send(verificationEmail)).rejects.toMatchObject({ id: 'EMAIL_DELIVERY_FAILED' });
      expect(outbox.all()).toEqual([]);
    } finally {
      ses.close();
    }
  });

  it('delivers through SNS and records the SMS copy', async () => {
    const sns = new SnsSmsSender({ region: 'us-east-1', endpoint: aws.endpoint, credentials, maxAttempts: 1 });
    try {
      const outbox = new InMemoryMessageOutbox();
      const sender = new CapturingSmsSender(sns, outbox, clock, 'Bianca');
      const messageId = await sender.send({ to: '+16045551234', text: 'code 482913' });
      expect(messageId).toBe(aws.requestsFor('sns')[0].messageId);
      expect(outbox.lastTo('+16045551234')).toMatchObject({
        channel: 'sms',
        from: 'Bianca',
        text: 'code 482913',
        messageId,
      });
    } finally {
      sns.close();
    }
  });
});
