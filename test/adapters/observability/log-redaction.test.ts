import { createPinoLogger, PinoLogger } from '../../../adapters/observability/pino-logger';
import { LogCapture } from '../../support/log-capture';

/** Values that must never reach a log line, planted in fields, nested objects, messages and errors. */
const secrets = {
  password: 'Tr0ub4dor&3-horse',
  bearer: 'Bearer abc.def.ghi-opaque-token-123',
  jwt: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjYXJlZ2l2ZXIifQ.c2lnbmF0dXJlLXZhbHVl',
  refreshToken: 'rt_9f8e7d6c5b4a39281706f5e4d3c2b1a0',
  totpSecret: 'JBSWY3DPEHPK3PXP',
  backupCode: 'a1b2-c3d4',
  stripeKey: 'sk_live_51HxYzAbCdEfGh',
  name: 'Agnes Alphabet',
  email: 'agnes.alphabet@example.org',
  phone: '+16045624263',
  formattedPhone: '+1 (604) 555-1234',
  dateOfBirth: '1941-07-04',
  address: '12 Rosemary Lane, Springfield',
  transcript: 'I fell in the kitchen and my hip hurts badly',
};

describe('log redaction (QUALITY.md S5)', () => {
  const log = () => {
    const capture = new LogCapture();
    const logger = new PinoLogger(createPinoLogger({ level: 'debug' }, capture));
    return { capture, logger };
  };

  const expectClean = (text: string): void => {
    for (const [label, value] of Object.entries(secrets)) {
      expect({ label, leaked: text.includes(value) }).toEqual({ label, leaked: false });
    }
  };

  it('censors sensitive keys at any depth, whatever their case', () => {
    const { capture, logger } = log();
    logger.info(
      {
        headers: { Authorization: secrets.bearer, 'x-request-id': 'req-12345678' },
        body: { password: secrets.password },
        caregiver: {
          Name: secrets.name,
          EMAIL: secrets.email,
          phone: secrets.phone,
          mfa: { totpSecret: secrets.totpSecret },
        },
        patient: { dateOfBirth: secrets.dateOfBirth, address: secrets.address, preferredName: 'Aggie' },
        tokens: { refreshToken: secrets.refreshToken, backupCodes: [secrets.backupCode] },
        utterances: [{ role: 'patient', text: secrets.transcript }],
        deep: { a: { b: { c: { d: { transcript: secrets.transcript } } } } },
      },
      'caregiver updated',
    );
    expectClean(capture.text);
    expect(capture.text).not.toContain('Aggie');
    const record = capture.records()[0];
    expect(record['headers']).toEqual({ Authorization: '[REDACTED]', 'x-request-id': 'req-12345678' });
    expect(record['msg']).toBe('caregiver updated');
  });

  it('scrubs e-mails, phones, JWTs, bearer tokens and API keys inside messages and free-form strings', () => {
    const { capture, logger } = log();
    logger.warn(
      { detail: `login for ${secrets.email} from ${secrets.formattedPhone}` },
      `token ${secrets.jwt} / ${secrets.bearer} / key ${secrets.stripeKey} / call ${secrets.phone}`,
    );
    expectClean(capture.text);
    expect(capture.text).toContain('[EMAIL]');
    expect(capture.text).toContain('[PHONE]');
    expect(capture.text).toContain('[JWT]');
    expect(capture.text).toContain('[API_KEY]');
  });

  it('scrubs error messages, stacks and causes', () => {
    const { capture, logger } = log();
    const cause = new Error(`duplicate key { email: "${secrets.email}" }`);
    const error = new Error(`cannot text ${secrets.phone} with ${secrets.jwt}`, { cause });
    logger.error({ err: error }, 'send failed');
    expectClean(capture.text);
    const record = capture.records()[0];
    expect((record['err'] as Record<string, unknown>)['type']).toBe('Error');
    expect(String((record['err'] as Record<string, unknown>)['stack'])).toContain('log-redaction.test');
  });

  it('redacts child-logger bindings too', () => {
    const { capture, logger } = log();
    logger.child({ email: secrets.email, callId: 'c1' }).info({}, 'bound');
    expectClean(capture.text);
    expect(capture.records()[0]['callId']).toBe('c1');
  });

  it('keeps ids, numbers, uuids and timestamps readable', () => {
    const { capture, logger } = log();
    logger.info(
      {
        patientId: '65a1b2c3d4e5f60718293a4b',
        requestId: '123e4567-e89b-12d3-a456-426614174000',
        durationMs: 12.5,
        at: '2026-12-04T10:11:12.000Z',
      },
      'call ended after 1234 ms',
    );
    const record = capture.records()[0];
    expect(record['patientId']).toBe('65a1b2c3d4e5f60718293a4b');
    expect(record['requestId']).toBe('123e4567-e89b-12d3-a456-426614174000');
    expect(record['at']).toBe('2026-12-04T10:11:12.000Z');
    expect(record['msg']).toBe('call ended after 1234 ms');
  });

  it('survives circular structures', () => {
    const { capture, logger } = log();
    const loop: Record<string, unknown> = { id: 'x' };
    loop['self'] = loop;
    logger.info({ loop }, 'circular');
    expect(capture.records()[0]['loop']).toEqual({ id: 'x', self: '[Circular]' });
  });
});
