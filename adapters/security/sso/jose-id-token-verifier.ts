import { createRemoteJWKSet, jwtVerify, type JWTPayload, type JWTVerifyGetKey, type JWTVerifyOptions } from 'jose';
import type { IdTokenVerifier, SsoProvider, VerifiedIdentity } from '../../../application/ports/id-token-verifier';
import type { Logger } from '../../../application/ports/logger';

export interface GoogleSsoOptions {
  /** OAuth client ids of the app; the token's `aud` must be one of them. */
  readonly clientIds: readonly string[];
  readonly jwksUrl?: string;
  readonly issuers?: readonly string[];
}

export interface MicrosoftSsoOptions {
  readonly clientIds: readonly string[];
  readonly jwksUrl?: string;
  /**
   * Tenants (directory ids) allowed to sign in; any tenant when empty. A listed tenant's e-mail claim is
   * trusted without the `xms_edov` (domain verified) claim.
   */
  readonly allowedTenantIds?: readonly string[];
}

export interface JoseIdTokenVerifierOptions {
  readonly google?: GoogleSsoOptions;
  readonly microsoft?: MicrosoftSsoOptions;
  /** Abort a JWKS download after this long; default 3 000 ms. */
  readonly jwksTimeoutMs?: number;
}

export const GOOGLE_JWKS_URL = 'https://www.googleapis.com/oauth2/v3/certs';
export const GOOGLE_ISSUERS: readonly string[] = ['https://accounts.google.com', 'accounts.google.com'];
export const MICROSOFT_JWKS_URL = 'https://login.microsoftonline.com/common/discovery/v2.0/keys';

/** Provider clocks may differ from ours by this much (DOMAIN.md §2.4.8). */
const CLOCK_SKEW_SECONDS = 60;
/** Asymmetric algorithms only: a symmetric `alg` would let anyone holding the public key sign. */
const ALGORITHMS = ['RS256', 'ES256'];
/** Longer than any real ID token; longer input is refused before parsing. */
const MAX_TOKEN_LENGTH = 16_384;
const TENANT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const EMAIL = /^[^\s@]{1,64}@[^\s@.]+(?:\.[^\s@.]+)+$/;

/** Failures to obtain the provider's keys (not a verdict on the token): logged as warnings. */
const keyFailures = new Set(['ERR_JWKS_TIMEOUT', 'ERR_JWKS_INVALID', 'ERR_JOSE_GENERIC', 'JWKS_FETCH_FAILED']);

/** jose errors carry an `ERR_J...` code; anything else thrown during verification came from fetching keys. */
const joseCodeOf = (error: unknown): string => {
  const code = error !== null && typeof error === 'object' ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' && code.startsWith('ERR_J') ? code : 'JWKS_FETCH_FAILED';
};

type Rejection =
  'EMAIL_MISSING' | 'EMAIL_NOT_VERIFIED' | 'ISSUER_MISMATCH' | 'TENANT_NOT_ALLOWED' | 'AUTHORIZED_PARTY_MISMATCH';

type ClaimsCheck = VerifiedIdentity | Rejection;

interface ProviderSetup {
  readonly clientIds: readonly string[];
  readonly keys: JWTVerifyGetKey;
  readonly verifyOptions: JWTVerifyOptions;
  readonly check: (payload: JWTPayload) => ClaimsCheck;
}

const stringClaim = (payload: JWTPayload, name: string): string | null => {
  const value = payload[name];
  return typeof value === 'string' && value.length > 0 ? value : null;
};

const emailOrNull = (value: string | null): string | null => {
  if (value === null) return null;
  const email = value.trim().toLowerCase();
  return email.length <= 254 && EMAIL.test(email) ? email : null;
};

const httpsUrlOrNull = (value: string | null): string | null => {
  if (value === null) return null;
  try {
    return new URL(value).protocol === 'https:' ? value : null;
  } catch {
    return null;
  }
};

/** OpenID Connect Core 3.1.3.7: with several audiences, `azp` must name one of our clients. */
const authorizedPartyMatches = (payload: JWTPayload, clientIds: readonly string[]): boolean => {
  if (!Array.isArray(payload.aud) || payload.aud.length <= 1) return true;
  const azp = stringClaim(payload, 'azp');
  return azp !== null && clientIds.includes(azp);
};

/**
 * `IdTokenVerifier` with jose: the signature against the provider's JWKS (downloaded with a timeout and
 * cached by jose), then issuer, audience, exp/nbf with 60 s skew, and a verified e-mail. Any failure gives
 * null; nothing is thrown.
 */
export class JoseIdTokenVerifier implements IdTokenVerifier {
  private readonly providers: Partial<Record<SsoProvider, ProviderSetup>> = {};

  constructor(
    options: JoseIdTokenVerifierOptions,
    private readonly logger?: Logger,
  ) {
    const timeoutDuration = options.jwksTimeoutMs ?? 3_000;
    const { google, microsoft } = options;
    if (google !== undefined && google.clientIds.length > 0) {
      const clientIds = [...google.clientIds];
      this.providers.google = {
        clientIds,
        keys: createRemoteJWKSet(new URL(google.jwksUrl ?? GOOGLE_JWKS_URL), { timeoutDuration }),
        verifyOptions: { issuer: [...(google.issuers ?? GOOGLE_ISSUERS)] },
        check: (payload) => this.googleIdentity(payload, clientIds),
      };
    }
    if (microsoft !== undefined && microsoft.clientIds.length > 0) {
      const clientIds = [...microsoft.clientIds];
      const tenants = new Set((microsoft.allowedTenantIds ?? []).map((tid) => tid.trim().toLowerCase()));
      this.providers.microsoft = {
        clientIds,
        keys: createRemoteJWKSet(new URL(microsoft.jwksUrl ?? MICROSOFT_JWKS_URL), { timeoutDuration }),
        // The issuer names the tenant of the token, so it is checked against the verified `tid` afterwards.
        verifyOptions: {},
        check: (payload) => this.microsoftIdentity(payload, clientIds, tenants),
      };
    }
  }

  isConfigured(provider: SsoProvider): boolean {
    return this.providers[provider] !== undefined;
  }

  async verify(provider: SsoProvider, idToken: string, now: Date): Promise<VerifiedIdentity | null> {
    const setup = this.providers[provider];
    if (setup === undefined) return null;
    if (typeof idToken !== 'string' || idToken.length === 0 || idToken.length > MAX_TOKEN_LENGTH) {
      this.rejected(provider, 'MALFORMED');
      return null;
    }
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(idToken, setup.keys, {
        ...setup.verifyOptions,
        algorithms: ALGORITHMS,
        audience: [...setup.clientIds],
        clockTolerance: CLOCK_SKEW_SECONDS,
        currentDate: now,
        requiredClaims: ['iss', 'sub', 'aud', 'exp'],
      }));
    } catch (error) {
      this.rejected(provider, error);
      return null;
    }
    const result = setup.check(payload);
    if (typeof result === 'string') {
      this.rejected(provider, result);
      return null;
    }
    return result;
  }

  private googleIdentity(payload: JWTPayload, clientIds: readonly string[]): ClaimsCheck {
    if (!authorizedPartyMatches(payload, clientIds)) return 'AUTHORIZED_PARTY_MISMATCH';
    const email = emailOrNull(stringClaim(payload, 'email'));
    if (email === null) return 'EMAIL_MISSING';
    if (payload['email_verified'] !== true) return 'EMAIL_NOT_VERIFIED';
    return {
      provider: 'google',
      subject: payload.sub!,
      email,
      emailVerified: true,
      name: stringClaim(payload, 'name') ?? '',
      picture: httpsUrlOrNull(stringClaim(payload, 'picture')),
    };
  }

  private microsoftIdentity(
    payload: JWTPayload,
    clientIds: readonly string[],
    allowedTenants: ReadonlySet<string>,
  ): ClaimsCheck {
    if (!authorizedPartyMatches(payload, clientIds)) return 'AUTHORIZED_PARTY_MISMATCH';
    const tid = stringClaim(payload, 'tid')?.toLowerCase() ?? null;
    if (tid === null || !TENANT_ID.test(tid)) return 'ISSUER_MISMATCH';
    if (payload.iss !== `https://login.microsoftonline.com/${tid}/v2.0`) return 'ISSUER_MISMATCH';
    const tenantListed = allowedTenants.has(tid);
    if (allowedTenants.size > 0 && !tenantListed) return 'TENANT_NOT_ALLOWED';
    const email = emailOrNull(stringClaim(payload, 'email')) ?? emailOrNull(stringClaim(payload, 'preferred_username'));
    if (email === null) return 'EMAIL_MISSING';
    // xms_edov: "e-mail domain owner verified". Without it, only a tenant we were told to trust vouches.
    const verified = 'xms_edov' in payload ? payload['xms_edov'] === true : tenantListed;
    if (!verified) return 'EMAIL_NOT_VERIFIED';
    return {
      provider: 'microsoft',
      subject: payload.sub!,
      email,
      emailVerified: true,
      name: stringClaim(payload, 'name') ?? '',
      picture: null,
    };
  }

  /** One line per refusal with the reason code only (never the token or its claims). */
  private rejected(provider: SsoProvider, reason: unknown): void {
    if (this.logger === undefined) return;
    const code = typeof reason === 'string' ? reason : joseCodeOf(reason);
    if (keyFailures.has(code)) {
      this.logger.warn({ provider, reason: code }, 'ID token not verified: provider keys unavailable');
    } else {
      this.logger.info({ provider, reason: code }, 'ID token rejected');
    }
  }
}
