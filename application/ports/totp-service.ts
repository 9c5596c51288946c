/** RFC 6238 TOTP: 6 digits, 30 s step, HMAC-SHA1 (the authenticator-app default). */
export interface TotpService {
  /** A new secret of 20 random bytes, base32 (32 characters). */
  generateSecret(): string;
  otpauthUrl(secretBase32: string, label: string, issuer: string): string;
  /** A PNG data URL of the QR code for `otpauthUrl`. */
  qrCodeDataUrl(otpauthUrl: string): Promise<string>;
  /** The time step (floor(unix seconds / 30)) that `code` matches within t-1..t+1, or null. */
  matchStep(secretBase32: string, code: string, now: Date): number | null;
  /** The code for a given time (tests and the demo). */
  codeAt(secretBase32: string, at: Date): string;
}
