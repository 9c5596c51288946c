import { isAdminRole, type Role } from '../../domain/identity/roles';
import { addMs, minutes } from '../../domain/identity/identity-policy';
import { mfaGraceEndsAt, noMfa, type Caregiver } from '../../domain/identity/caregiver';
import type { Actor } from '../../domain/shared/actor';
import { DomainError } from '../../domain/shared/errors';
import { audit } from './audit-trail';
import { invalid, mfaInvalid } from './identity-errors';
import type { IdentityPorts } from './identity-ports';
import { checkMfaCode, newBackupCodes } from './mfa-code-check';

export interface MfaStatus {
  readonly mfaEnabled: boolean;
  readonly mfaEnrolledAt: Date | null;
  readonly backupCodesRemaining: number;
  readonly mfaRequired: boolean;
  readonly mfaEnrollmentRequiredBy: Date | null;
}

/** The MFA self-service use-cases of API-CONTRACT.md §4.3 (DOMAIN.md §2.4.5). */
export class ManageMfa {
  constructor(private readonly ports: IdentityPorts) {}

  status(caregiver: Caregiver): MfaStatus {
    return {
      mfaEnabled: caregiver.mfa.enabled,
      mfaEnrolledAt: caregiver.mfa.enrolledAt,
      backupCodesRemaining: caregiver.mfa.enabled ? caregiver.mfa.backupCodeHashes.length : 0,
      mfaRequired: isAdminRole(caregiver.role),
      mfaEnrollmentRequiredBy: mfaGraceEndsAt(caregiver, this.ports.policy),
    };
  }

  async start(caregiver: Caregiver, actor: Actor): Promise<{ qrCode: string; secret: string; backupCodes: string[] }> {
    if (caregiver.mfa.enabled) throw invalid('MFA_ALREADY_ENABLED', 'MFA is already enabled');
    const { totp, cipher, clock, caregivers, policy } = this.ports;
    const now = clock.now();
    const secret = totp.generateSecret();
    const label = `${policy.mfaIssuer} (${caregiver.email ?? caregiver.id})`;
    const qrCode = await totp.qrCodeDataUrl(totp.otpauthUrl(secret, label, policy.mfaIssuer));
    const backup = newBackupCodes(this.ports);
    await caregivers.update({
      ...caregiver,
      mfa: {
        ...caregiver.mfa,
        pendingSecretCiphertext: cipher.encrypt(secret),
        pendingBackupCodeHashes: backup.hashes,
        pendingExpiresAt: addMs(now, minutes(policy.mfaPendingMinutes)),
      },
      updatedAt: now,
    });
    await audit(this.ports, actor, 'MFA_ENROLLMENT_STARTED', 'success', {
      type: 'caregiver',
      id: caregiver.id,
      orgId: caregiver.orgId,
    });
    return { qrCode, secret, backupCodes: backup.codes };
  }

  async confirm(caregiver: Caregiver, code: string, actor: Actor): Promise<void> {
    const { clock, caregivers, sessions } = this.ports;
    const now = clock.now();
    if (caregiver.mfa.enabled) throw invalid('MFA_ALREADY_ENABLED', 'MFA is already enabled');
    const pending = caregiver.mfa.pendingSecretCiphertext;
    if (pending === null || caregiver.mfa.pendingExpiresAt === null || caregiver.mfa.pendingExpiresAt <= now) {
      throw invalid('MFA_SETUP_NOT_INITIATED', 'MFA setup not initiated');
    }
    const checked = /^\d{6}$/.test(code.trim()) ? checkMfaCode(this.ports, caregiver, code, now, pending) : null;
    if (checked === null) return this.wrongCode(caregiver, actor);
    await caregivers.update({
      ...checked.caregiver,
      mfa: {
        enabled: true,
        secretCiphertext: pending,
        pendingSecretCiphertext: null,
        pendingBackupCodeHashes: [],
        pendingExpiresAt: null,
        enrolledAt: now,
        backupCodeHashes: caregiver.mfa.pendingBackupCodeHashes,
        lastAcceptedStep: checked.caregiver.mfa.lastAcceptedStep,
      },
    });
    if (actor.sessionId !== undefined) await sessions.revokeAllOf(caregiver.id, 'mfa_changed', now, actor.sessionId);
    await audit(this.ports, actor, 'MFA_ENABLED', 'success', {
      type: 'caregiver',
      id: caregiver.id,
      orgId: caregiver.orgId,
    });
  }

  async disable(caregiver: Caregiver, code: string, actor: Actor): Promise<void> {
    if (!caregiver.mfa.enabled) throw invalid('MFA_NOT_ENABLED', 'MFA is not enabled');
    if (isAdminRole(caregiver.role)) {
      throw new DomainError(
        'MFA_REQUIRED_FOR_ROLE',
        'forbidden',
        'MFA is required for your role and cannot be disabled',
        {
          reason: 'MFA_REQUIRED_FOR_ROLE',
        },
      );
    }
    const now = this.ports.clock.now();
    if (checkMfaCode(this.ports, caregiver, code, now) === null) return this.wrongCode(caregiver, actor);
    await this.ports.caregivers.update({ ...caregiver, mfa: noMfa, updatedAt: now });
    await audit(this.ports, actor, 'MFA_DISABLED', 'success', {
      type: 'caregiver',
      id: caregiver.id,
      orgId: caregiver.orgId,
    });
  }

  async regenerateBackupCodes(caregiver: Caregiver, code: string, actor: Actor): Promise<string[]> {
    if (!caregiver.mfa.enabled) throw invalid('MFA_NOT_ENABLED', 'MFA is not enabled');
    const now = this.ports.clock.now();
    const checked = checkMfaCode(this.ports, caregiver, code, now);
    if (checked === null) return this.wrongCode(caregiver, actor);
    const backup = newBackupCodes(this.ports);
    await this.ports.caregivers.update({
      ...checked.caregiver,
      mfa: { ...checked.caregiver.mfa, backupCodeHashes: backup.hashes },
    });
    await audit(this.ports, actor, 'MFA_BACKUP_CODES_REGENERATED', 'success', {
      type: 'caregiver',
      id: caregiver.id,
      orgId: caregiver.orgId,
    });
    return backup.codes;
  }

  /** Wrong codes count toward the `mfa` limit (5 / 15 min), answered 429 once spent. */
  private async wrongCode(caregiver: Caregiver, actor: Actor): Promise<never> {
    await this.ports.rateLimiter.penalize('mfa', caregiver.id);
    await audit(this.ports, actor, 'MFA_VERIFICATION_FAILED', 'failure', {
      type: 'caregiver',
      id: caregiver.id,
      orgId: caregiver.orgId,
    });
    throw mfaInvalid();
  }
}

export const mfaRequiredForRole = (role: Role): boolean => isAdminRole(role);
