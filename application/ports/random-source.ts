/** Cryptographically secure randomness. */
export interface RandomSource {
  bytes(length: number): Uint8Array;
  /** 32 random bytes, base64url (43 characters): e-mailed tokens and refresh tokens. */
  token(): string;
  /** `length` uniformly random decimal digits (e.g. phone verification codes). */
  digits(length: number): string;
  /** `count` random bytes as upper-case hex (backup codes: 4 bytes -> 8 characters). */
  hex(count: number): string;
}
