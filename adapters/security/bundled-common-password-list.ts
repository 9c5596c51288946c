import type { CommonPasswordList } from '../../application/ports/common-password-list';
import { COMMON_PASSWORDS } from './common-passwords';

/** The bundled list (common-passwords.ts), loaded once into a set; exact, case-sensitive matches only. */
export class BundledCommonPasswordList implements CommonPasswordList {
  private readonly passwords: ReadonlySet<string>;

  constructor(passwords: Iterable<string> = COMMON_PASSWORDS) {
    this.passwords = new Set(passwords);
  }

  contains(password: string): boolean {
    return this.passwords.has(password);
  }
}
