/** Claims of a verified access token (DOMAIN.md §2.4.2). */
export interface AccessTokenClaims {
  readonly caregiverId: string;
  readonly sessionId: string;
  readonly issuedAt: Date;
  readonly expiresAt: Date;
}

export interface SignedAccessToken {
  readonly token: string;
  readonly expiresAt: Date;
}

/**
 * Signs and verifies access JWTs: algorithm allow-list (HS256 default, EdDSA optional), `typ: "access"`,
 * `iss`, `aud`, `exp`/`nbf` with 60 s skew. `verify` resolves null for any token that fails, never throws.
 */
export interface AccessTokenService {
  sign(subject: { caregiverId: string; sessionId: string }, now: Date): Promise<SignedAccessToken>;
  verify(token: string, now: Date): Promise<AccessTokenClaims | null>;
}
