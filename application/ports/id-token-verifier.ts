export type SsoProvider = 'google' | 'microsoft';

/** Claims taken from a verified provider ID token; nothing from a request body is ever trusted. */
export interface VerifiedIdentity {
  readonly provider: SsoProvider;
  readonly subject: string;
  readonly email: string;
  readonly emailVerified: boolean;
  readonly name: string;
  readonly picture: string | null;
}

/**
 * Verifies Google / Microsoft OIDC ID tokens against the provider's JWKS: signature, issuer, audience (the
 * configured client ids), exp/nbf with 60 s skew. Resolves null when the token fails verification.
 */
export interface IdTokenVerifier {
  isConfigured(provider: SsoProvider): boolean;
  verify(provider: SsoProvider, idToken: string, now: Date): Promise<VerifiedIdentity | null>;
}
