import { withRole, type Caregiver } from '../../domain/identity/caregiver';
import { INVITABLE_ROLES, type AccessScope, type ActiveRole, type Role } from '../../domain/identity/roles';
import type { Actor } from '../../domain/shared/actor';
import { caregiverResource, deny, guardAccess, orgResource } from './access-guard';
import { audit } from './audit-trail';
import { deleteCaregiverAccount, ensureOrgKeepsAdmin } from './caregiver-removal';
import { caregiverNotFound, orgNotFound } from './identity-errors';
import type { IdentityPorts } from './identity-ports';
import {
  caregiverAlreadyInOrg,
  caregiverNotActivated,
  platformOrgMissing,
  superAdminOutsidePlatform,
} from './management-errors';
import { loadCaregiverView, loadOrgView, type CaregiverView, type OrgView } from './views';

/** Roles a role may hand out or take away: an orgAdmin moves people between staff and orgAdmin only. */
const grantable = (granter: ActiveRole, role: Role): boolean =>
  (INVITABLE_ROLES[granter] as readonly Role[]).includes(role);

/**
 * Membership of an organisation (DOMAIN.md §2.5 use-cases 32, 34, 35): move a caregiver into an org
 * (superAdmin), remove one (= delete the account), change a member's role.
 */
export class OrgMembers {
  constructor(private readonly ports: IdentityPorts) {}

  /** Loads a caregiver that must belong to `orgId` (another org's caregiver is reported as not found). */
  private async memberOf(orgId: string, caregiverId: string): Promise<Caregiver> {
    const org = await this.ports.orgs.findById(orgId);
    if (org === null) throw orgNotFound();
    const caregiver = await this.ports.caregivers.findById(caregiverId);
    if (caregiver === null || caregiver.orgId !== org.id) throw caregiverNotFound();
    return caregiver;
  }

  /**
   * `POST /orgs/:orgId/caregiver/:caregiverId`: moves an existing caregiver into the org, removing their
   * care-team assignments in the old one and revoking their sessions. The old org keeps its last orgAdmin, and
   * a superAdmin stays in the platform organisation.
   */
  async move(scope: AccessScope, orgId: string, caregiverId: string, actor: Actor): Promise<OrgView> {
    const { uow, orgs, caregivers, care, sessions, clock } = this.ports;
    await guardAccess(this.ports, scope, 'org.administer', orgResource(orgId), actor, orgNotFound);
    const org = await uow.run(async () => {
      const target = await orgs.findById(orgId);
      if (target === null) throw orgNotFound();
      const caregiver = await caregivers.findById(caregiverId);
      if (caregiver === null) throw caregiverNotFound();
      if (caregiver.orgId === target.id) throw caregiverAlreadyInOrg();
      if (caregiver.role === 'superAdmin' && !target.isPlatform) throw superAdminOutsidePlatform();
      await ensureOrgKeepsAdmin(this.ports, caregiver, null);
      await care.removeAssignmentsOf(caregiver.id);
      await caregivers.update({ ...caregiver, orgId: target.id, updatedAt: clock.now() });
      await audit(
        this.ports,
        actor,
        'CAREGIVER_MOVED',
        'success',
        { type: 'caregiver', id: caregiver.id, orgId: target.id },
        { fromOrgId: caregiver.orgId, toOrgId: target.id },
      );
      return target;
    });
    await sessions.revokeAllOf(caregiverId, 'admin', clock.now());
    return loadOrgView(this.ports, org);
  }

  /**
   * `DELETE /orgs/:orgId/caregiver/:caregiverId`: the same soft delete as `DELETE /caregivers/:id`, for admins of
   * the org (staff may not, not even for themselves). Answers the caregiver as it was, so the app can drop it.
   */
  async remove(scope: AccessScope, orgId: string, caregiverId: string, actor: Actor): Promise<CaregiverView> {
    await guardAccess(this.ports, scope, 'caregiver.delete', orgResource(orgId), actor, orgNotFound);
    const caregiver = await this.memberOf(orgId, caregiverId);
    if (caregiver.role === 'superAdmin' && scope.role !== 'superAdmin') {
      await deny(this.ports, actor, 'caregiver.delete', caregiverResource(caregiver), 'superadmin_target');
    }
    const view = await loadCaregiverView(this.ports, caregiver);
    await deleteCaregiverAccount(this.ports, caregiver.id, actor, 'org_removal');
    return view;
  }

  /**
   * `PATCH /orgs/:orgId/caregiver/:caregiverId/role`. Nobody changes their own role; an orgAdmin moves members
   * between staff and orgAdmin only; an account that was never activated has no role to change yet. Entering an
   * admin role starts the MFA grace period, becoming superAdmin moves the account to the platform org, and the
   * caregiver's sessions end so that the new role applies at once.
   */
  async setRole(
    scope: AccessScope,
    orgId: string,
    caregiverId: string,
    role: ActiveRole,
    actor: Actor,
  ): Promise<CaregiverView> {
    const { uow, orgs, caregivers, care, sessions, clock } = this.ports;
    await guardAccess(this.ports, scope, 'caregiver.setRole', orgResource(orgId), actor, orgNotFound);
    const target = await this.memberOf(orgId, caregiverId);
    const resource = caregiverResource(target);
    if (target.id === scope.caregiverId) await deny(this.ports, actor, 'caregiver.setRole', resource, 'own_role');
    if (!grantable(scope.role, role)) {
      await deny(this.ports, actor, 'caregiver.setRole', resource, 'role_not_grantable');
    }
    if (target.role === 'invited' || target.role === 'unverified') throw caregiverNotActivated();
    if (!grantable(scope.role, target.role)) {
      await deny(this.ports, actor, 'caregiver.setRole', resource, 'role_not_grantable');
    }
    if (target.role === role) return loadCaregiverView(this.ports, target);

    const saved = await uow.run(async () => {
      const current = await caregivers.findById(target.id);
      if (current === null || current.orgId !== orgId) throw caregiverNotFound();
      const now = clock.now();
      let next = withRole(current, role, now);
      if (role === 'superAdmin') {
        const platform = await orgs.findPlatform();
        if (platform === null) throw platformOrgMissing();
        if (platform.id !== current.orgId) {
          await care.removeAssignmentsOf(current.id);
          next = { ...next, orgId: platform.id };
        }
      }
      await ensureOrgKeepsAdmin(this.ports, current, next);
      const stored = await caregivers.update(next);
      await audit(
        this.ports,
        actor,
        'CAREGIVER_ROLE_CHANGED',
        'success',
        { type: 'caregiver', id: current.id, orgId: current.orgId },
        {
          from: current.role,
          to: role,
          toOrgId: stored.orgId,
        },
      );
      return stored;
    });
    await sessions.revokeAllOf(saved.id, 'role_changed', clock.now());
    return loadCaregiverView(this.ports, saved);
  }
}
