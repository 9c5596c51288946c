import { createPrivateKey, createPublicKey, createSecretKey, type KeyObject } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import type {
  AccessTokenClaims,
  AccessTokenService,
  SignedAccessToken,
} from '../../application/ports/access-token-service';

export type AccessTokenAlgorithm = 'HS256' | 'EdDSA';

export interface JoseAccessTokenServiceOptions {
  /** The only algorithm accepted on verification (an allow-list of one). */
  readonly algorithm: AccessTokenAlgorithm;
  /** HS256: the shared secret, at least 32 characters. */
  readonly secret?: string;
  /** EdDSA: the Ed25519 private key, PKCS#8 PEM. */
  readonly privateKeyPem?: string;
  /** EdDSA: the Ed25519 public key, SPKI PEM; derived from the private key when omitted (must match it). */
  readonly publicKeyPem?: string;
  readonly issuer: string;
  readonly audience: string;
  /** Access token lifetime; default 1800 (30 minutes). */
  readonly ttlSeconds?: number;
}

/** Clock skew tolerated on `exp` and `nbf` (DOMAIN.md §2.4.2). */
export const ACCESS_TOKEN_CLOCK_SKEW_SECONDS = 60;
const MIN_SECRET_LENGTH = 32;
/** Longer inputs are refused before parsing: real access tokens are a few hundred characters. */
const MAX_TOKEN_LENGTH = 4096;

interface Keys {
  readonly signing: Uint8Array | KeyObject;
  readonly verifying: Uint8Array | KeyObject;
}

const nonEmptyString = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

const ed25519Keys = (privateKeyPem: string | undefined, publicKeyPem: string | undefined): Keys => {
  if (privateKeyPem === undefined) throw new TypeError('EdDSA access tokens need privateKeyPem (Ed25519 PKCS#8 PEM)');
  const privateKey = createPrivateKey({ key: privateKeyPem, format: 'pem' });
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new TypeError('privateKeyPem must be an Ed25519 key');
  const derived = createPublicKey(privateKey);
  if (publicKeyPem !== undefined) {
    const given = createPublicKey({ key: publicKeyPem, format: 'pem' });
    const der = (key: KeyObject): Buffer => key.export({ type: 'spki', format: 'der' });
    if (given.asymmetricKeyType !== 'ed25519' || !der(given).equals(der(derived))) {
      throw new TypeError('publicKeyPem must be the Ed25519 public key of privateKeyPem');
    }
  }
  return { signing: privateKey, verifying: derived };
};

const hmacKeys = (secret: string | undefined): Keys => {
  if (secret === undefined || secret.length < MIN_SECRET_LENGTH) {
    throw new TypeError(`HS256 access tokens need a secret of at least ${MIN_SECRET_LENGTH} characters`);
  }
  // A KeyObject made once: with raw bytes jose would import the key again on every sign and verify (hot path).
  const key = createSecretKey(Buffer.from(secret, 'utf8'));
  return { signing: key, verifying: key };
};

/**
 * Access JWTs with jose: claims `{sub, sid, typ: "access", iat, exp, iss, aud}`. Verification accepts only the
 * configured algorithm and checks signature, `exp`/`nbf` (60 s skew, against the given `now`), `iss`, `aud`,
 * `typ` and the presence of `sub` and `sid`. Any failure resolves null.
 */
export class JoseAccessTokenService implements AccessTokenService {
  private readonly algorithm: AccessTokenAlgorithm;
  private readonly keys: Keys;
  private readonly issuer: string;
  private readonly audience: string;
  private readonly ttlSeconds: number;

  constructor(options: JoseAccessTokenServiceOptions) {
    const { algorithm, issuer, audience, ttlSeconds = 1800 } = options;
    if (algorithm === 'HS256') this.keys = hmacKeys(options.secret);
    else if (algorithm === 'EdDSA') this.keys = ed25519Keys(options.privateKeyPem, options.publicKeyPem);
    else throw new TypeError(`Unsupported access token algorithm ${String(algorithm)}`);
    if (!nonEmptyString(issuer) || !nonEmptyString(audience)) {
      throw new TypeError('Access tokens need a non-empty issuer and audience');
    }
    if (!Number.isInteger(ttlSeconds) || ttlSeconds <= 0) {
      throw new RangeError(`ttlSeconds must be a positive integer, got ${ttlSeconds}`);
    }
    this.algorithm = algorithm;
    this.issuer = issuer;
    this.audience = audience;
    this.ttlSeconds = ttlSeconds;
  }

  async sign(subject: { caregiverId: string; sessionId: string }, now: Date): Promise<SignedAccessToken> {
    if (!nonEmptyString(subject.caregiverId) || !nonEmptyString(subject.sessionId)) {
      throw new TypeError('An access token needs a caregiver id and a session id');
    }
    const issuedAt = Math.floor(now.getTime() / 1000);
    const expiresAt = issuedAt + this.ttlSeconds;
    const token = await new SignJWT({ sid: subject.sessionId, typ: 'access' })
      .setProtectedHeader({ alg: this.algorithm, typ: 'JWT' })
      .setSubject(subject.caregiverId)
      .setIssuer(this.issuer)
      .setAudience(this.audience)
      .setIssuedAt(issuedAt)
      .setExpirationTime(expiresAt)
      .sign(this.keys.signing);
    return { token, expiresAt: new Date(expiresAt * 1000) };
  }

  async verify(token: string, now: Date): Promise<AccessTokenClaims | null> {
    if (typeof token !== 'string' || token.length === 0 || token.length > MAX_TOKEN_LENGTH) return null;
    try {
      const { payload } = await jwtVerify(token, this.keys.verifying, {
        algorithms: [this.algorithm],
        issuer: this.issuer,
        audience: this.audience,
        clockTolerance: ACCESS_TOKEN_CLOCK_SKEW_SECONDS,
        currentDate: now,
        requiredClaims: ['sub', 'sid', 'iat', 'exp'],
      });
      const { sub, sid, typ, iat, exp } = payload;
      if (typ !== 'access' || !nonEmptyString(sub) || !nonEmptyString(sid)) return null;
      if (typeof iat !== 'number' || typeof exp !== 'number') return null;
      return {
        caregiverId: sub,
        sessionId: sid,
        issuedAt: new Date(iat * 1000),
        expiresAt: new Date(exp * 1000),
      };
    } catch {
      return null;
    }
  }
}
