import { auditOf, createManagementWorld, openSession, revokeReasonOf, type ManagementWorld } from './management-world';

let w: ManagementWorld;

beforeEach(async () => {
  w = await createManagementWorld();
});

afterEach(async () => {
  await w.h.close();
});

const denied = { kind: 'forbidden', message: 'Access denied: insufficient permissions.' };
const lastAdmin = {
  kind: 'conflict',
  message: 'An organization must keep at least one orgAdmin',
  reason: 'LAST_ORG_ADMIN',
};

describe('OrgMembers.setRole', () => {
  it('lets an orgAdmin promote staff: MFA grace starts, sessions end with role_changed, the change is audited', async () => {
    const { h, orgA, adminA, staffA } = w;
    const session = await openSession(h, staffA);
    h.clock.advanceMinutes(5);
    const view = await h.useCases.orgMembers.setRole(
      h.scopeOf(adminA),
      orgA.id,
      staffA.id,
      'orgAdmin',
      h.actorOf(adminA),
    );
    expect(view.caregiver.role).toBe('orgAdmin');
    expect(view.caregiver.mfaGraceStartedAt).toEqual(h.clock.now());
    expect(await revokeReasonOf(h, session)).toBe('role_changed');
    expect(auditOf(h, 'CAREGIVER_ROLE_CHANGED')[0]).toMatchObject({
      actorId: adminA.id,
      resourceId: staffA.id,
      details: { from: 'staff', to: 'orgAdmin' },
    });
  });

  it('lets an orgAdmin demote another orgAdmin while one admin remains', async () => {
    const { h, orgA, adminA, adminA2 } = w;
    const view = await h.useCases.orgMembers.setRole(
      h.scopeOf(adminA),
      orgA.id,
      adminA2.id,
      'staff',
      h.actorOf(adminA),
    );
    expect(view.caregiver.role).toBe('staff');
  });

  it('never lets an orgAdmin grant superAdmin', async () => {
    const { h, orgA, adminA, staffA } = w;
    await expect(
      h.useCases.orgMembers.setRole(h.scopeOf(adminA), orgA.id, staffA.id, 'superAdmin', h.actorOf(adminA)),
    ).rejects.toMatchObject(denied);
    expect((await h.ports.caregivers.findById(staffA.id))?.role).toBe('staff');
    expect(auditOf(h, 'ACCESS_DENIED')[0]?.details).toMatchObject({ rule: 'role_not_grantable' });
  });

  it('lets nobody change their own role, superAdmins included', async () => {
    const { h, orgA, platform, adminA, superAdmin } = w;
    await expect(
      h.useCases.orgMembers.setRole(h.scopeOf(adminA), orgA.id, adminA.id, 'staff', h.actorOf(adminA)),
    ).rejects.toMatchObject(denied);
    await expect(
      h.useCases.orgMembers.setRole(
        h.scopeOf(superAdmin),
        platform.id,
        superAdmin.id,
        'orgAdmin',
        h.actorOf(superAdmin),
      ),
    ).rejects.toMatchObject(denied);
    expect(auditOf(h, 'ACCESS_DENIED').map((e) => e.details['rule'])).toEqual(['own_role', 'own_role']);
  });

  it("forbids staff and hides other orgs (404 Org not found) and other orgs' members (404 Caregiver not found)", async () => {
    const { h, orgA, orgB, staffA, adminA, adminA2, staffB } = w;
    await expect(
      h.useCases.orgMembers.setRole(h.scopeOf(staffA), orgA.id, adminA2.id, 'staff', h.actorOf(staffA)),
    ).rejects.toMatchObject(denied);
    await expect(
      h.useCases.orgMembers.setRole(h.scopeOf(adminA), orgB.id, staffB.id, 'orgAdmin', h.actorOf(adminA)),
    ).rejects.toMatchObject({ kind: 'not-found', message: 'Org not found' });
    await expect(
      h.useCases.orgMembers.setRole(h.scopeOf(adminA), orgA.id, staffB.id, 'orgAdmin', h.actorOf(adminA)),
    ).rejects.toMatchObject({ kind: 'not-found', message: 'Caregiver not found' });
  });

  it('refuses an account that was never activated (400)', async () => {
    const { h, orgA, adminA } = w;
    for (const role of ['invited', 'unverified'] as const) {
      const pending = await h.createCaregiver({ orgId: orgA.id, role, password: null });
      await expect(
        h.useCases.orgMembers.setRole(h.scopeOf(adminA), orgA.id, pending.id, 'orgAdmin', h.actorOf(adminA)),
      ).rejects.toMatchObject({ kind: 'invalid', message: 'Caregiver has not activated the account yet' });
    }
  });

  it('refuses to demote the last orgAdmin of an org that still has members (LAST_ORG_ADMIN)', async () => {
    const { h, orgB, adminB, superAdmin } = w;
    await expect(
      h.useCases.orgMembers.setRole(h.scopeOf(superAdmin), orgB.id, adminB.id, 'staff', h.actorOf(superAdmin)),
    ).rejects.toMatchObject(lastAdmin);
    expect((await h.ports.caregivers.findById(adminB.id))?.role).toBe('orgAdmin');
  });

  it('counts patients too: a sole admin with patients stays admin', async () => {
    const { h, superAdmin } = w;
    const org = await h.createOrg('Solo');
    const admin = await h.createCaregiver({ orgId: org.id, role: 'orgAdmin' });
    jest.spyOn(h.ports.care, 'patientIdsOfOrg').mockResolvedValue(['a'.repeat(24)]);
    await expect(
      h.useCases.orgMembers.setRole(h.scopeOf(superAdmin), org.id, admin.id, 'superAdmin', h.actorOf(superAdmin)),
    ).rejects.toMatchObject(lastAdmin);
  });

  it('lets a superAdmin grant superAdmin, which moves the account to the platform org', async () => {
    const { h, orgA, platform, adminA2, superAdmin } = w;
    const removeAssignments = jest.spyOn(h.ports.care, 'removeAssignmentsOf');
    const view = await h.useCases.orgMembers.setRole(
      h.scopeOf(superAdmin),
      orgA.id,
      adminA2.id,
      'superAdmin',
      h.actorOf(superAdmin),
    );
    expect(view.caregiver).toMatchObject({ role: 'superAdmin', orgId: platform.id });
    expect(removeAssignments).toHaveBeenCalledWith(adminA2.id);
    expect(await h.ports.caregivers.idsOfOrg(orgA.id)).not.toContain(adminA2.id);
  });

  it('answers the unchanged caregiver when the role is already the requested one', async () => {
    const { h, orgA, adminA, staffA } = w;
    const session = await openSession(h, staffA);
    const view = await h.useCases.orgMembers.setRole(h.scopeOf(adminA), orgA.id, staffA.id, 'staff', h.actorOf(adminA));
    expect(view.caregiver.version).toBe(staffA.version);
    expect(await revokeReasonOf(h, session)).toBeNull();
  });
});

describe('OrgMembers.move', () => {
  it('lets a superAdmin move a caregiver: assignments in the old org removed, sessions revoked', async () => {
    const { h, orgA, staffB, superAdmin } = w;
    const session = await openSession(h, staffB);
    const removeAssignments = jest.spyOn(h.ports.care, 'removeAssignmentsOf');
    const view = await h.useCases.orgMembers.move(h.scopeOf(superAdmin), orgA.id, staffB.id, h.actorOf(superAdmin));
    expect(view.org.id).toBe(orgA.id);
    expect(view.caregiverIds).toContain(staffB.id);
    expect((await h.ports.caregivers.findById(staffB.id))?.orgId).toBe(orgA.id);
    expect(removeAssignments).toHaveBeenCalledWith(staffB.id);
    expect(await revokeReasonOf(h, session)).not.toBeNull();
    expect(auditOf(h, 'CAREGIVER_MOVED')[0]?.details).toEqual({ fromOrgId: staffB.orgId, toOrgId: orgA.id });
  });

  it('is for superAdmins only: an orgAdmin gets 403 for the own org and 404 for another', async () => {
    const { h, orgA, orgB, adminA, staffB, staffA } = w;
    await expect(
      h.useCases.orgMembers.move(h.scopeOf(adminA), orgA.id, staffB.id, h.actorOf(adminA)),
    ).rejects.toMatchObject(denied);
    await expect(
      h.useCases.orgMembers.move(h.scopeOf(adminA), orgB.id, staffA.id, h.actorOf(adminA)),
    ).rejects.toMatchObject({ kind: 'not-found', message: 'Org not found' });
  });

  it('answers 409 for a caregiver already in the org and 404 for unknown ids', async () => {
    const { h, orgA, staffA, superAdmin } = w;
    const scope = h.scopeOf(superAdmin);
    const actor = h.actorOf(superAdmin);
    await expect(h.useCases.orgMembers.move(scope, orgA.id, staffA.id, actor)).rejects.toMatchObject({
      kind: 'conflict',
      message: 'Caregiver already assigned to this org',
    });
    await expect(h.useCases.orgMembers.move(scope, orgA.id, 'e'.repeat(24), actor)).rejects.toMatchObject({
      message: 'Caregiver not found',
    });
    await expect(h.useCases.orgMembers.move(scope, 'e'.repeat(24), staffA.id, actor)).rejects.toMatchObject({
      message: 'Org not found',
    });
  });

  it('keeps the old org its last orgAdmin and superAdmins in the platform org', async () => {
    const { h, orgA, orgB, adminB, superAdmin } = w;
    await expect(
      h.useCases.orgMembers.move(h.scopeOf(superAdmin), orgA.id, adminB.id, h.actorOf(superAdmin)),
    ).rejects.toMatchObject(lastAdmin);
    const other = await h.createCaregiver({ orgId: w.platform.id, role: 'superAdmin' });
    await expect(
      h.useCases.orgMembers.move(h.scopeOf(superAdmin), orgB.id, other.id, h.actorOf(superAdmin)),
    ).rejects.toMatchObject({ kind: 'invalid' });
  });
});

describe('OrgMembers.remove', () => {
  it('lets an orgAdmin remove a member: answers the removed caregiver, which is then deleted', async () => {
    const { h, orgA, adminA, staffA } = w;
    const session = await openSession(h, staffA);
    const view = await h.useCases.orgMembers.remove(h.scopeOf(adminA), orgA.id, staffA.id, h.actorOf(adminA));
    expect(view.caregiver).toMatchObject({ id: staffA.id, email: staffA.email });
    expect(await h.ports.caregivers.findById(staffA.id)).toBeNull();
    expect(await revokeReasonOf(h, session)).toBe('deleted');
    expect(auditOf(h, 'CAREGIVER_DELETED')[0]?.details).toMatchObject({ via: 'org_removal' });
  });

  it('forbids staff, even for themselves, and hides other orgs and their members', async () => {
    const { h, orgA, orgB, staffA, adminA, staffB } = w;
    await expect(
      h.useCases.orgMembers.remove(h.scopeOf(staffA), orgA.id, staffA.id, h.actorOf(staffA)),
    ).rejects.toMatchObject(denied);
    await expect(
      h.useCases.orgMembers.remove(h.scopeOf(adminA), orgB.id, staffB.id, h.actorOf(adminA)),
    ).rejects.toMatchObject({ message: 'Org not found' });
    await expect(
      h.useCases.orgMembers.remove(h.scopeOf(adminA), orgA.id, staffB.id, h.actorOf(adminA)),
    ).rejects.toMatchObject({ message: 'Caregiver not found' });
  });

  it('refuses to remove the last orgAdmin of an org with members', async () => {
    const { h, orgB, adminB, superAdmin } = w;
    await expect(
      h.useCases.orgMembers.remove(h.scopeOf(superAdmin), orgB.id, adminB.id, h.actorOf(superAdmin)),
    ).rejects.toMatchObject(lastAdmin);
  });
});
