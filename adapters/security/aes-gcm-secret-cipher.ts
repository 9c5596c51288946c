import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { SecretCipher } from '../../application/ports/secret-cipher';

export interface AesGcmSecretCipherOptions {
  /**
   * Keys by id (letters, digits, `_` and `-`). Each value is read as, in this order:
   * 64 hex characters (32 bytes); base64 or base64url of exactly 32 bytes (43 characters, or 44 with `=`);
   * otherwise any string of at least 32 characters, reduced to 32 bytes with one SHA-256 (no salt, no
   * stretching: it must already be a high-entropy secret such as a generated `MFA_ENCRYPTION_KEY`).
   */
  readonly keys: Readonly<Record<string, string>>;
  /** The key that encrypts; every key in `keys` still decrypts (rotation). */
  readonly currentKeyId: string;
}

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_ID = /^[A-Za-z0-9_-]{1,64}$/;
const HEX_KEY = /^[0-9a-fA-F]{64}$/;
const BASE64_KEY = /^[A-Za-z0-9+/_-]{43}=?$/;

/** Turns a configured key string into the 32-byte AES-256 key (see `AesGcmSecretCipherOptions.keys`). */
export const aesKeyFromString = (value: string): Buffer => {
  if (HEX_KEY.test(value)) return Buffer.from(value, 'hex');
  if (BASE64_KEY.test(value)) {
    const decoded = Buffer.from(value.replace(/\+/g, '-').replace(/\//g, '_').replace(/=$/, ''), 'base64url');
    if (decoded.length === 32) return decoded;
  }
  if (value.length >= 32) return createHash('sha256').update(value, 'utf8').digest();
  throw new TypeError('An encryption key must be 64 hex characters, base64 of 32 bytes, or at least 32 characters');
};

const invalid = (): Error => new Error('The encrypted secret is malformed, was tampered with, or its key is unknown');

/** Strict base64url: only the canonical encoding decodes (a changed padding bit is tampering too). */
const decodeSegment = (segment: string | undefined, expectedLength?: number): Buffer => {
  if (segment === undefined || !/^[A-Za-z0-9_-]*$/.test(segment)) throw invalid();
  const bytes = Buffer.from(segment, 'base64url');
  if (bytes.toString('base64url') !== segment) throw invalid();
  if (expectedLength !== undefined && bytes.length !== expectedLength) throw invalid();
  return bytes;
};

/**
 * AES-256-GCM for secrets at rest (TOTP secrets): `v1.<keyId>.<iv>.<ciphertext>.<tag>` (base64url segments),
 * random 12-byte IV per encryption, `v1.<keyId>` bound as additional authenticated data.
 */
export class AesGcmSecretCipher implements SecretCipher {
  private readonly keys = new Map<string, Buffer>();
  private readonly currentKeyId: string;

  constructor(options: AesGcmSecretCipherOptions) {
    for (const [id, value] of Object.entries(options.keys)) {
      if (!KEY_ID.test(id)) throw new TypeError(`Invalid encryption key id "${id}"`);
      this.keys.set(id, aesKeyFromString(value));
    }
    if (!this.keys.has(options.currentKeyId)) {
      throw new TypeError(`The current encryption key id "${options.currentKeyId}" has no key`);
    }
    this.currentKeyId = options.currentKeyId;
  }

  encrypt(plaintext: string): string {
    const key = this.keys.get(this.currentKeyId) as Buffer;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(`${VERSION}.${this.currentKeyId}`, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [VERSION, this.currentKeyId, iv, ciphertext, cipher.getAuthTag()]
      .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
      .join('.');
  }

  decrypt(ciphertext: string): string {
    const parts = typeof ciphertext === 'string' ? ciphertext.split('.') : [];
    if (parts.length !== 5 || parts[0] !== VERSION) throw invalid();
    const keyId = parts[1];
    const key = this.keys.get(keyId);
    if (key === undefined) throw new Error(`The encrypted secret names an unknown key id "${keyId}"`);
    const iv = decodeSegment(parts[2], IV_BYTES);
    const body = decodeSegment(parts[3]);
    const tag = decodeSegment(parts[4], TAG_BYTES);
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(`${VERSION}.${keyId}`, 'utf8'));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
    } catch (error) {
      throw new Error('The encrypted secret failed authentication', { cause: error });
    }
  }
}
