import {
  nextPasswordHistory,
  PASSWORD_MESSAGES,
  passwordPolicyViolation,
} from '../../../domain/identity/password-policy';

const common = new Set(['password1', 'qwerty123']);
const check = (p: string) => passwordPolicyViolation(p, (x) => common.has(x));

describe('password policy (DOMAIN.md §2.4.1)', () => {
  it.each([
    ['short1', PASSWORD_MESSAGES.tooShort],
    ['1234567', PASSWORD_MESSAGES.tooShort],
    ['abcdefgh', PASSWORD_MESSAGES.letterAndNumber],
    ['12345678', PASSWORD_MESSAGES.letterAndNumber],
    [`a1${'é'.repeat(36)}`, PASSWORD_MESSAGES.tooLong],
    ['password1', PASSWORD_MESSAGES.common],
  ])('refuses %j with the exact message', (password, message) => {
    expect(check(password)).toBe(message);
  });

  it('checks in order: length before composition', () => {
    expect(check('abc')).toBe('password must be at least 8 characters');
  });

  it('accepts a good password, any Unicode letter, and compares the common list case-sensitively', () => {
    expect(check('Password1')).toBeNull();
    expect(check('Ñandú2024x')).toBeNull();
    expect(check('Sunshine42')).toBeNull();
  });

  it('counts characters, not UTF-16 units, for the minimum, and bytes for the maximum', () => {
    expect(check('😀😀😀😀😀😀a1')).toBeNull();
    expect(check(`a1${'x'.repeat(70)}`)).toBeNull();
    expect(check(`a1${'x'.repeat(71)}`)).toBe(PASSWORD_MESSAGES.tooLong);
  });

  it('keeps the newest 5 hashes, newest first', () => {
    expect(nextPasswordHistory('h6', ['h5', 'h4', 'h3', 'h2', 'h1'])).toEqual(['h6', 'h5', 'h4', 'h3', 'h2']);
    expect(nextPasswordHistory('h1', [])).toEqual(['h1']);
  });
});
