import { BundledCommonPasswordList } from '../../../adapters/security/bundled-common-password-list';
import { COMMON_PASSWORDS } from '../../../adapters/security/common-passwords';

describe('BundledCommonPasswordList', () => {
  const list = new BundledCommonPasswordList();

  it('contains common passwords, compared case-sensitively (RESOLUTIONS.md 27)', () => {
    expect(list.contains('password1')).toBe(true);
    expect(list.contains('Password1')).toBe(false);
    expect(list.contains('PASSWORD1')).toBe(false);
    for (const common of ['password', '123456', 'qwerty123', 'iloveyou', 'letmein', 'abc12345']) {
      expect(list.contains(common)).toBe(true);
    }
  });

  it('does not contain uncommon or near-miss passwords', () => {
    expect(list.contains('correct horse battery staple 7')).toBe(false);
    expect(list.contains(' password1')).toBe(false);
    expect(list.contains('password1 ')).toBe(false);
    expect(list.contains('')).toBe(false);
  });

  it('bundles several hundred distinct, lower-case entries without whitespace', () => {
    expect(COMMON_PASSWORDS.length).toBeGreaterThanOrEqual(500);
    expect(new Set(COMMON_PASSWORDS).size).toBe(COMMON_PASSWORDS.length);
    for (const entry of COMMON_PASSWORDS) {
      expect(entry).toBe(entry.toLowerCase());
      expect(entry).toMatch(/^\S+$/);
    }
  });

  it('can be built from another list', () => {
    const custom = new BundledCommonPasswordList(['hunter2']);
    expect(custom.contains('hunter2')).toBe(true);
    expect(custom.contains('password1')).toBe(false);
  });
});
