import { SpeakeasyTotpService } from '../../../adapters/security/speakeasy-totp-service';
import { FakeOidcProvider } from '../../support/fakes/fake-oidc-provider';
import { startIdentityApp, type IdentityApp } from '../../support/identity-app';

/**
 * API-CONTRACT.md §6.3 "Account and session administration" over HTTP, on the routers bootstrap mounts.
 */
const CLIENT_ID = 'bianca-web.apps.example';
const DAY = 86_400_000;
const totp = new SpeakeasyTotpService();
const DENIED = { code: 403, message: 'Access denied: insufficient permissions.', reason: 'FORBIDDEN' };
const NOT_FOUND = { code: 404, message: 'Caregiver not found' };

describe('account and session administration over HTTP (§6.3)', () => {
  let idp: FakeOidcProvider;
  let t: IdentityApp;

  beforeAll(async () => {
    idp = await FakeOidcProvider.start({ issuer: 'https://accounts.google.com', audience: CLIENT_ID });
    t = await startIdentityApp({ AUTH_RATE_LIMIT: '1000', GOOGLE_CLIENT_IDS: CLIENT_ID, GOOGLE_JWKS_URL: idp.jwksUrl });
  });
  afterAll(async () => {
    await t.stop();
    await idp.close();
  });
  beforeEach(async () => {
    expect((await t.call('POST', '/test/seed')).status).toBe(200);
  });

  const login = async (email: string, password = 'Password1', mfaToken?: string): Promise<string> => {
    const res = await t.call('POST', '/auth/login', { email, password, ...(mfaToken ? { mfaToken } : {}) });
    expect(res.status).toBe(200);
    return (res.body as { tokens: { access: { token: string } } }).tokens.access.token;
  };

  const idOf = async (email: string): Promise<string> => {
    const res = await t.call('POST', '/test/get-caregiver-by-email', { email });
    return (res.body as { id: string }).id;
  };

  /** Enrols MFA for the bearer of `access`; resolves the TOTP secret. */
  const enrolMfa = async (access: string): Promise<string> => {
    const setup = await t.call('POST', '/mfa/enable', undefined, access);
    const { secret } = setup.body as { secret: string };
    const verified = await t.call('POST', '/mfa/verify', { token: totp.codeAt(secret, t.clock.now()) }, access);
    expect(verified.status).toBe(200);
    return secret;
  };

  const alive = async (access: string): Promise<number> =>
    (await t.call('GET', '/mfa/status', undefined, access)).status;

  it('restores an admin refused with MFA_ENROLLMENT_REQUIRED when another admin extends the grace period', async () => {
    const colleague = await login('playwright@example.org');
    const secret = await enrolMfa(colleague);
    t.clock.advance(8 * DAY);

    const refused = await t.call('POST', '/auth/login', { email: 'admin@example.org', password: 'Password1' });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 403, reason: 'MFA_ENROLLMENT_REQUIRED' });

    const signedIn = await login('playwright@example.org', 'Password1', totp.codeAt(secret, t.clock.now()));
    const adminId = await idOf('admin@example.org');
    const extended = await t.call('POST', `/caregivers/${adminId}/mfa/extend-grace`, undefined, signedIn);
    expect(extended.status).toBe(200);
    expect(extended.body).toEqual({
      mfaEnrollmentRequiredBy: new Date(t.clock.now().getTime() + 7 * DAY).toISOString(),
    });

    const restored = await t.call('POST', '/auth/login', { email: 'admin@example.org', password: 'Password1' });
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({
      mfaEnrollmentRequiredBy: new Date(t.clock.now().getTime() + 7 * DAY).toISOString(),
    });

    const again = await t.call(
      'POST',
      `/caregivers/${await idOf('playwright@example.org')}/mfa/extend-grace`,
      undefined,
      signedIn,
    );
    expect(again.body).toEqual(DENIED);
  });

  it('answers 400 MFA is already enabled, and keeps staff and other orgs out of extend-grace', async () => {
    const colleague = await login('playwright@example.org');
    await enrolMfa(colleague);
    const admin = await login('admin@example.org');
    const playwrightId = await idOf('playwright@example.org');
    expect((await t.call('POST', `/caregivers/${playwrightId}/mfa/extend-grace`, undefined, admin)).body).toEqual({
      code: 400,
      message: 'MFA is already enabled',
    });
    const staff = await login('fake@example.org');
    const adminId = await idOf('admin@example.org');
    expect((await t.call('POST', `/caregivers/${adminId}/mfa/extend-grace`, undefined, staff)).body).toEqual(DENIED);
    const superId = await idOf('superadmin@example.org');
    expect((await t.call('POST', `/caregivers/${superId}/mfa/extend-grace`, undefined, admin)).body).toEqual(NOT_FOUND);
  });

  it('unlocks a locked account: 200 CaregiverDTO, and the caregiver signs in again', async () => {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await t.call('POST', '/auth/login', { email: 'fake@example.org', password: 'Wrong-password1' });
    }
    const locked = await t.call('POST', '/auth/login', { email: 'fake@example.org', password: 'Password1' });
    expect(locked.body).toMatchObject({ code: 403, reason: 'ACCOUNT_LOCKED' });

    const staffId = await idOf('fake@example.org');
    const admin = await login('admin@example.org');
    const unlocked = await t.call('POST', `/caregivers/${staffId}/unlock`, undefined, admin);
    expect(unlocked.status).toBe(200);
    expect(unlocked.body).toMatchObject({ id: staffId, email: 'fake@example.org', role: 'staff' });
    expect((await t.call('POST', '/auth/login', { email: 'fake@example.org', password: 'Password1' })).status).toBe(
      200,
    );
  });

  it('refuses unlock to staff (403) and hides other organisations (404); ids are validated (400)', async () => {
    const staff = await login('fake@example.org');
    const adminId = await idOf('admin@example.org');
    expect((await t.call('POST', `/caregivers/${adminId}/unlock`, undefined, staff)).body).toEqual(DENIED);
    const admin = await login('admin@example.org');
    const superId = await idOf('superadmin@example.org');
    expect((await t.call('POST', `/caregivers/${superId}/unlock`, undefined, admin)).body).toEqual(NOT_FOUND);
    expect((await t.call('POST', '/caregivers/not-an-id/unlock', undefined, admin)).body).toEqual({
      code: 400,
      message: '"id" must be a valid id',
    });
    expect((await t.call('POST', `/caregivers/${adminId}/unlock`)).status).toBe(401);
  });

  it('resets the MFA of a staff member: sessions end, the next login needs no code; an orgAdmin target is 403', async () => {
    const staff = await login('fake@example.org');
    await enrolMfa(staff);
    const admin = await login('admin@example.org');
    const staffId = await idOf('fake@example.org');
    const reset = await t.call('POST', `/caregivers/${staffId}/mfa/reset`, undefined, admin);
    expect(reset.status).toBe(200);
    expect(reset.body).toMatchObject({ id: staffId, mfaEnabled: false });
    expect((await t.call('GET', '/mfa/status', undefined, staff)).body).toMatchObject({
      code: 401,
      reason: 'SESSION_REVOKED',
    });
    const again = await t.call('POST', '/auth/login', { email: 'fake@example.org', password: 'Password1' });
    expect(again.body).toHaveProperty('tokens.access.token');

    const playwrightId = await idOf('playwright@example.org');
    expect((await t.call('POST', `/caregivers/${playwrightId}/mfa/reset`, undefined, admin)).body).toEqual(DENIED);
    const superAdmin = await login('superadmin@example.org');
    const bySuperAdmin = await t.call('POST', `/caregivers/${playwrightId}/mfa/reset`, undefined, superAdmin);
    expect(bySuperAdmin.status).toBe(200);
  });

  it("revokes sessions: one's own other sessions (the calling one stays), or all of a member's", async () => {
    const first = await login('fake@example.org');
    const second = await login('fake@example.org');
    const staffId = await idOf('fake@example.org');
    const own = await t.call('POST', `/caregivers/${staffId}/sessions/revoke`, undefined, first);
    expect(own.status).toBe(204);
    expect(await alive(first)).toBe(200);
    expect(await alive(second)).toBe(401);

    const admin = await login('admin@example.org');
    const adminId = await idOf('admin@example.org');
    expect((await t.call('POST', `/caregivers/${adminId}/sessions/revoke`, undefined, first)).body).toEqual(DENIED);
    expect(await alive(admin)).toBe(200);
    expect((await t.call('POST', `/caregivers/${staffId}/sessions/revoke`, undefined, admin)).status).toBe(204);
    expect(await alive(first)).toBe(401);
  });

  it('changes the password: 204, other sessions end, the calling one stays; wrong current password is 400', async () => {
    const calling = await login('fake@example.org');
    const other = await login('fake@example.org');
    const wrong = await t.call(
      'POST',
      '/auth/change-password',
      { currentPassword: 'Nope12345', newPassword: 'Brighter2024' },
      calling,
    );
    expect(wrong.body).toEqual({ code: 400, message: 'Current password is incorrect' });
    const weak = await t.call(
      'POST',
      '/auth/change-password',
      { currentPassword: 'Password1', newPassword: 'abcdefgh' },
      calling,
    );
    expect(weak.body).toEqual({ code: 400, message: 'password must contain at least 1 letter and 1 number' });
    expect((await t.call('POST', '/auth/change-password', { newPassword: 'x' }, calling)).body).toEqual({
      code: 400,
      message: '"currentPassword" is required',
    });
    expect(await alive(other)).toBe(200);

    const changed = await t.call(
      'POST',
      '/auth/change-password',
      { currentPassword: 'Password1', newPassword: 'Brighter2024' },
      calling,
    );
    expect(changed.status).toBe(204);
    expect(await alive(calling)).toBe(200);
    expect(await alive(other)).toBe(401);
    expect((await t.call('POST', '/auth/login', { email: 'fake@example.org', password: 'Password1' })).status).toBe(
      401,
    );
    await login('fake@example.org', 'Brighter2024');
    expect(
      (await t.call('POST', '/auth/change-password', { currentPassword: 'a', newPassword: 'b' })).body,
    ).toMatchObject({ code: 401, reason: 'TOKEN_MISSING' });
  });

  it('links an SSO identity to the signed-in account, which then signs in with it; a taken identity is 409', async () => {
    const idToken = () =>
      idp.issueIdToken(
        { sub: 'google-sub-link', email: 'personal@gmail.example', email_verified: true, name: 'Test' },
        { now: t.clock.now() },
      );
    const staff = await login('fake@example.org');
    const linked = await t.call('POST', '/sso/link', { provider: 'google', idToken: await idToken() }, staff);
    expect(linked.status).toBe(200);
    expect(linked.body).toMatchObject({ email: 'fake@example.org', role: 'staff' });

    const viaSso = await t.call('POST', '/sso/login', { provider: 'google', idToken: await idToken() });
    expect(viaSso.status).toBe(200);
    expect(viaSso.body).toMatchObject({ user: { email: 'fake@example.org' } });

    const admin = await login('admin@example.org');
    expect((await t.call('POST', '/sso/link', { provider: 'google', idToken: await idToken() }, admin)).body).toEqual({
      code: 409,
      message: 'This identity is already linked to another account',
    });
    const forged = await idp.issueIdToken(
      { sub: 'x', email: 'x@example.com', email_verified: true },
      { foreignKey: true },
    );
    expect((await t.call('POST', '/sso/link', { provider: 'google', idToken: forged }, admin)).status).toBe(403);
    expect((await t.call('POST', '/sso/link', { provider: 'microsoft', idToken: 'abc' }, admin)).status).toBe(501);
  });

  it('creates an org as superAdmin (201) and invites its first orgAdmin; 409 for a used org e-mail; 403 otherwise', async () => {
    const superAdmin = await login('superadmin@example.org');
    const body = {
      name: 'Harbour Care',
      email: 'Office@Harbour.example',
      phone: '604 555 0111',
      timezone: 'America/Vancouver',
      admin: { name: 'Hana Harbour', email: 'hana@harbour.example', phone: '604 555 0112' },
    };
    const created = await t.call('POST', '/orgs', body, superAdmin);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id: expect.any(String),
      name: 'Harbour Care',
      email: 'office@harbour.example',
      phone: '+16045550111',
      timezone: 'America/Vancouver',
      caregivers: [expect.any(String)],
    });
    const token = t.tokenFromMail('hana@harbour.example', '/signup');
    const info = await t.call('GET', `/auth/invite-info?token=${encodeURIComponent(token)}`);
    expect(info.body).toEqual({ name: 'Hana Harbour', email: 'hana@harbour.example', phone: '+16045550112' });

    const again = await t.call(
      'POST',
      '/orgs',
      { ...body, admin: { ...body.admin, email: 'ian@harbour.example' } },
      superAdmin,
    );
    expect(again.body).toEqual({ code: 409, message: 'Email already taken', reason: 'EMAIL_TAKEN' });
    const invalid = await t.call(
      'POST',
      '/orgs',
      { name: 'X', email: 'x@example.org', timezone: 'Mars/Base' },
      superAdmin,
    );
    expect(invalid.body).toEqual({
      code: 400,
      message: '"timezone" must be a valid IANA time zone, "admin" is required',
    });
    const admin = await login('admin@example.org');
    expect((await t.call('POST', '/orgs', { ...body, email: 'other@harbour.example' }, admin)).body).toEqual(DENIED);
  });
});

describe('change-password guesses are limited', () => {
  it('answers 429 after 5 wrong current passwords in 15 minutes', async () => {
    const app = await startIdentityApp();
    try {
      await app.call('POST', '/test/seed');
      const login = await app.call('POST', '/auth/login', { email: 'fake@example.org', password: 'Password1' });
      const access = (login.body as { tokens: { access: { token: string } } }).tokens.access.token;
      for (let i = 0; i < 5; i += 1) {
        const wrong = await app.call(
          'POST',
          '/auth/change-password',
          { currentPassword: `Guess${i}xyz`, newPassword: 'Sunshine42' },
          access,
        );
        expect(wrong.body).toEqual({ code: 400, message: 'Current password is incorrect' });
      }
      const limited = await app.call(
        'POST',
        '/auth/change-password',
        { currentPassword: 'Password1', newPassword: 'Sunshine42' },
        access,
      );
      expect(limited.status).toBe(429);
    } finally {
      await app.stop();
    }
  });
});
