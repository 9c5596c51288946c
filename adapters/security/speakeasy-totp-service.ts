import { randomBytes, timingSafeEqual } from 'node:crypto';
import { toDataURL } from 'qrcode';
import * as speakeasy from 'speakeasy';
import type { TotpService } from '../../application/ports/totp-service';
import { base32Encode } from './base32';

const STEP_SECONDS = 30;
const DIGITS = 6;
const SECRET_BYTES = 20;
/** Accepted steps around the current one: t-1, t, t+1 (DOMAIN.md §2.4.5). */
const WINDOW = [-1, 0, 1] as const;

const stepOf = (at: Date): number => Math.floor(at.getTime() / 1000 / STEP_SECONDS);

/**
 * RFC 6238 TOTP (6 digits, 30 s, HMAC-SHA1) with speakeasy computing the codes and qrcode drawing the PNG.
 * Secrets are 20 bytes from node:crypto in base32 (speakeasy's own generator draws from a character set, which
 * gives fewer than 160 random bits).
 */
export class SpeakeasyTotpService implements TotpService {
  generateSecret(): string {
    return base32Encode(randomBytes(SECRET_BYTES));
  }

  /** `otpauth://totp/<label>?secret=…&issuer=…`, label and issuer percent-encoded (Key URI format). */
  otpauthUrl(secretBase32: string, label: string, issuer: string): string {
    const query = [
      `secret=${encodeURIComponent(secretBase32)}`,
      `issuer=${encodeURIComponent(issuer)}`,
      'algorithm=SHA1',
      `digits=${DIGITS}`,
      `period=${STEP_SECONDS}`,
    ].join('&');
    return `otpauth://totp/${encodeURIComponent(label)}?${query}`;
  }

  qrCodeDataUrl(otpauthUrl: string): Promise<string> {
    return toDataURL(otpauthUrl, { type: 'image/png', errorCorrectionLevel: 'M', margin: 2, width: 256 });
  }

  /**
   * Checks all three candidate steps with constant-time comparisons (no early exit) and returns the earliest
   * matching step, so a code that collides across steps is credited to the one least likely to pass replay
   * protection.
   */
  matchStep(secretBase32: string, code: string, now: Date): number | null {
    if (!/^[0-9]{6}$/.test(code)) return null;
    const given = Buffer.from(code, 'utf8');
    const current = stepOf(now);
    let matched: number | null = null;
    for (const delta of WINDOW) {
      const step = current + delta;
      const expected = Buffer.from(this.codeForStep(secretBase32, step), 'utf8');
      const equal = expected.length === given.length && timingSafeEqual(expected, given);
      if (equal && matched === null) matched = step;
    }
    return matched;
  }

  codeAt(secretBase32: string, at: Date): string {
    return this.codeForStep(secretBase32, stepOf(at));
  }

  private codeForStep(secretBase32: string, step: number): string {
    return speakeasy.totp({
      secret: secretBase32,
      encoding: 'base32',
      algorithm: 'sha1',
      digits: DIGITS,
      step: STEP_SECONDS,
      time: step * STEP_SECONDS,
    });
  }
}
