/** The password rules with the exact messages the caregiver app shows (DOMAIN.md §2.4.1). */
export const PASSWORD_MESSAGES = {
  tooShort: 'password must be at least 8 characters',
  letterAndNumber: 'password must contain at least 1 letter and 1 number',
  tooLong: 'password must be at most 72 bytes',
  common: 'password is too common',
  reused: 'password must not match any of your last 5 passwords',
} as const;

export const PASSWORD_HISTORY_SIZE = 5;

const utf8Length = (text: string): number => {
  let bytes = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
};

/** Rules 1-4, in order; the history rule needs hashing and is checked by the use-case. Null when acceptable. */
export const passwordPolicyViolation = (password: string, isCommon: (password: string) => boolean): string | null => {
  if ([...password].length < 8) return PASSWORD_MESSAGES.tooShort;
  if (!/\p{L}/u.test(password) || !/[0-9]/.test(password)) return PASSWORD_MESSAGES.letterAndNumber;
  if (utf8Length(password) > 72) return PASSWORD_MESSAGES.tooLong;
  if (isCommon(password)) return PASSWORD_MESSAGES.common;
  return null;
};

/** The new history after a change: newest first, at most 5 entries. */
export const nextPasswordHistory = (newHash: string, history: readonly string[]): string[] =>
  [newHash, ...history].slice(0, PASSWORD_HISTORY_SIZE);
