import { nextPasswordHistory, PASSWORD_MESSAGES, passwordPolicyViolation } from '../../domain/identity/password-policy';
import type { Caregiver } from '../../domain/identity/caregiver';
import { passwordPolicy } from './identity-errors';
import type { IdentityPorts } from './identity-ports';

/** Applies the policy (and, for a change or reset, the history rule); resolves the new hash. */
export const hashNewPassword = async (
  ports: IdentityPorts,
  password: string,
  previous?: Caregiver,
): Promise<string> => {
  const violation = passwordPolicyViolation(password, (p) => ports.commonPasswords.contains(p));
  if (violation !== null) throw passwordPolicy(violation);
  if (previous !== undefined) {
    for (const old of previous.passwordHistory) {
      if (await ports.passwords.verify(password, old)) throw passwordPolicy(PASSWORD_MESSAGES.reused);
    }
  }
  return ports.passwords.hash(password);
};

/** The caregiver with `hash` as current password, history updated. */
export const withPassword = (caregiver: Caregiver, hash: string, now: Date): Caregiver => ({
  ...caregiver,
  passwordHash: hash,
  passwordChangedAt: now,
  passwordHistory: nextPasswordHistory(hash, caregiver.passwordHistory),
  updatedAt: now,
});
