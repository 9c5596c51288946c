import { createHmac, generateKeyPairSync, sign as edSign } from 'node:crypto';
import { SignJWT } from 'jose';
import {
  JoseAccessTokenService,
  type JoseAccessTokenServiceOptions,
} from '../../../adapters/security/jose-access-token-service';

const SECRET = 'an-hs256-test-secret-of-at-least-32-chars';
const ISSUER = 'bianca-test';
const AUDIENCE = 'myphonefriend-test';
const NOW = new Date('2025-03-01T12:00:00Z');
const NOW_S = NOW.getTime() / 1000;
const SUBJECT = { caregiverId: 'cg-1', sessionId: 'sess-1' };

const b64url = (value: string | Buffer): string => Buffer.from(value).toString('base64url');
const at = (seconds: number): Date => new Date(NOW.getTime() + seconds * 1000);

const ed25519 = (): { privateKeyPem: string; publicKeyPem: string } => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
};

const hsService = (overrides: Partial<JoseAccessTokenServiceOptions> = {}): JoseAccessTokenService =>
  new JoseAccessTokenService({ algorithm: 'HS256', secret: SECRET, issuer: ISSUER, audience: AUDIENCE, ...overrides });

/** A correct access payload, to be altered per test. */
const claims = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  sub: SUBJECT.caregiverId,
  sid: SUBJECT.sessionId,
  typ: 'access',
  iat: NOW_S,
  exp: NOW_S + 1800,
  iss: ISSUER,
  aud: AUDIENCE,
  ...overrides,
});

/** HS256 by hand: header and payload exactly as given, signed with `secret`. */
const hs256 = (
  payload: Record<string, unknown>,
  secret: string | Buffer = SECRET,
  header = { alg: 'HS256' },
): string => {
  const input = `${b64url(JSON.stringify({ typ: 'JWT', ...header }))}.${b64url(JSON.stringify(payload))}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
};

describe('JoseAccessTokenService (HS256)', () => {
  const service = hsService();

  it('signs a token that verifies with its claims', async () => {
    const signed = await service.sign(SUBJECT, NOW);
    expect(signed.expiresAt).toEqual(at(1800));
    await expect(service.verify(signed.token, NOW)).resolves.toEqual({
      caregiverId: 'cg-1',
      sessionId: 'sess-1',
      issuedAt: NOW,
      expiresAt: at(1800),
    });
  });

  it('writes exactly the contract claims and an HS256 header', async () => {
    const { token } = await service.sign(SUBJECT, NOW);
    const [header, payload] = token
      .split('.')
      .slice(0, 2)
      .map((part): unknown => JSON.parse(Buffer.from(part, 'base64url').toString()));
    expect(header).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(payload).toEqual(claims());
  });

  it('honours a configured lifetime', async () => {
    const short = hsService({ ttlSeconds: 600 });
    const { token, expiresAt } = await short.sign(SUBJECT, NOW);
    expect(expiresAt).toEqual(at(600));
    await expect(short.verify(token, at(600 + 59))).resolves.not.toBeNull();
    await expect(short.verify(token, at(600 + 61))).resolves.toBeNull();
  });

  it('accepts an expired token less than 60 s past exp and rejects it from then on', async () => {
    const { token } = await service.sign(SUBJECT, NOW);
    await expect(service.verify(token, at(1800 + 59))).resolves.not.toBeNull();
    await expect(service.verify(token, at(1800 + 60))).resolves.toBeNull();
    await expect(service.verify(token, at(1800 + 61))).resolves.toBeNull();
    await expect(service.verify(token, at(86_400))).resolves.toBeNull();
  });

  it('rejects a token not valid yet (nbf) beyond the skew, and accepts it within', async () => {
    const token = hs256(claims({ nbf: NOW_S + 300 }));
    await expect(service.verify(token, NOW)).resolves.toBeNull();
    await expect(service.verify(token, at(300 - 59))).resolves.not.toBeNull();
  });

  it('accepts a hand-made token with the right claims (so the rejections below are about one change each)', async () => {
    await expect(service.verify(hs256(claims()), NOW)).resolves.not.toBeNull();
  });

  it('rejects a tampered payload', async () => {
    const { token } = await service.sign(SUBJECT, NOW);
    const [header, , signature] = token.split('.');
    const forged = `${header}.${b64url(JSON.stringify(claims({ sub: 'cg-admin' })))}.${signature}`;
    await expect(service.verify(forged, NOW)).resolves.toBeNull();
  });

  it('rejects a tampered signature', async () => {
    const { token } = await service.sign(SUBJECT, NOW);
    const last = token.at(-2) === 'A' ? 'B' : 'A';
    await expect(service.verify(`${token.slice(0, -2)}${last}${token.at(-1)}`, NOW)).resolves.toBeNull();
  });

  it('rejects a token signed with another secret', async () => {
    const other = hsService({ secret: 'another-hs256-secret-of-32-characters!!' });
    const { token } = await other.sign(SUBJECT, NOW);
    await expect(service.verify(token, NOW)).resolves.toBeNull();
    await expect(service.verify(hs256(claims(), 'another-hs256-secret-of-32-characters!!'), NOW)).resolves.toBeNull();
  });

  it('rejects alg "none"', async () => {
    const header = b64url(JSON.stringify({ alg: 'none', typ: 'JWT' }));
    const unsigned = `${header}.${b64url(JSON.stringify(claims()))}.`;
    await expect(service.verify(unsigned, NOW)).resolves.toBeNull();
    await expect(service.verify(unsigned.slice(0, -1), NOW)).resolves.toBeNull();
  });

  it('rejects a correctly signed token whose header names another HMAC algorithm', async () => {
    const token = await new SignJWT(claims())
      .setProtectedHeader({ alg: 'HS512' })
      .sign(new TextEncoder().encode(SECRET));
    await expect(service.verify(token, NOW)).resolves.toBeNull();
  });

  it.each([
    ['typ refresh', { typ: 'refresh' }],
    ['typ missing', { typ: undefined }],
    ['wrong issuer', { iss: 'someone-else' }],
    ['wrong audience', { aud: 'another-app' }],
    ['missing sid', { sid: undefined }],
    ['empty sid', { sid: '' }],
    ['numeric sid', { sid: 7 }],
    ['missing sub', { sub: undefined }],
    ['numeric sub', { sub: 12 }],
    ['missing exp', { exp: undefined }],
    ['missing iat', { iat: undefined }],
  ])('rejects a validly signed token with %s', async (_name, change) => {
    await expect(service.verify(hs256(claims(change)), NOW)).resolves.toBeNull();
  });

  it.each([
    ['empty string', ''],
    ['garbage', 'not-a-jwt'],
    ['three garbage segments', 'a.b.c'],
    ['two segments', 'eyJhbGciOiJIUzI1NiJ9.e30'],
    ['a huge string', 'a'.repeat(100_000)],
  ])('rejects %s without throwing', async (_name, token) => {
    await expect(service.verify(token, NOW)).resolves.toBeNull();
  });

  it('rejects non-string input and an invalid date without throwing', async () => {
    const { token } = await service.sign(SUBJECT, NOW);
    await expect(service.verify(undefined as unknown as string, NOW)).resolves.toBeNull();
    await expect(service.verify(token, new Date(Number.NaN))).resolves.toBeNull();
  });

  it('refuses a short secret, a missing secret, and an empty issuer or audience', () => {
    expect(() => hsService({ secret: 'x'.repeat(31) })).toThrow(TypeError);
    expect(() => hsService({ secret: undefined })).toThrow(TypeError);
    expect(() => hsService({ issuer: '' })).toThrow(TypeError);
    expect(() => hsService({ audience: '' })).toThrow(TypeError);
    expect(() => hsService({ ttlSeconds: 0 })).toThrow(RangeError);
  });
});

describe('JoseAccessTokenService (EdDSA)', () => {
  const keys = ed25519();
  const service = new JoseAccessTokenService({ algorithm: 'EdDSA', ...keys, issuer: ISSUER, audience: AUDIENCE });

  it('signs and verifies with an Ed25519 key pair', async () => {
    const { token } = await service.sign(SUBJECT, NOW);
    expect(JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString())).toEqual({ alg: 'EdDSA', typ: 'JWT' });
    await expect(service.verify(token, NOW)).resolves.toEqual({
      caregiverId: 'cg-1',
      sessionId: 'sess-1',
      issuedAt: NOW,
      expiresAt: at(1800),
    });
  });

  it('derives the public key when only the private key is given', async () => {
    const privateOnly = new JoseAccessTokenService({
      algorithm: 'EdDSA',
      privateKeyPem: keys.privateKeyPem,
      issuer: ISSUER,
      audience: AUDIENCE,
    });
    const { token } = await privateOnly.sign(SUBJECT, NOW);
    await expect(service.verify(token, NOW)).resolves.not.toBeNull();
  });

  it('rejects a token signed by another Ed25519 key', async () => {
    const other = new JoseAccessTokenService({ algorithm: 'EdDSA', ...ed25519(), issuer: ISSUER, audience: AUDIENCE });
    const { token } = await other.sign(SUBJECT, NOW);
    await expect(service.verify(token, NOW)).resolves.toBeNull();
  });

  it('rejects an HS256 token signed with the public key PEM as the secret (algorithm confusion)', async () => {
    await expect(service.verify(hs256(claims(), keys.publicKeyPem), NOW)).resolves.toBeNull();
    await expect(service.verify(hs256(claims(), SECRET), NOW)).resolves.toBeNull();
  });

  it('rejects an EdDSA-signed token with a wrong typ (the signature alone is not enough)', async () => {
    const input = `${b64url(JSON.stringify({ alg: 'EdDSA' }))}.${b64url(JSON.stringify(claims({ typ: 'refresh' })))}`;
    const good = `${b64url(JSON.stringify({ alg: 'EdDSA' }))}.${b64url(JSON.stringify(claims()))}`;
    const signature = (data: string): string =>
      edSign(null, Buffer.from(data), keys.privateKeyPem).toString('base64url');
    await expect(service.verify(`${good}.${signature(good)}`, NOW)).resolves.not.toBeNull();
    await expect(service.verify(`${input}.${signature(input)}`, NOW)).resolves.toBeNull();
  });

  it('is not accepted by an HS256 service, and HS256 tokens are not accepted by it', async () => {
    const hs = hsService();
    const { token: edToken } = await service.sign(SUBJECT, NOW);
    const { token: hsToken } = await hs.sign(SUBJECT, NOW);
    await expect(hs.verify(edToken, NOW)).resolves.toBeNull();
    await expect(service.verify(hsToken, NOW)).resolves.toBeNull();
  });

  it('refuses a missing key, a non-Ed25519 key and a public key that does not match', () => {
    const base = { algorithm: 'EdDSA' as const, issuer: ISSUER, audience: AUDIENCE };
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    expect(() => new JoseAccessTokenService({ ...base, publicKeyPem: keys.publicKeyPem })).toThrow(TypeError);
    expect(
      () =>
        new JoseAccessTokenService({
          ...base,
          privateKeyPem: rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
        }),
    ).toThrow(TypeError);
    expect(
      () =>
        new JoseAccessTokenService({
          ...base,
          privateKeyPem: keys.privateKeyPem,
          publicKeyPem: ed25519().publicKeyPem,
        }),
    ).toThrow(TypeError);
  });
});
