import { createHash, randomBytes } from 'node:crypto';
import { AesGcmSecretCipher, aesKeyFromString } from '../../../adapters/security/aes-gcm-secret-cipher';

const KEY_A = randomBytes(32).toString('base64url');
const KEY_B = randomBytes(32).toString('hex');
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

/** Replaces one character of segment `index` with another character of the same alphabet. */
const tamper = (ciphertext: string, index: number, position: 'first' | 'last'): string => {
  const parts = ciphertext.split('.');
  const segment = parts[index];
  const at = position === 'first' ? 0 : segment.length - 1;
  const replacement = segment[at] === 'A' ? 'B' : 'A';
  parts[index] = segment.slice(0, at) + replacement + segment.slice(at + 1);
  return parts.join('.');
};

describe('AesGcmSecretCipher', () => {
  const cipher = new AesGcmSecretCipher({ keys: { a: KEY_A }, currentKeyId: 'a' });

  it('round-trips text in the v1.<keyId>.<iv>.<ciphertext>.<tag> format', () => {
    const encrypted = cipher.encrypt(SECRET);
    expect(encrypted).toMatch(/^v1\.a\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/);
    expect(encrypted).not.toContain(SECRET);
    expect(cipher.decrypt(encrypted)).toBe(SECRET);
    expect(cipher.decrypt(cipher.encrypt(''))).toBe('');
    expect(cipher.decrypt(cipher.encrypt('ünïcødé ✓'))).toBe('ünïcødé ✓');
  });

  it('uses a fresh IV each time, so the same plaintext encrypts differently', () => {
    const first = cipher.encrypt(SECRET);
    const second = cipher.encrypt(SECRET);
    expect(first).not.toBe(second);
    expect(first.split('.')[2]).not.toBe(second.split('.')[2]);
  });

  it.each([
    [0, 'first'],
    [1, 'first'],
    [2, 'first'],
    [2, 'last'],
    [3, 'first'],
    [3, 'last'],
    [4, 'first'],
    [4, 'last'],
  ] as const)('throws when segment %i is tampered with (%s character)', (index, position) => {
    const encrypted = cipher.encrypt(SECRET);
    expect(() => cipher.decrypt(tamper(encrypted, index, position))).toThrow();
  });

  it('throws on a non-canonical segment even when it decodes to the same bytes (padding bits changed)', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const encrypted = cipher.encrypt(SECRET);
    const parts = encrypted.split('.');
    const tag = parts[4];
    // 16 bytes in 22 characters: the last character carries 4 unused low bits; flip the lowest one.
    const flipped = tag.slice(0, -1) + alphabet[alphabet.indexOf(tag.at(-1)!) ^ 1];
    expect(Buffer.from(flipped, 'base64url')).toEqual(Buffer.from(tag, 'base64url'));
    parts[4] = flipped;
    expect(() => cipher.decrypt(parts.join('.'))).toThrow('malformed');
  });

  it('throws on a truncated, extended or malformed ciphertext', () => {
    const encrypted = cipher.encrypt(SECRET);
    expect(() => cipher.decrypt(encrypted.split('.').slice(0, 4).join('.'))).toThrow();
    expect(() => cipher.decrypt(`${encrypted}.x`)).toThrow();
    expect(() => cipher.decrypt(encrypted.replace(/^v1\./, 'v2.'))).toThrow();
    expect(() => cipher.decrypt(encrypted.slice(0, -1))).toThrow();
    expect(() => cipher.decrypt('')).toThrow();
    expect(() => cipher.decrypt(SECRET)).toThrow();
  });

  it('decrypts with an older key after rotation and encrypts with the current one', () => {
    const old = cipher.encrypt(SECRET);
    const rotated = new AesGcmSecretCipher({ keys: { a: KEY_A, b: KEY_B }, currentKeyId: 'b' });
    expect(rotated.decrypt(old)).toBe(SECRET);
    const fresh = rotated.encrypt(SECRET);
    expect(fresh.startsWith('v1.b.')).toBe(true);
    expect(rotated.decrypt(fresh)).toBe(SECRET);
    expect(() => cipher.decrypt(fresh)).toThrow('unknown key id "b"');
  });

  it('throws for an unknown key id, and when the key id is switched to another known key', () => {
    const both = new AesGcmSecretCipher({ keys: { a: KEY_A, b: KEY_B }, currentKeyId: 'a' });
    const encrypted = both.encrypt(SECRET);
    expect(() => both.decrypt(encrypted.replace(/^v1\.a\./, 'v1.zz.'))).toThrow('unknown key id');
    expect(() => both.decrypt(encrypted.replace(/^v1\.a\./, 'v1.b.'))).toThrow('failed authentication');
  });

  it('binds the version and key id to the ciphertext (relabelling fails even when both ids hold the same key)', () => {
    const aliases = new AesGcmSecretCipher({ keys: { a: KEY_A, b: KEY_A }, currentKeyId: 'a' });
    const encrypted = aliases.encrypt(SECRET);
    expect(aliases.decrypt(encrypted)).toBe(SECRET);
    expect(() => aliases.decrypt(encrypted.replace(/^v1\.a\./, 'v1.b.'))).toThrow('failed authentication');
  });

  it('throws when the same key id holds a different key', () => {
    const encrypted = cipher.encrypt(SECRET);
    const impostor = new AesGcmSecretCipher({ keys: { a: randomBytes(32).toString('hex') }, currentKeyId: 'a' });
    expect(() => impostor.decrypt(encrypted)).toThrow('failed authentication');
  });

  it('refuses a current key id without a key, bad key ids and short keys', () => {
    expect(() => new AesGcmSecretCipher({ keys: { a: KEY_A }, currentKeyId: 'b' })).toThrow(TypeError);
    expect(() => new AesGcmSecretCipher({ keys: { 'a.b': KEY_A }, currentKeyId: 'a.b' })).toThrow(TypeError);
    expect(() => new AesGcmSecretCipher({ keys: { a: 'short' }, currentKeyId: 'a' })).toThrow(TypeError);
  });

  describe('key strings', () => {
    const bytes = randomBytes(32);

    it('reads 64 hex characters as the 32 key bytes', () => {
      expect(aesKeyFromString(bytes.toString('hex'))).toEqual(bytes);
      expect(aesKeyFromString(bytes.toString('hex').toUpperCase())).toEqual(bytes);
    });

    it('reads base64 and base64url of 32 bytes as the key bytes', () => {
      expect(aesKeyFromString(bytes.toString('base64'))).toEqual(bytes);
      expect(aesKeyFromString(bytes.toString('base64').replace(/=$/, ''))).toEqual(bytes);
      expect(aesKeyFromString(bytes.toString('base64url'))).toEqual(bytes);
    });

    it('hashes any other string of at least 32 characters with SHA-256', () => {
      const passphrase = 'a long configured passphrase, 32+ characters';
      expect(aesKeyFromString(passphrase)).toEqual(createHash('sha256').update(passphrase).digest());
      expect(aesKeyFromString('x'.repeat(32))).toEqual(createHash('sha256').update('x'.repeat(32)).digest());
    });

    it('refuses strings shorter than 32 characters', () => {
      expect(() => aesKeyFromString('x'.repeat(31))).toThrow(TypeError);
    });
  });
});
