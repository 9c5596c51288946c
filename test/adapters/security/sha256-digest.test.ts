import { createHash } from 'node:crypto';
import { CryptoHasher } from '../../../adapters/security/crypto-hasher';
import { Sha256Digest } from '../../../adapters/security/sha256-digest';

describe('Sha256Digest', () => {
  it('gives the same lowercase hex digest of the UTF-8 text as CryptoHasher.sha256', () => {
    const digest = new Sha256Digest();
    const hasher = new CryptoHasher('pepper-0123456789abcdef0123456789ab');
    for (const text of ['', 'abc', '{"a":"é€😀"}', 'x'.repeat(10_000)]) {
      expect(digest.sha256(text)).toBe(hasher.sha256(text));
      expect(digest.sha256(text)).toBe(createHash('sha256').update(Buffer.from(text, 'utf8')).digest('hex'));
    }
    expect(digest.sha256('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
