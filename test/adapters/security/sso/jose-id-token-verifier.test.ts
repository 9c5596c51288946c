import type { Logger, LogFields } from '../../../../application/ports/logger';
import { JoseIdTokenVerifier } from '../../../../adapters/security/sso/jose-id-token-verifier';
import { FakeOidcProvider, type IssueOptions } from '../../../support/fakes/fake-oidc-provider';

const GOOGLE_CLIENT = 'bianca-web.apps.googleusercontent.com';
const MS_CLIENT = '6731de76-14a6-49ae-97bc-6eba6914391e';
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const OTHER_TENANT = '9188040d-6c67-4c5b-b112-36a304b66dad';
const now = new Date('2026-03-01T10:00:00Z');

const recordingLogger = (): Logger & { lines: Array<{ level: string; fields: LogFields; message: string }> } => {
  const lines: Array<{ level: string; fields: LogFields; message: string }> = [];
  const at = (level: string) => (fields: LogFields, message: string) => {
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

const googleClaims = {
  sub: '110169484474386276334',
  email: 'Jane.Doe@Gmail.com',
  email_verified: true,
  name: 'Jane Doe',
  picture: 'https://lh3.googleusercontent.com/a/photo.jpg',
};

const msIssuer = (tid: string): string => `https://login.microsoftonline.com/${tid}/v2.0`;
const msClaims = (tid = TENANT) => ({
  sub: 'AAAAAAAAAAAAAAAAAAAAAIkzqFVrSaSaFHy782bbtaQ',
  tid,
  oid: '00000000-0000-0000-66f3-3332eca7ea81',
  email: 'Sam.Carer@Contoso.com',
  name: 'Sam Carer',
  preferred_username: 'sam.carer@contoso.com',
});

describe('JoseIdTokenVerifier against a fake OIDC provider', () => {
  let idp: FakeOidcProvider;
  let logger: ReturnType<typeof recordingLogger>;
  let verifier: JoseIdTokenVerifier;

  beforeAll(async () => {
    idp = await FakeOidcProvider.start({ issuer: 'https://accounts.google.com', audience: GOOGLE_CLIENT });
  });

  afterAll(async () => {
    await idp.close();
  });

  beforeEach(() => {
    logger = recordingLogger();
    verifier = new JoseIdTokenVerifier(
      {
        google: { clientIds: ['other-client', GOOGLE_CLIENT], jwksUrl: idp.jwksUrl },
        microsoft: { clientIds: [MS_CLIENT], jwksUrl: idp.jwksUrl },
      },
      logger,
    );
  });

  const google = async (claims: object = googleClaims, options: IssueOptions = {}) =>
    verifier.verify('google', await idp.issueIdToken({ ...claims }, { now, ...options }), now);

  describe('Google', () => {
    it('returns the verified identity, e-mail lower-cased', async () => {
      await expect(google()).resolves.toEqual({
        provider: 'google',
        subject: '110169484474386276334',
        email: 'jane.doe@gmail.com',
        emailVerified: true,
        name: 'Jane Doe',
        picture: 'https://lh3.googleusercontent.com/a/photo.jpg',
      });
    });

    it('accepts ES256 and the scheme-less Google issuer', async () => {
      expect(await google(googleClaims, { alg: 'ES256' })).not.toBeNull();
      expect(await google(googleClaims, { issuer: 'accounts.google.com' })).not.toBeNull();
    });

    it('fills name and picture leniently', async () => {
      const identity = await google({ ...googleClaims, name: undefined, picture: 'javascript:alert(1)' });
      expect(identity).toMatchObject({ name: '', picture: null });
    });

    it.each<[string, object, IssueOptions, string]>([
      [
        'signed with a key not in the JWKS',
        googleClaims,
        { foreignKey: true },
        'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
      ],
      ['an unknown kid', googleClaims, { kid: 'rotated-away' }, 'ERR_JWKS_NO_MATCHING_KEY'],
      [
        'a wrong audience',
        googleClaims,
        { audience: 'someone-else.apps.googleusercontent.com' },
        'ERR_JWT_CLAIM_VALIDATION_FAILED',
      ],
      ['a wrong issuer', googleClaims, { issuer: 'https://evil.example.com' }, 'ERR_JWT_CLAIM_VALIDATION_FAILED'],
      ['expired beyond the 60 s skew', googleClaims, { expiresInSeconds: -61 }, 'ERR_JWT_EXPIRED'],
      ['nbf beyond the 60 s skew', googleClaims, { notBeforeInSeconds: 61 }, 'ERR_JWT_CLAIM_VALIDATION_FAILED'],
      ['email_verified false', { ...googleClaims, email_verified: false }, {}, 'EMAIL_NOT_VERIFIED'],
      ['email_verified as the string "true"', { ...googleClaims, email_verified: 'true' }, {}, 'EMAIL_NOT_VERIFIED'],
      ['no email', { ...googleClaims, email: undefined }, {}, 'EMAIL_MISSING'],
      ['an email that is not an address', { ...googleClaims, email: 'jane' }, {}, 'EMAIL_MISSING'],
      ['alg none', googleClaims, { forge: 'none' }, 'ERR_JOSE_ALG_NOT_ALLOWED'],
      ['HS256 keyed with the public key PEM', googleClaims, { forge: 'HS256-public-key' }, 'ERR_JOSE_ALG_NOT_ALLOWED'],
      [
        'several audiences without our azp',
        googleClaims,
        { audience: [GOOGLE_CLIENT, 'other-app'] },
        'AUTHORIZED_PARTY_MISMATCH',
      ],
    ])('rejects a token with %s', async (_case, claims, options, reason) => {
      await expect(google(claims, options)).resolves.toBeNull();
      expect(logger.lines).toEqual([
        { level: 'info', fields: { provider: 'google', reason }, message: 'ID token rejected' },
      ]);
    });

    it('accepts exp and nbf within the 60 s skew', async () => {
      expect(await google(googleClaims, { expiresInSeconds: -50 })).not.toBeNull();
      expect(await google(googleClaims, { notBeforeInSeconds: 50 })).not.toBeNull();
    });

    it('accepts several audiences when azp is one of our clients', async () => {
      const identity = await google({ ...googleClaims, azp: GOOGLE_CLIENT }, { audience: [GOOGLE_CLIENT, 'x'] });
      expect(identity?.subject).toBe(googleClaims.sub);
    });

    it('checks exp against the passed time, not the wall clock', async () => {
      const token = await idp.issueIdToken(googleClaims, { now, expiresInSeconds: 3600 });
      expect(await verifier.verify('google', token, now)).not.toBeNull();
      expect(await verifier.verify('google', token, new Date(now.getTime() + 3661_000))).toBeNull();
    });

    it('rejects a tampered payload', async () => {
      const [header, , signature] = (await idp.issueIdToken(googleClaims, { now })).split('.');
      const payload = Buffer.from(
        JSON.stringify({
          ...googleClaims,
          email: 'admin@example.org',
          iss: 'https://accounts.google.com',
          aud: GOOGLE_CLIENT,
          exp: 2e9,
        }),
      ).toString('base64url');
      await expect(verifier.verify('google', `${header}.${payload}.${signature}`, now)).resolves.toBeNull();
    });

    it('never throws on garbage', async () => {
      for (const junk of ['', 'abc', 'a.b.c', '..', 'x'.repeat(20_000), undefined as unknown as string]) {
        await expect(verifier.verify('google', junk, now)).resolves.toBeNull();
      }
    });

    it('never logs the token or its claims', async () => {
      await google({ ...googleClaims, email_verified: false });
      const written = JSON.stringify(logger.lines);
      expect(written).not.toContain('jane');
      expect(written).not.toContain('eyJ');
      expect(logger.lines[0].fields['reason']).toBe('EMAIL_NOT_VERIFIED');
    });
  });

  describe('Microsoft', () => {
    const lastReason = (): unknown => logger.lines.at(-1)?.fields['reason'];

    const microsoft = async (tid: string, claims: object, options: IssueOptions = {}, v = verifier) =>
      v.verify(
        'microsoft',
        await idp.issueIdToken({ ...claims }, { now, issuer: msIssuer(tid), audience: MS_CLIENT, ...options }),
        now,
      );

    const restricted = (): JoseIdTokenVerifier =>
      new JoseIdTokenVerifier(
        { microsoft: { clientIds: [MS_CLIENT], jwksUrl: idp.jwksUrl, allowedTenantIds: [TENANT.toUpperCase()] } },
        logger,
      );

    it('accepts the tenant issuer with a domain-verified e-mail', async () => {
      await expect(microsoft(TENANT, { ...msClaims(), xms_edov: true })).resolves.toEqual({
        provider: 'microsoft',
        subject: msClaims().sub,
        email: 'sam.carer@contoso.com',
        emailVerified: true,
        name: 'Sam Carer',
        picture: null,
      });
    });

    it('rejects an issuer naming another tenant than tid', async () => {
      await expect(microsoft(OTHER_TENANT, { ...msClaims(TENANT), xms_edov: true })).resolves.toBeNull();
      expect(lastReason()).toBe('ISSUER_MISMATCH');
    });

    it('rejects a Google-issued token', async () => {
      await expect(
        microsoft(TENANT, { ...msClaims(), xms_edov: true }, { issuer: 'https://accounts.google.com' }),
      ).resolves.toBeNull();
      expect(lastReason()).toBe('ISSUER_MISMATCH');
    });

    it('rejects xms_edov false, even from an allowed tenant', async () => {
      await expect(microsoft(TENANT, { ...msClaims(), xms_edov: false })).resolves.toBeNull();
      await expect(microsoft(TENANT, { ...msClaims(), xms_edov: false }, {}, restricted())).resolves.toBeNull();
      expect(lastReason()).toBe('EMAIL_NOT_VERIFIED');
    });

    it('without xms_edov trusts the e-mail only from an allowed tenant', async () => {
      await expect(microsoft(TENANT, msClaims())).resolves.toBeNull();
      expect(lastReason()).toBe('EMAIL_NOT_VERIFIED');
      const identity = await microsoft(TENANT, msClaims(), {}, restricted());
      expect(identity?.email).toBe('sam.carer@contoso.com');
    });

    it('rejects a tenant outside the allowed list', async () => {
      await expect(
        microsoft(OTHER_TENANT, { ...msClaims(OTHER_TENANT), xms_edov: true }, {}, restricted()),
      ).resolves.toBeNull();
      expect(lastReason()).toBe('TENANT_NOT_ALLOWED');
    });

    it('falls back to preferred_username when it is an e-mail', async () => {
      const claims = { ...msClaims(), email: undefined, xms_edov: true };
      expect((await microsoft(TENANT, claims))?.email).toBe('sam.carer@contoso.com');
      await expect(microsoft(TENANT, { ...claims, preferred_username: 'sam' })).resolves.toBeNull();
    });

    it('rejects a wrong audience', async () => {
      await expect(
        microsoft(TENANT, { ...msClaims(), xms_edov: true }, { audience: GOOGLE_CLIENT }),
      ).resolves.toBeNull();
      expect(lastReason()).toBe('ERR_JWT_CLAIM_VALIDATION_FAILED');
    });
  });

  describe('configuration and keys', () => {
    it('reports which providers have client ids', () => {
      expect(verifier.isConfigured('google')).toBe(true);
      expect(verifier.isConfigured('microsoft')).toBe(true);
      const googleOnly = new JoseIdTokenVerifier({
        google: { clientIds: [GOOGLE_CLIENT] },
        microsoft: { clientIds: [] },
      });
      expect(googleOnly.isConfigured('google')).toBe(true);
      expect(googleOnly.isConfigured('microsoft')).toBe(false);
      expect(new JoseIdTokenVerifier({}).isConfigured('google')).toBe(false);
    });

    it('answers null for a provider that is not configured', async () => {
      const none = new JoseIdTokenVerifier({});
      await expect(none.verify('google', await idp.issueIdToken(googleClaims, { now }), now)).resolves.toBeNull();
    });

    it('downloads the JWKS once and caches it', async () => {
      const fresh = new JoseIdTokenVerifier({ google: { clientIds: [GOOGLE_CLIENT], jwksUrl: idp.jwksUrl } });
      const before = idp.jwksRequests;
      for (let i = 0; i < 3; i += 1) {
        expect(await fresh.verify('google', await idp.issueIdToken(googleClaims, { now }), now)).not.toBeNull();
      }
      expect(idp.jwksRequests - before).toBe(1);
    });

    it('answers null and warns when the JWKS cannot be fetched', async () => {
      const down = await FakeOidcProvider.start();
      const jwksUrl = down.jwksUrl;
      await down.close();
      const offline = new JoseIdTokenVerifier({ google: { clientIds: [GOOGLE_CLIENT], jwksUrl } }, logger);
      const notFound = new JoseIdTokenVerifier(
        { google: { clientIds: [GOOGLE_CLIENT], jwksUrl: idp.jwksUrl.replace('/certs', '/missing') } },
        logger,
      );
      const token = await idp.issueIdToken(googleClaims, { now });
      await expect(offline.verify('google', token, now)).resolves.toBeNull();
      await expect(notFound.verify('google', token, now)).resolves.toBeNull();
      expect(logger.lines.map((line) => [line.level, line.fields['reason']])).toEqual([
        ['warn', 'JWKS_FETCH_FAILED'],
        ['warn', 'ERR_JOSE_GENERIC'],
      ]);
    });

    it('gives up on a slow JWKS after the timeout and logs a warning', async () => {
      const slow = new JoseIdTokenVerifier(
        { google: { clientIds: [GOOGLE_CLIENT], jwksUrl: idp.jwksUrl }, jwksTimeoutMs: 150 },
        logger,
      );
      idp.jwksDelayMs = 10_000;
      try {
        // Far shorter than the delay and Jest's 20 s test timeout: only the verifier's own timeout can end this.
        await expect(slow.verify('google', await idp.issueIdToken(googleClaims, { now }), now)).resolves.toBeNull();
        expect(logger.lines).toEqual([
          {
            level: 'warn',
            fields: { provider: 'google', reason: 'ERR_JWKS_TIMEOUT' },
            message: 'ID token not verified: provider keys unavailable',
          },
        ]);
      } finally {
        idp.jwksDelayMs = 0;
      }
    });
  });
});
