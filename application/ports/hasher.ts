/** Digests for stored secrets: SHA-256 for high-entropy tokens, keyed HMAC for low-entropy codes. */
export interface Hasher {
  /** Hex SHA-256 of the UTF-8 text. */
  sha256(text: string): string;
  /** Hex HMAC-SHA256 of the UTF-8 text with the server-side pepper. */
  hmac(text: string): string;
  /** Constant-time comparison of two hex digests. */
  equal(a: string, b: string): boolean;
}
