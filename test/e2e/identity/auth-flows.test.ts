import { SpeakeasyTotpService } from '../../../adapters/security/speakeasy-totp-service';
import { startIdentityApp, type IdentityApp } from '../../support/identity-app';

const totp = new SpeakeasyTotpService();

describe('identity flows over HTTP, as the caregiver app walks them', () => {
  let t: IdentityApp;

  beforeAll(async () => {
    t = await startIdentityApp();
  });
  afterAll(async () => {
    await t.stop();
  });
  beforeEach(async () => {
    expect((await t.call('POST', '/test/seed')).status).toBe(200);
  });

  it('register -> verify e-mail (token from the outbox) -> login -> refresh -> logout', async () => {
    const registered = await t.call('POST', '/auth/register', {
      name: 'Sunrise Care',
      email: 'Owner@Sunrise.example',
      password: 'Sunshine42',
      phone: '+1-604-555-1234',
    });
    expect(registered.status).toBe(201);
    expect(registered.body).toMatchObject({
      message: 'Registration successful. Please check your email to verify your account.',
      requiresEmailVerification: true,
      caregiver: { email: 'owner@sunrise.example', role: 'unverified', isEmailVerified: false, phone: '+16045551234' },
    });
    expect(registered.body).not.toHaveProperty('tokens');

    const unverified = await t.call('POST', '/auth/login', { email: 'owner@sunrise.example', password: 'Sunshine42' });
    expect(unverified.status).toBe(403);
    expect(unverified.body).toMatchObject({
      reason: 'EMAIL_NOT_VERIFIED',
      message: expect.stringContaining('verify your email'),
    });

    const mail = await t.call('POST', '/test/get-email', { email: 'owner@sunrise.example' });
    expect(mail.status).toBe(200);
    const token = (mail.body as { email: { tokens: { verification: string } } }).email.tokens.verification;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const verified = await t.call('GET', `/auth/verify-email?token=${encodeURIComponent(token)}`);
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({
      success: true,
      message: 'Email verified successfully',
      alreadyVerified: false,
      caregiver: { role: 'orgAdmin', isEmailVerified: true },
    });
    const again = await t.call('GET', `/auth/verify-email?token=${encodeURIComponent(token)}`);
    expect(again.body).toMatchObject({ success: true, alreadyVerified: true, tokens: null });

    const login = await t.call('POST', '/auth/login', { email: 'owner@sunrise.example', password: 'Sunshine42' });
    expect(login.status).toBe(200);
    const payload = login.body as {
      tokens: { access: { token: string; expires: number }; refresh: { token: string; expires: number } };
      org: { name: string };
      patients: unknown[];
      alerts: unknown[];
      mfaEnrollmentRequiredBy: string;
    };
    expect(typeof payload.tokens.access.expires).toBe('number');
    expect(payload.tokens.access.expires * 1000).toBeGreaterThan(Date.now());
    expect(payload.org.name).toBe('Sunrise Care');
    expect(payload.patients).toEqual([]);
    expect(payload.alerts).toEqual([]);
    expect(payload.mfaEnrollmentRequiredBy).toEqual(expect.any(String));

    const mfaStatus = await t.call('GET', '/mfa/status', undefined, payload.tokens.access.token);
    expect(mfaStatus.status).toBe(200);

    const refreshed = await t.call('POST', '/auth/refresh-tokens', { refreshToken: payload.tokens.refresh.token });
    expect(refreshed.status).toBe(200);
    const next = (refreshed.body as { tokens: { access: { token: string }; refresh: { token: string } } }).tokens;
    expect(next.refresh.token).not.toBe(payload.tokens.refresh.token);

    expect((await t.call('POST', '/auth/logout', { refreshToken: next.refresh.token })).status).toBe(204);
    const afterLogout = await t.call('GET', '/mfa/status', undefined, next.access.token);
    expect(afterLogout.status).toBe(401);
    expect(afterLogout.body).toMatchObject({ code: 401, reason: 'SESSION_REVOKED' });
    expect((await t.call('POST', '/auth/logout', { refreshToken: next.refresh.token })).status).toBe(404);
    expect((await t.call('POST', '/auth/refresh-tokens', { refreshToken: next.refresh.token })).status).toBe(400);
  });

  it('refuses duplicate registrations with the contract strings, org e-mail first', async () => {
    const body = { name: 'Dup', email: 'test@example.org', password: 'short', phone: '6045551234' };
    expect((await t.call('POST', '/auth/register', body)).body).toEqual({
      code: 400,
      message: 'Org Email already taken',
    });
    const caregiverTaken = await t.call('POST', '/auth/register', {
      ...body,
      email: 'fake@example.org',
      password: 'Sunshine42',
    });
    expect(caregiverTaken.body).toEqual({ code: 400, message: 'Caregiver Email already taken' });
    const weak = await t.call('POST', '/auth/register', { ...body, email: 'new@example.org', password: 'abcdefgh' });
    expect(weak.body).toEqual({ code: 400, message: 'password must contain at least 1 letter and 1 number' });
    const short = await t.call('POST', '/auth/register', { ...body, email: 'new@example.org', password: 'abc1' });
    expect(short.body).toEqual({ code: 400, message: 'password must be at least 8 characters' });
    const invalid = await t.call('POST', '/auth/register', { email: 'nope', extra: 1 });
    expect(invalid.status).toBe(400);
    expect((invalid.body as { message: string }).message).toBe(
      '"name" is required, "email" must be a valid email, "password" is required, "phone" is required, "extra" is not allowed',
    );
  });

  it('logs in with MFA in two steps and rejects a replayed code', async () => {
    const first = await t.call('POST', '/auth/login', { email: 'fake@example.org', password: 'Password1' });
    const access = (first.body as { tokens: { access: { token: string } } }).tokens.access.token;
    const setup = await t.call('POST', '/mfa/enable', undefined, access);
    expect(setup.status).toBe(200);
    const { secret, qrCode, backupCodes } = setup.body as { secret: string; qrCode: string; backupCodes: string[] };
    expect(qrCode).toMatch(/^data:image\/png;base64,/);
    expect(backupCodes).toHaveLength(10);
    expect(backupCodes.every((c) => /^[0-9A-F]{8}$/.test(c))).toBe(true);

    expect((await t.call('POST', '/mfa/verify', { token: '000000' }, access)).body).toMatchObject({
      code: 400,
      message: 'Invalid MFA code',
    });
    const enrolCode = totp.codeAt(secret, t.clock.now());
    expect((await t.call('POST', '/mfa/verify', { token: enrolCode }, access)).body).toEqual({
      message: 'MFA successfully enabled',
      mfaEnabled: true,
    });

    const challenge = await t.call('POST', '/auth/login', { email: 'fake@example.org', password: 'Password1' });
    expect(challenge.body).toEqual({
      requireMFA: true,
      tempToken: expect.any(String),
      message: 'MFA verification required',
    });

    t.clock.advance(30_000);
    const code = totp.codeAt(secret, t.clock.now());
    const second = await t.call('POST', '/auth/login', {
      email: 'fake@example.org',
      password: 'Password1',
      mfaToken: code,
    });
    expect(second.status).toBe(200);
    expect(second.body).toHaveProperty('tokens.access.token');

    const replay = await t.call('POST', '/auth/login', {
      email: 'fake@example.org',
      password: 'Password1',
      mfaToken: code,
    });
    expect(replay.status).toBe(400);
    expect(replay.body).toEqual({ code: 400, message: 'Invalid MFA code', reason: 'MFA_INVALID' });

    const withBackup = await t.call('POST', '/auth/login', {
      email: 'fake@example.org',
      password: 'Password1',
      mfaToken: backupCodes[0].toLowerCase(),
    });
    expect(withBackup.status).toBe(200);
    const spent = await t.call('POST', '/auth/login', {
      email: 'fake@example.org',
      password: 'Password1',
      mfaToken: backupCodes[0],
    });
    expect(spent.status).toBe(400);
  });

  it('invite -> invite-info -> registerWithInvite signs the new caregiver in', async () => {
    const admin = await t.call('POST', '/auth/login', { email: 'admin@example.org', password: 'Password1' });
    const { tokens, org } = admin.body as { tokens: { access: { token: string } }; org: { id: string } };
    const invited = await t.call(
      'PATCH',
      `/orgs/${org.id}/invite`,
      { name: 'Nina Nurse', email: 'nina@example.org', phone: '6045550199' },
      tokens.access.token,
    );
    expect(invited.status).toBe(200);
    expect(invited.body).toMatchObject({ caregiver: { role: 'invited', email: 'nina@example.org' } });
    expect(JSON.stringify(invited.body)).not.toMatch(/token/i);

    const token = t.tokenFromMail('nina@example.org', '/signup');
    const info = await t.call('GET', `/auth/invite-info?token=${encodeURIComponent(token)}`);
    expect(info.body).toEqual({ name: 'Nina Nurse', email: 'nina@example.org', phone: '+16045550199' });

    const mismatch = await t.call('POST', '/auth/registerWithInvite', {
      token,
      email: 'other@example.org',
      password: 'Sunshine42',
      name: 'Nina',
      phone: '6045550199',
    });
    expect(mismatch.body).toEqual({ code: 400, message: 'Email does not match the invite' });

    const accepted = await t.call('POST', '/auth/registerWithInvite', {
      token,
      email: 'NINA@example.org',
      password: 'Sunshine42',
      name: 'Nina N.',
      phone: '6045550199',
    });
    expect(accepted.status).toBe(201);
    expect(accepted.body).toMatchObject({
      caregiver: { role: 'staff', isEmailVerified: true, name: 'Nina N.' },
      tokens: { access: { token: expect.any(String) } },
    });

    const reused = await t.call('GET', `/auth/invite-info?token=${encodeURIComponent(token)}`);
    expect(reused.body).toEqual({ code: 400, message: 'Invalid or expired invite token', reason: 'TOKEN_USED' });
    const unknown = await t.call('GET', '/auth/invite-info?token=nope');
    expect(unknown.body).toMatchObject({ message: 'Invalid or expired invite token', reason: 'TOKEN_UNKNOWN' });
  });

  it('expired invitations answer the expiry string', async () => {
    const admin = await t.call('POST', '/auth/login', { email: 'admin@example.org', password: 'Password1' });
    const { tokens, org } = admin.body as { tokens: { access: { token: string } }; org: { id: string } };
    await t.call(
      'PATCH',
      `/orgs/${org.id}/invite`,
      { name: 'Late', email: 'late@example.org', phone: '6045550198' },
      tokens.access.token,
    );
    const token = t.tokenFromMail('late@example.org', '/signup');
    t.clock.advance(8 * 86_400_000);
    const info = await t.call('GET', `/auth/invite-info?token=${encodeURIComponent(token)}`);
    expect(info.body).toEqual({ code: 400, message: 'Invite token has expired', reason: 'TOKEN_EXPIRED' });
  });

  it('forgot -> reset password: sessions revoked, history enforced, unknown addresses answered alike', async () => {
    const login = await t.call('POST', '/auth/login', { email: 'fake@example.org', password: 'Password1' });
    const access = (login.body as { tokens: { access: { token: string } } }).tokens.access.token;
    expect((await t.call('POST', '/auth/forgot-password', { email: 'nobody@example.org' })).status).toBe(204);
    expect((await t.call('POST', '/auth/forgot-password', { email: 'fake@example.org' })).status).toBe(204);
    const token = t.tokenFromMail('fake@example.org', '/reset-password');

    const reused = await t.call('POST', `/auth/reset-password?token=${token}`, { password: 'Password1' });
    expect(reused.body).toEqual({ code: 400, message: 'password must not match any of your last 5 passwords' });
    expect((await t.call('POST', `/auth/reset-password?token=${token}`, { password: 'NewSecret77' })).status).toBe(204);
    expect((await t.call('GET', '/mfa/status', undefined, access)).status).toBe(401);
    const again = await t.call('POST', `/auth/reset-password?token=${token}`, { password: 'NewSecret78' });
    expect(again.body).toEqual({ code: 400, message: 'Invalid or expired password reset token', reason: 'TOKEN_USED' });
    expect((await t.call('POST', '/auth/login', { email: 'fake@example.org', password: 'NewSecret77' })).status).toBe(
      200,
    );
  });

  it('verifies a phone by SMS code', async () => {
    const login = await t.call('POST', '/auth/login', { email: 'fake@example.org', password: 'Password1' });
    const access = (login.body as { tokens: { access: { token: string } } }).tokens.access.token;
    const sent = await t.call('POST', '/phone-verification/send-code', {}, access);
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({ success: true, message: 'Verification code sent', phoneNumber: '+1******4263' });
    const sms = t.outbox.lastTo('+16045624263');
    const code = /\b(\d{6})\b/.exec(sms?.text ?? '')?.[1];
    expect(code).toBeDefined();
    const wrong = code === '000000' ? '111111' : '000000';
    expect((await t.call('POST', '/phone-verification/verify', { code: wrong }, access)).body).toEqual({
      code: 400,
      message: 'Invalid verification code',
      reason: 'CODE_WRONG',
    });
    expect((await t.call('POST', '/phone-verification/verify', { code: '12' }, access)).body).toEqual({
      code: 400,
      message: 'Verification code must be 6 digits',
    });
    expect((await t.call('POST', '/phone-verification/verify', { code }, access)).body).toEqual({
      success: true,
      message: 'Phone number verified successfully',
    });
    const verifiedAgain = await t.call('POST', '/phone-verification/send-code', {}, access);
    expect(verifiedAgain.body).toEqual({ code: 400, message: 'Phone number is already verified' });
  });

  it('keeps passwords, tokens and codes out of the logs', async () => {
    const login = await t.call('POST', '/auth/login', { email: 'fake@example.org', password: 'Password1' });
    const tokens = (login.body as { tokens: { access: { token: string }; refresh: { token: string } } }).tokens;
    await t.call('POST', '/auth/refresh-tokens', { refreshToken: tokens.refresh.token });
    await t.call('POST', '/auth/login', { email: 'fake@example.org', password: 'WrongPassword9' });
    const text = t.logs.text;
    expect(text).not.toContain('Password1');
    expect(text).not.toContain('WrongPassword9');
    expect(text).not.toContain(tokens.access.token);
    expect(text).not.toContain(tokens.refresh.token);
    expect(text).not.toContain('fake@example.org');
  });
});

describe('localised error messages (API-CONTRACT.md §1.6)', () => {
  let t: IdentityApp;

  beforeAll(async () => {
    t = await startIdentityApp();
    await t.call('POST', '/test/seed');
  });
  afterAll(async () => {
    await t.stop();
  });

  it('answers in Spanish when asked, keeps code and reason, and never translates contract strings', async () => {
    const notFound = await t.call('GET', '/nowhere', undefined, undefined, { 'accept-language': 'es-ES,es;q=0.9' });
    expect(notFound.body).toEqual({ code: 404, message: 'No encontrado' });
    const unauthenticated = await t.call('GET', '/mfa/status', undefined, 'garbage', { 'accept-language': 'es' });
    expect(unauthenticated.body).toEqual({ code: 401, message: 'Inicie sesión de nuevo', reason: 'TOKEN_INVALID' });
    const login = await t.call('POST', '/auth/login', { email: 'fake@example.org', password: 'Nope12345' }, undefined, {
      'accept-language': 'es',
    });
    expect(login.body).toEqual({ code: 401, message: 'Incorrect email or password' });
    const english = await t.call('GET', '/nowhere', undefined, undefined, { 'accept-language': 'en-GB' });
    expect(english.body).toEqual({ code: 404, message: 'Not found' });
  });
});

describe('seed content (API-CONTRACT.md §6.4)', () => {
  it('gives the staff login its three assigned patients and returns their ids from /test/seed', async () => {
    const t = await startIdentityApp();
    try {
      const seeded = await t.call('POST', '/test/seed');
      expect(seeded.body).toMatchObject({
        success: true,
        message: 'Database seeded successfully',
        data: { org: expect.any(String), caregiver: expect.any(String) },
      });
      const ids = (seeded.body as { data: { patients: string[] } }).data.patients;
      expect(ids).toHaveLength(3);
      const again = await t.call('POST', '/test/seed');
      expect((again.body as { data: { patients: string[] } }).data.patients).toHaveLength(3);
      const login = await t.call('POST', '/auth/login', { email: 'fake@example.org', password: 'Password1' });
      const patients = (login.body as { patients: Array<{ name: string; id: string }> }).patients;
      expect(patients.map((p) => p.name).sort()).toEqual(['Agnes Alphabet', 'Barnaby Button', 'Clara Coin']);
      expect(patients).not.toEqual(expect.arrayContaining([expect.objectContaining({ notes: expect.anything() })]));
      const alerts = (login.body as { alerts: Array<{ readBy?: string[] }> }).alerts;
      expect(alerts).toHaveLength(2);
    } finally {
      await t.stop();
    }
  });
});
