import { base32Encode } from '../../../adapters/security/base32';
import { SpeakeasyTotpService } from '../../../adapters/security/speakeasy-totp-service';

// RFC 6238 appendix B: the SHA-1 secret "12345678901234567890" (ASCII) in base32; codes are the last 6 digits.
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const seconds = (value: number): Date => new Date(value * 1000);

describe('SpeakeasyTotpService', () => {
  const totp = new SpeakeasyTotpService();
  const now = new Date('2025-03-01T12:00:10Z');
  const step = Math.floor(now.getTime() / 1000 / 30);

  it.each([
    [59, '287082'],
    [1111111109, '081804'],
    [1111111111, '050471'],
    [1234567890, '005924'],
    [2000000000, '279037'],
  ])('computes the RFC 6238 code at %i s', (time, code) => {
    expect(totp.codeAt(RFC_SECRET, seconds(time))).toBe(code);
  });

  it('generates 20-byte secrets as 32 base32 characters, different each time', () => {
    const secrets = new Set(Array.from({ length: 50 }, () => totp.generateSecret()));
    expect(secrets.size).toBe(50);
    for (const secret of secrets) expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  });

  it('encodes base32 per RFC 4648', () => {
    const text = (value: string): Uint8Array => new TextEncoder().encode(value);
    expect(base32Encode(text(''))).toBe('');
    expect(base32Encode(text('f'))).toBe('MY');
    expect(base32Encode(text('fooba'))).toBe('MZXW6YTB');
    expect(base32Encode(text('foobar'))).toBe('MZXW6YTBOI');
    expect(base32Encode(text('12345678901234567890'))).toBe(RFC_SECRET);
  });

  it('matches the current code to the current step', () => {
    const secret = totp.generateSecret();
    expect(totp.matchStep(secret, totp.codeAt(secret, now), now)).toBe(step);
  });

  it('accepts the previous and the next step with their own step numbers', () => {
    const secret = totp.generateSecret();
    expect(totp.matchStep(secret, totp.codeAt(secret, new Date(now.getTime() - 30_000)), now)).toBe(step - 1);
    expect(totp.matchStep(secret, totp.codeAt(secret, new Date(now.getTime() + 30_000)), now)).toBe(step + 1);
  });

  it('rejects codes two steps away', () => {
    const secret = RFC_SECRET;
    const twoBack = totp.codeAt(secret, new Date(now.getTime() - 60_000));
    const twoAhead = totp.codeAt(secret, new Date(now.getTime() + 60_000));
    const window = [-1, 0, 1].map((delta) => totp.codeAt(secret, new Date(now.getTime() + delta * 30_000)));
    // The fixed secret makes these codes differ from the three accepted ones (no accidental collision).
    expect(window).not.toContain(twoBack);
    expect(window).not.toContain(twoAhead);
    expect(totp.matchStep(secret, twoBack, now)).toBeNull();
    expect(totp.matchStep(secret, twoAhead, now)).toBeNull();
  });

  it('uses the step boundaries of floor(unix seconds / 30)', () => {
    const boundary = seconds(1111111110);
    const code = totp.codeAt(RFC_SECRET, seconds(1111111109));
    expect(totp.matchStep(RFC_SECRET, code, seconds(1111111109))).toBe(37037036);
    expect(totp.matchStep(RFC_SECRET, code, boundary)).toBe(37037036);
    expect(totp.matchStep(RFC_SECRET, code, seconds(1111111140))).toBeNull();
  });

  it('rejects a wrong code and anything that is not 6 digits', () => {
    const secret = RFC_SECRET;
    const window = new Set([-1, 0, 1].map((delta) => totp.codeAt(secret, new Date(now.getTime() + delta * 30_000))));
    const wrong = ['000000', '123456', '999999'].find((code) => !window.has(code))!;
    const right = totp.codeAt(secret, now);
    expect(totp.matchStep(secret, wrong, now)).toBeNull();
    expect(totp.matchStep(secret, right.slice(0, 5), now)).toBeNull();
    expect(totp.matchStep(secret, `${right}0`, now)).toBeNull();
    expect(totp.matchStep(secret, ` ${right}`, now)).toBeNull();
    expect(totp.matchStep(secret, '', now)).toBeNull();
    expect(totp.matchStep('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', right, now)).toBeNull();
  });

  it('builds an otpauth URL with the label and issuer encoded', () => {
    const url = totp.otpauthUrl(RFC_SECRET, 'MyPhoneFriend (ann+test@example.com)', 'MyPhone Friend & Co');
    expect(url).toBe(
      'otpauth://totp/MyPhoneFriend%20(ann%2Btest%40example.com)' +
        `?secret=${RFC_SECRET}&issuer=MyPhone%20Friend%20%26%20Co&algorithm=SHA1&digits=6&period=30`,
    );
    const parsed = new URL(url);
    expect(parsed.protocol).toBe('otpauth:');
    expect(parsed.searchParams.get('issuer')).toBe('MyPhone Friend & Co');
    expect(parsed.searchParams.get('secret')).toBe(RFC_SECRET);
    expect(decodeURIComponent(parsed.pathname.slice(1))).toBe('MyPhoneFriend (ann+test@example.com)');
  });

  it('draws the QR code as a PNG data URL', async () => {
    const dataUrl = await totp.qrCodeDataUrl(totp.otpauthUrl(RFC_SECRET, 'MyPhoneFriend (a@b.c)', 'MyPhoneFriend'));
    expect(dataUrl.startsWith('data:image/png;base64,')).toBe(true);
    const png = Buffer.from(dataUrl.slice('data:image/png;base64,'.length), 'base64');
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  });
});
