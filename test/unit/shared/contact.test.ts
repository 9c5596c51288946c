import fc from 'fast-check';
import { isValidEmail, maskPhone, normalizeEmail, normalizePhone } from '../../../domain/shared/contact';

describe('phone numbers (API-CONTRACT.md §3.5)', () => {
  it.each([
    ['+1-604-555-1234', '+16045551234'],
    ['1234567890', '+11234567890'],
    ['0987654321', '+10987654321'],
    ['1 (604) 555-1234', '+16045551234'],
    ['+44 20 7946 0958', '+442079460958'],
    ['+123456789012345', '+123456789012345'],
  ])('normalises %s to %s', (raw, expected) => {
    expect(normalizePhone(raw)).toBe(expected);
  });

  it.each(['', '12345', '+123456789', '+1234567890123456', '21234567890', '+0123456789', 'phone', '123456789'])(
    'rejects %j',
    (raw) => {
      expect(normalizePhone(raw)).toBeNull();
    },
  );

  it('always yields E.164 or null, and is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (raw) => {
        const once = normalizePhone(raw);
        if (once === null) return;
        expect(once).toMatch(/^\+[1-9]\d{9,14}$/);
        expect(normalizePhone(once)).toBe(once);
      }),
    );
  });

  it('masks all but the first 2 and last 4 characters', () => {
    expect(maskPhone('+16045624263')).toBe('+1******4263');
    expect(maskPhone('+442079460958')).toBe('+4*******0958');
  });
});

describe('e-mail addresses', () => {
  it('trims and lower-cases', () => {
    expect(normalizeEmail('  Agnes@Example.ORG ')).toBe('agnes@example.org');
  });

  it.each(['a@b.co', 'first.last+tag@sub.example.org'])('accepts %s', (email) => {
    expect(isValidEmail(email)).toBe(true);
  });

  it.each([
    '',
    'plain',
    '@example.org',
    'a@b',
    'a@@b.co',
    'a@b.',
    'a b@c.de',
    'a@.b.c',
    `${'x'.repeat(250)}@a.co`,
    'a@b..co',
  ])('rejects %j', (email) => {
    expect(isValidEmail(email)).toBe(false);
  });
});
