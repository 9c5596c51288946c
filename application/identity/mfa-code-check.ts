import type { Caregiver } from '../../domain/identity/caregiver';
import type { IdentityPorts } from './identity-ports';

export type CodeKind = 'totp' | 'backup';

/** Trim, drop spaces and hyphens, upper-case (DOMAIN.md §2.4.5). */
export const normalizeMfaInput = (input: string): string => input.trim().replace(/[\s-]/g, '').toUpperCase();

/**
 * Checks a TOTP or backup code against the caregiver's enabled MFA. On success returns the caregiver with the
 * replay guard advanced (TOTP step) or the backup code spent; the caller saves it. Null when the code is wrong,
 * replayed, spent, or of neither shape.
 */
export const checkMfaCode = (
  ports: IdentityPorts,
  caregiver: Caregiver,
  input: string,
  now: Date,
  secretCiphertext: string | null = caregiver.mfa.secretCiphertext,
): { caregiver: Caregiver; kind: CodeKind } | null => {
  const code = normalizeMfaInput(input);
  if (/^\d{6}$/.test(code) && secretCiphertext !== null) {
    const step = ports.totp.matchStep(ports.cipher.decrypt(secretCiphertext), code, now);
    const last = caregiver.mfa.lastAcceptedStep;
    if (step === null || (last !== null && step <= last)) return null;
    return {
      caregiver: { ...caregiver, mfa: { ...caregiver.mfa, lastAcceptedStep: step }, updatedAt: now },
      kind: 'totp',
    };
  }
  if (/^[0-9A-F]{8}$/.test(code)) {
    const hash = ports.hasher.hmac(`backup:${code}`);
    const remaining = caregiver.mfa.backupCodeHashes.filter((h) => !ports.hasher.equal(h, hash));
    if (remaining.length === caregiver.mfa.backupCodeHashes.length) return null;
    return {
      caregiver: { ...caregiver, mfa: { ...caregiver.mfa, backupCodeHashes: remaining }, updatedAt: now },
      kind: 'backup',
    };
  }
  return null;
};

/** Ten fresh backup codes: the plain codes (shown once) and their keyed hashes (stored). */
export const newBackupCodes = (ports: IdentityPorts): { codes: string[]; hashes: string[] } => {
  const codes = Array.from({ length: 10 }, () => ports.random.hex(4));
  return { codes, hashes: codes.map((c) => ports.hasher.hmac(`backup:${c}`)) };
};
