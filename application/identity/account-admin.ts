import { activeLock, mfaGraceEndsAt, noMfa, type Caregiver } from '../../domain/identity/caregiver';
import { isAdminRole, type AccessScope, type Capability } from '../../domain/identity/roles';
import type { Actor } from '../../domain/shared/actor';
import { forbidden } from '../../domain/shared/errors';
import { caregiverResource, deny, guardAccess } from './access-guard';
import { audit } from './audit-trail';
import { caregiverNotFound, invalid } from './identity-errors';
import type { IdentityPorts } from './identity-ports';
import { modifyCaregiver } from './modify-caregiver';
import { loadCaregiverView, type CaregiverView } from './views';

type SecurityCapability = Extract<Capability, 'caregiver.manageSecurity' | 'caregiver.resetMfa'>;

/**
 * Account and session administration (API-CONTRACT.md §6.3, DOMAIN.md §2.5 use-cases 8, 21, 22, 36): unlock an
 * account, reset a lost MFA device, extend the MFA grace period, revoke sessions. An orgAdmin acts on the own
 * organisation and never on a superAdmin; an orgAdmin resets MFA for staff only (RESOLUTIONS.md 35); a
 * superAdmin acts anywhere. Another organisation's caregiver is reported as not found.
 */
export class AccountAdmin {
  constructor(private readonly ports: IdentityPorts) {}

  /**
   * The caregiver the caller may act on with `capability`. Denials are audited (outside any transaction, so a
   * rollback never takes the entry with it).
   */
  private async target(
    scope: AccessScope,
    caregiverId: string,
    capability: SecurityCapability,
    actor: Actor,
  ): Promise<Caregiver> {
    const caregiver = await this.ports.caregivers.findById(caregiverId);
    if (caregiver === null) throw caregiverNotFound();
    const resource = caregiverResource(caregiver);
    await guardAccess(this.ports, scope, capability, resource, actor, caregiverNotFound);
    if (caregiver.role === 'superAdmin' && scope.role !== 'superAdmin') {
      await deny(this.ports, actor, capability, resource, 'superadmin_target');
    }
    return caregiver;
  }

  /**
   * The record re-read for the write must still be the one the decision was taken on: a caregiver moved to
   * another organisation meanwhile is not found, one promoted to superAdmin is out of an orgAdmin's reach.
   */
  private stillInReach(scope: AccessScope, checked: Caregiver, current: Caregiver): void {
    if (current.orgId !== checked.orgId) throw caregiverNotFound();
    if (current.role === 'superAdmin' && scope.role !== 'superAdmin') throw forbidden();
  }

  /**
   * `POST /caregivers/:id/unlock`: removes the lock (whatever its reason) and resets the failed-login counter.
   * Audited `ACCOUNT_UNLOCKED` (high risk, DOMAIN.md §11.2) even when there was no lock to remove.
   */
  async unlock(scope: AccessScope, caregiverId: string, actor: Actor): Promise<CaregiverView> {
    const { uow, clock } = this.ports;
    const checked = await this.target(scope, caregiverId, 'caregiver.manageSecurity', actor);
    const saved = await uow.run(async () => {
      const now = clock.now();
      // Re-read with the record the write is based on.
      let lock = activeLock(checked, now);
      const stored = await modifyCaregiver(this.ports, checked.id, (current) => {
        this.stillInReach(scope, checked, current);
        lock = activeLock(current, now);
        return { ...current, lock: null, failedLogins: { count: 0, windowStartedAt: null }, updatedAt: now };
      });
      await audit(
        this.ports,
        actor,
        'ACCOUNT_UNLOCKED',
        'success',
        { type: 'caregiver', id: stored.id, orgId: stored.orgId },
        { risk: 'high', wasLocked: lock !== null, lockReason: lock?.reason ?? null },
      );
      return stored;
    });
    return loadCaregiverView(this.ports, saved);
  }

  /**
   * `POST /caregivers/:id/mfa/reset` (lost device): MFA off, secret, pending enrolment and backup codes deleted,
   * every session revoked (`mfa_changed`), and for an admin the grace period restarts now, so the account can
   * sign in and enrol again. Nobody resets their own MFA this way (an admin may not switch MFA off for itself).
   */
  async resetMfa(scope: AccessScope, caregiverId: string, actor: Actor): Promise<CaregiverView> {
    const { uow, clock, sessions } = this.ports;
    const checked = await this.target(scope, caregiverId, 'caregiver.resetMfa', actor);
    const resource = caregiverResource(checked);
    if (checked.id === scope.caregiverId) await deny(this.ports, actor, 'caregiver.resetMfa', resource, 'own_mfa');
    if (scope.role !== 'superAdmin' && checked.role !== 'staff') {
      await deny(this.ports, actor, 'caregiver.resetMfa', resource, 'staff_only');
    }
    const saved = await uow.run(async () => {
      const now = clock.now();
      const stored = await modifyCaregiver(this.ports, checked.id, (current) => {
        this.stillInReach(scope, checked, current);
        if (scope.role !== 'superAdmin' && current.role !== 'staff') throw forbidden();
        return {
          ...current,
          mfa: noMfa,
          mfaGraceStartedAt: isAdminRole(current.role) ? now : current.mfaGraceStartedAt,
          updatedAt: now,
        };
      });
      await audit(
        this.ports,
        actor,
        'MFA_RESET',
        'success',
        { type: 'caregiver', id: stored.id, orgId: stored.orgId },
        { risk: 'high', wasEnabled: checked.mfa.enabled, targetRole: stored.role },
      );
      return stored;
    });
    await sessions.revokeAllOf(saved.id, 'mfa_changed', clock.now());
    return loadCaregiverView(this.ports, saved);
  }

  /**
   * `POST /caregivers/:id/mfa/extend-grace`: the grace period starts again now, so the admin has the configured
   * number of days (7 by default) from now to enrol; "7 more days" in API-CONTRACT.md §6.3 means 7 days from now,
   * never less than before. This is how an admin refused with `MFA_ENROLLMENT_REQUIRED` gets back in
   * (RESOLUTIONS.md 14). Only another admin can do it: extending one's own period would void the requirement.
   * Resolves the new deadline.
   */
  async extendMfaGrace(scope: AccessScope, caregiverId: string, actor: Actor): Promise<Date> {
    const { uow, clock, policy } = this.ports;
    const checked = await this.target(scope, caregiverId, 'caregiver.manageSecurity', actor);
    if (checked.id === scope.caregiverId) {
      await deny(this.ports, actor, 'caregiver.manageSecurity', caregiverResource(checked), 'own_mfa_grace');
    }
    if (checked.mfa.enabled) throw invalid('MFA_ALREADY_ENABLED', 'MFA is already enabled');
    if (!isAdminRole(checked.role)) throw invalid('MFA_NOT_REQUIRED', 'MFA is not required for this account');
    return uow.run(async () => {
      const now = clock.now();
      const stored = await modifyCaregiver(this.ports, checked.id, (current) => {
        this.stillInReach(scope, checked, current);
        if (current.mfa.enabled) throw invalid('MFA_ALREADY_ENABLED', 'MFA is already enabled');
        if (!isAdminRole(current.role)) throw invalid('MFA_NOT_REQUIRED', 'MFA is not required for this account');
        return { ...current, mfaGraceStartedAt: now, updatedAt: now };
      });
      const endsAt = mfaGraceEndsAt(stored, policy);
      if (endsAt === null) throw new Error('an admin without MFA has a grace period');
      await audit(
        this.ports,
        actor,
        'MFA_GRACE_EXTENDED',
        'success',
        { type: 'caregiver', id: stored.id, orgId: stored.orgId },
        { mfaEnrollmentRequiredBy: endsAt.toISOString() },
      );
      return endsAt;
    });
  }

  /**
   * `POST /caregivers/:id/sessions/revoke`. On oneself: every other session ends and the calling one stays. On
   * someone else (an admin of the org, or a superAdmin): every session of that caregiver ends (`admin`).
   */
  async revokeSessions(scope: AccessScope, caregiverId: string, actor: Actor): Promise<void> {
    const { sessions, clock } = this.ports;
    const self = caregiverId === scope.caregiverId;
    const target = self
      ? await this.ports.caregivers.findById(caregiverId)
      : await this.target(scope, caregiverId, 'caregiver.manageSecurity', actor);
    if (target === null) throw caregiverNotFound();
    const now = clock.now();
    const revoked = self
      ? await sessions.revokeAllOf(target.id, 'logout', now, actor.sessionId)
      : await sessions.revokeAllOf(target.id, 'admin', now);
    await audit(
      this.ports,
      actor,
      'SESSIONS_REVOKED',
      'success',
      { type: 'session', id: null, orgId: target.orgId },
      { caregiverId: target.id, self, revokedCount: revoked },
    );
  }
}
