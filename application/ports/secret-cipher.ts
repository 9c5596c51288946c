/** AES-256-GCM encryption of secrets at rest (TOTP secrets), with the key id stored beside the ciphertext. */
export interface SecretCipher {
  encrypt(plaintext: string): string;
  /** Throws when the ciphertext was tampered with or its key is unknown. */
  decrypt(ciphertext: string): string;
}
