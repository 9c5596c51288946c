import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { Hasher } from '../../application/ports/hasher';

const MIN_PEPPER_LENGTH = 32;

/** SHA-256 for high-entropy tokens and HMAC-SHA256 with the server-side pepper (`HMAC_PEPPER`) for short codes. */
export class CryptoHasher implements Hasher {
  constructor(private readonly pepper: string) {
    if (typeof pepper !== 'string' || pepper.length < MIN_PEPPER_LENGTH) {
      throw new TypeError(`The HMAC pepper must be at least ${MIN_PEPPER_LENGTH} characters`);
    }
  }

  sha256(text: string): string {
    return createHash('sha256').update(text, 'utf8').digest('hex');
  }

  hmac(text: string): string {
    return createHmac('sha256', this.pepper).update(text, 'utf8').digest('hex');
  }

  /** Constant time for equal lengths; digests of different lengths are simply unequal. */
  equal(a: string, b: string): boolean {
    const left = Buffer.from(a, 'utf8');
    const right = Buffer.from(b, 'utf8');
    return left.length === right.length && timingSafeEqual(left, right);
  }
}
