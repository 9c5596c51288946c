import { randomBytes, randomInt } from 'node:crypto';
import type { RandomSource } from '../../application/ports/random-source';

const requireCount = (what: string, value: number): void => {
  if (!Number.isInteger(value) || value < 1 || value > 1024) {
    throw new RangeError(`${what} must be an integer from 1 to 1024, got ${value}`);
  }
};

/** Randomness from node:crypto (the operating system's CSPRNG). */
export class CryptoRandomSource implements RandomSource {
  bytes(length: number): Uint8Array {
    requireCount('length', length);
    return new Uint8Array(randomBytes(length));
  }

  token(): string {
    return randomBytes(32).toString('base64url');
  }

  /** Each digit is drawn with `randomInt(10)`, which rejects biased samples, so every digit is uniform. */
  digits(length: number): string {
    requireCount('length', length);
    let out = '';
    for (let i = 0; i < length; i++) out += String(randomInt(10));
    return out;
  }

  hex(count: number): string {
    requireCount('count', count);
    return randomBytes(count).toString('hex').toUpperCase();
  }
}
