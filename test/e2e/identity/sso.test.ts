import { FakeOidcProvider } from '../../support/fakes/fake-oidc-provider';
import { startIdentityApp, type IdentityApp } from '../../support/identity-app';

const CLIENT_ID = 'bianca-web.apps.example';

describe('SSO over HTTP (ID token verified against the provider keys)', () => {
  let idp: FakeOidcProvider;
  let t: IdentityApp;

  beforeAll(async () => {
    idp = await FakeOidcProvider.start({ issuer: 'https://accounts.google.com', audience: CLIENT_ID });
    t = await startIdentityApp({ GOOGLE_CLIENT_IDS: CLIENT_ID, GOOGLE_JWKS_URL: idp.jwksUrl });
  });
  afterAll(async () => {
    await t.stop();
    await idp.close();
  });
  beforeEach(async () => {
    await t.call('POST', '/test/seed');
  });

  const idToken = (claims: Record<string, unknown> = {}) =>
    idp.issueIdToken({
      sub: 'google-sub-1',
      email: 'Grace@Example.com',
      email_verified: true,
      name: 'Grace Hopper',
      ...claims,
    });

  it('provisions an org and admin on first sign-in, then signs the same identity in', async () => {
    const first = await t.call('POST', '/sso/login', {
      provider: 'google',
      idToken: await idToken(),
      email: 'attacker@example.org',
    });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      success: true,
      message: 'SSO login successful',
      user: { email: 'grace@example.com', role: 'orgAdmin', isEmailVerified: true },
      org: { name: "Grace Hopper's Organization" },
      tokens: { access: { token: expect.any(String), expires: expect.any(Number) } },
    });
    const again = await t.call('POST', '/sso/login', { provider: 'google', idToken: await idToken() });
    expect((again.body as { user: { id: string } }).user.id).toBe((first.body as { user: { id: string } }).user.id);
  });

  it('never links to an existing password account by e-mail', async () => {
    const res = await t.call('POST', '/sso/login', {
      provider: 'google',
      idToken: await idToken({ sub: 'other', email: 'fake@example.org' }),
    });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ reason: 'SSO_LINK_REQUIRED' });
  });

  it('refuses tokens that fail verification with 403, a missing token with 400, and never 401', async () => {
    const forged = await idp.issueIdToken(
      { sub: 'x', email: 'x@example.com', email_verified: true },
      { foreignKey: true },
    );
    expect((await t.call('POST', '/sso/login', { provider: 'google', idToken: forged })).body).toEqual({
      code: 403,
      message: 'SSO sign-in failed: the identity token could not be verified',
    });
    const wrongAudience = await idp.issueIdToken(
      { sub: 'x', email: 'x@example.com', email_verified: true },
      { audience: 'someone-else' },
    );
    expect((await t.call('POST', '/sso/login', { provider: 'google', idToken: wrongAudience })).status).toBe(403);
    const missing = await t.call('POST', '/sso/login', { provider: 'google', email: 'x@example.com', name: 'X' });
    expect(missing.body).toEqual({ code: 400, message: 'A provider ID token is required' });
    expect((await t.call('POST', '/sso/login', { provider: 'microsoft', idToken: 'abc' })).body).toMatchObject({
      code: 501,
      message: 'SSO is not configured',
    });
  });

  it('verifies a token and returns its claims', async () => {
    const res = await t.call('POST', '/sso/verify', { provider: 'google', token: await idToken() });
    expect(res.body).toEqual({
      success: true,
      userInfo: { id: 'google-sub-1', email: 'grace@example.com', name: 'Grace Hopper' },
    });
  });

  it('sets a password on an SSO account only with its own session; otherwise only e-mails a link', async () => {
    const signedIn = (await t.call('POST', '/sso/login', { provider: 'google', idToken: await idToken() })).body as {
      tokens: { access: { token: string } };
    };
    const body = { email: 'grace@example.com', password: 'Sunshine42', confirmPassword: 'Sunshine42' };
    const anonymous = await t.call('POST', '/auth/set-password-for-sso', body);
    expect(anonymous.body).toEqual({
      success: true,
      message: 'If this account can use a password, we have sent you an email to set it.',
    });
    expect((await t.call('POST', '/auth/login', { email: 'grace@example.com', password: 'Sunshine42' })).status).toBe(
      403,
    );
    expect(t.tokenFromMail('grace@example.com', '/reset-password')).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const mismatch = await t.call('POST', '/auth/set-password-for-sso', { ...body, confirmPassword: 'Other42xx' });
    expect(mismatch.body).toEqual({ code: 400, message: 'Passwords do not match' });
    const withSession = await t.call('POST', '/auth/set-password-for-sso', body, signedIn.tokens.access.token);
    expect(withSession.body).toEqual({ success: true, message: 'Password set' });
    expect((await t.call('POST', '/auth/login', { email: 'grace@example.com', password: 'Sunshine42' })).status).toBe(
      200,
    );
  });
});
