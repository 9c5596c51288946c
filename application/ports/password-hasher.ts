/** bcrypt hashing at the configured cost (>= 10), off the event loop. */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(password: string, hash: string): Promise<boolean>;
  /** True when `hash` was made with a lower cost than configured (re-hash on the next successful login). */
  needsRehash(hash: string): boolean;
  /** Spends the same time as a real comparison, so unknown accounts cannot be told apart by timing. */
  dummyVerify(password: string): Promise<void>;
}
