import { SpeakeasyTotpService } from '../../../adapters/security/speakeasy-totp-service';
import { startIdentityApp, type IdentityApp } from '../../support/identity-app';

const totp = new SpeakeasyTotpService();
const DAY = 86_400_000;

describe('admin MFA requirement and password expiry (RESOLUTIONS.md 1 ordering)', () => {
  let t: IdentityApp;

  beforeAll(async () => {
    t = await startIdentityApp({ AUTH_RATE_LIMIT: '1000' });
  });
  afterAll(async () => {
    await t.stop();
  });
  beforeEach(async () => {
    await t.call('POST', '/test/seed');
  });

  it('tells an admin inside the grace period when MFA becomes required, then refuses login after it', async () => {
    const inside = await t.call('POST', '/auth/login', { email: 'admin@example.org', password: 'Password1' });
    expect(inside.status).toBe(200);
    const by = new Date((inside.body as { mfaEnrollmentRequiredBy: string }).mfaEnrollmentRequiredBy).getTime();
    expect(by - t.clock.now().getTime()).toBeGreaterThan(6 * DAY);

    t.clock.advance(8 * DAY);
    const wrongPassword = await t.call('POST', '/auth/login', {
      email: 'admin@example.org',
      password: 'NotThePassword9',
    });
    expect(wrongPassword.status).toBe(401); // the requirement is never revealed before the password is proven
    const after = await t.call('POST', '/auth/login', { email: 'admin@example.org', password: 'Password1' });
    expect(after.status).toBe(403);
    expect(after.body).toMatchObject({ reason: 'MFA_ENROLLMENT_REQUIRED' });
    expect((after.body as { message: string }).message).not.toMatch(/sso|link|verification|verify your email/i);

    const staff = await t.call('POST', '/auth/login', { email: 'fake@example.org', password: 'Password1' });
    expect(staff.status).toBe(200);
  });

  it('refuses an admin whose password is 90 days old only after MFA passed, and e-mails a reset link once per 15 minutes', async () => {
    const first = await t.call('POST', '/auth/login', { email: 'admin@example.org', password: 'Password1' });
    const access = (first.body as { tokens: { access: { token: string } } }).tokens.access.token;
    const { secret } = (await t.call('POST', '/mfa/enable', undefined, access)).body as { secret: string };
    expect((await t.call('POST', '/mfa/verify', { token: totp.codeAt(secret, t.clock.now()) }, access)).status).toBe(
      200,
    );

    t.clock.advance(91 * DAY);
    const challenge = await t.call('POST', '/auth/login', { email: 'admin@example.org', password: 'Password1' });
    expect(challenge.body).toMatchObject({ requireMFA: true });
    const mailsBefore = t.outbox.all().filter((m) => m.to === 'admin@example.org').length;

    const expired = await t.call('POST', '/auth/login', {
      email: 'admin@example.org',
      password: 'Password1',
      mfaToken: totp.codeAt(secret, t.clock.now()),
    });
    expect(expired.status).toBe(403);
    expect(expired.body).toEqual({
      code: 403,
      message: 'Your password has expired. We have emailed you instructions to choose a new one.',
      reason: 'PASSWORD_EXPIRED',
    });
    t.clock.advance(60_000);
    await t.call('POST', '/auth/login', {
      email: 'admin@example.org',
      password: 'Password1',
      mfaToken: totp.codeAt(secret, t.clock.now()),
    });
    const resetMails = t.outbox
      .all()
      .filter((m) => m.to === 'admin@example.org')
      .slice(mailsBefore);
    expect(resetMails.map((m) => m.subject)).toEqual(['Reset your password']);

    const token = t.tokenFromMail('admin@example.org', '/reset-password');
    expect((await t.call('POST', `/auth/reset-password?token=${token}`, { password: 'Fresh-Start-2027' })).status).toBe(
      204,
    );
    t.clock.advance(60_000);
    const renewed = await t.call('POST', '/auth/login', {
      email: 'admin@example.org',
      password: 'Fresh-Start-2027',
      mfaToken: totp.codeAt(secret, t.clock.now()),
    });
    expect(renewed.status).toBe(200);
  });

  it('refuses to disable MFA for admins', async () => {
    const first = await t.call('POST', '/auth/login', { email: 'admin@example.org', password: 'Password1' });
    const access = (first.body as { tokens: { access: { token: string } } }).tokens.access.token;
    const { secret } = (await t.call('POST', '/mfa/enable', undefined, access)).body as { secret: string };
    await t.call('POST', '/mfa/verify', { token: totp.codeAt(secret, t.clock.now()) }, access);
    t.clock.advance(30_000);
    const disabled = await t.call('POST', '/mfa/disable', { token: totp.codeAt(secret, t.clock.now()) }, access);
    expect(disabled.body).toEqual({
      code: 403,
      message: 'MFA is required for your role and cannot be disabled',
      reason: 'MFA_REQUIRED_FOR_ROLE',
    });
  });
});
