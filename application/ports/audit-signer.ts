/**
 * Signs and verifies audit hashes (DOMAIN.md §11.3): HMAC-SHA256 with the configured key today, Ed25519 possible
 * later. `keyId` names the current key and is stored in each entry; keys retired by a rotation stay available for
 * verification.
 */
export interface AuditSigner {
  /** The key that `sign` uses now. */
  readonly keyId: string;
  /** base64url signature of the ASCII hash with the current key. */
  sign(hash: string): { readonly signature: string; readonly keyId: string };
  /** True when `signature` is the signature of `hash` by the key `keyId` (false for an unknown key). */
  verify(hash: string, signature: string, keyId: string): boolean;
}
