import { createHash, createHmac } from 'node:crypto';
import { CryptoHasher } from '../../../adapters/security/crypto-hasher';
import { CryptoRandomSource } from '../../../adapters/security/crypto-random-source';

const PEPPER = 'a-server-side-pepper-of-32-characters';

describe('CryptoRandomSource', () => {
  const random = new CryptoRandomSource();

  it('gives the requested number of bytes, differently each time', () => {
    const first = random.bytes(16);
    expect(first).toBeInstanceOf(Uint8Array);
    expect(first).toHaveLength(16);
    expect(Buffer.from(first).equals(Buffer.from(random.bytes(16)))).toBe(false);
  });

  it('makes 43-character url-safe tokens of 32 bytes', () => {
    const tokens = new Set(Array.from({ length: 100 }, () => random.token()));
    expect(tokens.size).toBe(100);
    for (const token of tokens) {
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    }
  });

  it('draws exactly `length` decimal digits, leading zeros included', () => {
    const draws = Array.from({ length: 2000 }, () => random.digits(6));
    for (const code of draws) expect(code).toMatch(/^[0-9]{6}$/);
    expect(new Set(draws).size).toBeGreaterThan(1900);
    // P(first digit is 0) = 1/10: about 200 of 2000; fewer than 100 would mean leading zeros are lost or rare.
    expect(draws.filter((code) => code.startsWith('0')).length).toBeGreaterThan(100);
    expect(random.digits(1)).toMatch(/^[0-9]$/);
  });

  it('draws every digit roughly uniformly', () => {
    const counts = new Array<number>(10).fill(0);
    for (const digit of random.digits(1000) + random.digits(1000) + random.digits(1000)) counts[Number(digit)] += 1;
    // Expected 300 each; a chi-square of 50 with 9 degrees of freedom has p < 1e-6.
    const chiSquare = counts.reduce((sum, count) => sum + (count - 300) ** 2 / 300, 0);
    expect(chiSquare).toBeLessThan(50);
  });

  it('renders `count` bytes as upper-case hex', () => {
    const codes = Array.from({ length: 200 }, () => random.hex(4));
    for (const code of codes) expect(code).toMatch(/^[0-9A-F]{8}$/);
    expect(codes.some((code) => /[A-F]/.test(code))).toBe(true);
    expect(random.hex(16)).toMatch(/^[0-9A-F]{32}$/);
  });

  it('refuses non-positive or fractional lengths', () => {
    expect(() => random.digits(0)).toThrow(RangeError);
    expect(() => random.hex(-1)).toThrow(RangeError);
    expect(() => random.bytes(1.5)).toThrow(RangeError);
  });
});

describe('CryptoHasher', () => {
  const hasher = new CryptoHasher(PEPPER);

  it('computes hex SHA-256 of UTF-8 text', () => {
    expect(hasher.sha256('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(hasher.sha256('é')).toBe(createHash('sha256').update(Buffer.from('é', 'utf8')).digest('hex'));
  });

  it('computes hex HMAC-SHA256 with the pepper, which changes with the pepper', () => {
    expect(hasher.hmac('A1B2C3D4')).toBe(createHmac('sha256', PEPPER).update('A1B2C3D4').digest('hex'));
    expect(hasher.hmac('A1B2C3D4')).toMatch(/^[0-9a-f]{64}$/);
    const other = new CryptoHasher(`${PEPPER}!`);
    expect(other.hmac('A1B2C3D4')).not.toBe(hasher.hmac('A1B2C3D4'));
    expect(hasher.hmac('A1B2C3D4')).not.toBe(hasher.sha256('A1B2C3D4'));
  });

  it('compares digests: equal, different, and different lengths', () => {
    const digest = hasher.hmac('code');
    expect(hasher.equal(digest, hasher.hmac('code'))).toBe(true);
    expect(hasher.equal(digest, hasher.hmac('other'))).toBe(false);
    expect(hasher.equal(digest, digest.slice(0, -1))).toBe(false);
    expect(hasher.equal(digest, `${digest}0`)).toBe(false);
    expect(hasher.equal('', '')).toBe(true);
  });

  it('refuses a pepper shorter than 32 characters', () => {
    expect(() => new CryptoHasher('x'.repeat(31))).toThrow(TypeError);
  });
});
