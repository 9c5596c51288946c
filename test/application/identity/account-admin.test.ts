import type { Caregiver, LockReason } from '../../../domain/identity/caregiver';
import type { IdentityHarness } from '../../support/identity-harness';
import { TEST_PASSWORD } from '../../support/identity-harness';
import { auditOf, createManagementWorld, openSession, revokeReasonOf, type ManagementWorld } from './management-world';

let w: ManagementWorld;

beforeEach(async () => {
  w = await createManagementWorld();
});

afterEach(async () => {
  await w.h.close();
});

const DAY = 86_400_000;
const denied = { kind: 'forbidden', message: 'Access denied: insufficient permissions.' };
const notFound = { kind: 'not-found', message: 'Caregiver not found' };

const stored = async (h: IdentityHarness, caregiver: Caregiver): Promise<Caregiver> => {
  const found = await h.ports.caregivers.findById(caregiver.id);
  if (found === null) throw new Error(`caregiver ${caregiver.id} is gone`);
  return found;
};

const withMfa = async (h: IdentityHarness, caregiver: Caregiver): Promise<Caregiver> =>
  h.ports.caregivers.update({
    ...(await stored(h, caregiver)),
    mfa: {
      enabled: true,
      secretCiphertext: 'secret-ciphertext',
      pendingSecretCiphertext: null,
      pendingBackupCodeHashes: [],
      pendingExpiresAt: null,
      enrolledAt: h.clock.now(),
      backupCodeHashes: ['code-hash-1', 'code-hash-2'],
      lastAcceptedStep: 42,
    },
    mfaGraceStartedAt: null,
  });

const locked = async (h: IdentityHarness, caregiver: Caregiver, reason: LockReason): Promise<Caregiver> =>
  h.ports.caregivers.update({
    ...(await stored(h, caregiver)),
    failedLogins: { count: 3, windowStartedAt: h.clock.now() },
    lock: {
      lockedAt: h.clock.now(),
      lockedUntil: reason === 'failed_logins' ? new Date(h.clock.now().getTime() + 30 * 60_000) : null,
      reason,
      lockedBy: 'system',
    },
  });

/** An orgAdmin of the platform organisation: the one orgAdmin that can address a superAdmin's record at all. */
const platformAdmin = (): Promise<Caregiver> => w.h.createCaregiver({ orgId: w.platform.id, role: 'orgAdmin' });

const deniedRules = (h: IdentityHarness) => auditOf(h, 'ACCESS_DENIED').map((entry) => entry.details['rule']);

describe('AccountAdmin.unlock', () => {
  it('lets an orgAdmin unlock a member of the own org: lock gone, counters reset, audited high risk', async () => {
    const { h, adminA, staffA } = w;
    await locked(h, staffA, 'failed_logins');
    const view = await h.useCases.accountAdmin.unlock(h.scopeOf(adminA), staffA.id, h.actorOf(adminA));
    expect(view.caregiver.lock).toBeNull();
    expect(view.caregiver.failedLogins).toEqual({ count: 0, windowStartedAt: null });
    expect((await stored(h, staffA)).lock).toBeNull();
    expect(auditOf(h, 'ACCOUNT_UNLOCKED')).toEqual([
      expect.objectContaining({
        actorId: adminA.id,
        resourceId: staffA.id,
        orgId: staffA.orgId,
        details: { risk: 'high', wasLocked: true, lockReason: 'failed_logins' },
      }),
    ]);
  });

  it('lets the unlocked caregiver sign in again', async () => {
    const { h, adminA, staffA } = w;
    await locked(h, staffA, 'data_volume');
    const login = () =>
      h.useCases.login.execute({ email: staffA.email ?? '', password: TEST_PASSWORD }, h.anonymousActor);
    await expect(login()).rejects.toMatchObject({ reason: 'ACCOUNT_LOCKED' });
    await h.useCases.accountAdmin.unlock(h.scopeOf(adminA), staffA.id, h.actorOf(adminA));
    await expect(login()).resolves.toMatchObject({ kind: 'signed-in' });
  });

  it('lets a superAdmin unlock anyone, another admin included', async () => {
    const { h, superAdmin, adminB } = w;
    await locked(h, adminB, 'admin');
    const view = await h.useCases.accountAdmin.unlock(h.scopeOf(superAdmin), adminB.id, h.actorOf(superAdmin));
    expect(view.caregiver.lock).toBeNull();
  });

  it("hides another org's caregiver (404, audited) and forbids staff (403, audited)", async () => {
    const { h, adminA, staffA, staffB, adminA2 } = w;
    await locked(h, staffB, 'failed_logins');
    await expect(h.useCases.accountAdmin.unlock(h.scopeOf(adminA), staffB.id, h.actorOf(adminA))).rejects.toMatchObject(
      notFound,
    );
    await expect(
      h.useCases.accountAdmin.unlock(h.scopeOf(staffA), adminA2.id, h.actorOf(staffA)),
    ).rejects.toMatchObject(denied);
    expect((await stored(h, staffB)).lock).not.toBeNull();
    expect(deniedRules(h)).toEqual(['other_org', undefined]);
    expect(auditOf(h, 'ACCESS_DENIED')[1]?.details).toEqual({ capability: 'caregiver.manageSecurity' });
    expect(auditOf(h, 'ACCOUNT_UNLOCKED')).toHaveLength(0);
  });

  it('keeps superAdmins out of reach of orgAdmins: 404 from a customer org, 403 from the platform org', async () => {
    const { h, adminA, superAdmin } = w;
    await locked(h, superAdmin, 'admin');
    await expect(
      h.useCases.accountAdmin.unlock(h.scopeOf(adminA), superAdmin.id, h.actorOf(adminA)),
    ).rejects.toMatchObject(notFound);
    const insider = await platformAdmin();
    await expect(
      h.useCases.accountAdmin.unlock(h.scopeOf(insider), superAdmin.id, h.actorOf(insider)),
    ).rejects.toMatchObject(denied);
    expect((await stored(h, superAdmin)).lock).not.toBeNull();
    expect(deniedRules(h)).toEqual(['other_org', 'superadmin_target']);
  });

  it('answers 404 for an unknown id', async () => {
    const { h, superAdmin } = w;
    await expect(
      h.useCases.accountAdmin.unlock(h.scopeOf(superAdmin), 'f'.repeat(24), h.actorOf(superAdmin)),
    ).rejects.toMatchObject(notFound);
  });
});

describe('AccountAdmin.resetMfa', () => {
  it('lets a superAdmin reset an admin: MFA cleared, sessions revoked (mfa_changed), grace restarted, high risk', async () => {
    const { h, superAdmin, adminB } = w;
    await withMfa(h, adminB);
    const session = await openSession(h, adminB);
    h.clock.advanceMinutes(10);
    const view = await h.useCases.accountAdmin.resetMfa(h.scopeOf(superAdmin), adminB.id, h.actorOf(superAdmin));
    const after = await stored(h, adminB);
    expect(view.caregiver.mfa.enabled).toBe(false);
    expect(after.mfa).toEqual({
      enabled: false,
      secretCiphertext: null,
      pendingSecretCiphertext: null,
      pendingBackupCodeHashes: [],
      pendingExpiresAt: null,
      enrolledAt: null,
      backupCodeHashes: [],
      lastAcceptedStep: null,
    });
    expect(after.mfaGraceStartedAt).toEqual(h.clock.now());
    expect(await revokeReasonOf(h, session)).toBe('mfa_changed');
    expect(auditOf(h, 'MFA_RESET')).toEqual([
      expect.objectContaining({
        actorId: superAdmin.id,
        resourceId: adminB.id,
        details: { risk: 'high', wasEnabled: true, targetRole: 'orgAdmin' },
      }),
    ]);
  });

  it('lets an orgAdmin reset the MFA of staff of the own org, without starting a grace period for staff', async () => {
    const { h, adminA, staffA } = w;
    await withMfa(h, staffA);
    const session = await openSession(h, staffA);
    const view = await h.useCases.accountAdmin.resetMfa(h.scopeOf(adminA), staffA.id, h.actorOf(adminA));
    expect(view.caregiver.mfa.enabled).toBe(false);
    expect((await stored(h, staffA)).mfaGraceStartedAt).toBeNull();
    expect(await revokeReasonOf(h, session)).toBe('mfa_changed');
  });

  it("refuses an orgAdmin resetting another orgAdmin's MFA (403, staff only): nothing changes", async () => {
    const { h, adminA, adminA2 } = w;
    await withMfa(h, adminA2);
    const session = await openSession(h, adminA2);
    await expect(
      h.useCases.accountAdmin.resetMfa(h.scopeOf(adminA), adminA2.id, h.actorOf(adminA)),
    ).rejects.toMatchObject(denied);
    expect((await stored(h, adminA2)).mfa.enabled).toBe(true);
    expect(await revokeReasonOf(h, session)).toBeNull();
    expect(deniedRules(h)).toEqual(['staff_only']);
    expect(auditOf(h, 'MFA_RESET')).toHaveLength(0);
  });

  it('refuses staff (403), other orgs (404), superAdmin targets of a platform orgAdmin (403) and oneself (403)', async () => {
    const { h, adminA, staffA, staffB, superAdmin, adminA2 } = w;
    await expect(
      h.useCases.accountAdmin.resetMfa(h.scopeOf(staffA), adminA2.id, h.actorOf(staffA)),
    ).rejects.toMatchObject(denied);
    await expect(
      h.useCases.accountAdmin.resetMfa(h.scopeOf(adminA), staffB.id, h.actorOf(adminA)),
    ).rejects.toMatchObject(notFound);
    const insider = await platformAdmin();
    await expect(
      h.useCases.accountAdmin.resetMfa(h.scopeOf(insider), superAdmin.id, h.actorOf(insider)),
    ).rejects.toMatchObject(denied);
    await withMfa(h, superAdmin);
    await expect(
      h.useCases.accountAdmin.resetMfa(h.scopeOf(superAdmin), superAdmin.id, h.actorOf(superAdmin)),
    ).rejects.toMatchObject(denied);
    expect((await stored(h, superAdmin)).mfa.enabled).toBe(true);
    expect(deniedRules(h)).toEqual([undefined, 'other_org', 'superadmin_target', 'own_mfa']);
  });
});

describe('AccountAdmin.extendMfaGrace', () => {
  it('restores an admin refused with MFA_ENROLLMENT_REQUIRED: 7 days from now, then login succeeds', async () => {
    const { h, adminA, adminA2 } = w;
    h.clock.advance(8 * DAY);
    const login = () =>
      h.useCases.login.execute({ email: adminA2.email ?? '', password: TEST_PASSWORD }, h.anonymousActor);
    await expect(login()).rejects.toMatchObject({ kind: 'forbidden', reason: 'MFA_ENROLLMENT_REQUIRED' });

    const endsAt = await h.useCases.accountAdmin.extendMfaGrace(h.scopeOf(adminA), adminA2.id, h.actorOf(adminA));
    expect(endsAt).toEqual(new Date(h.clock.now().getTime() + 7 * DAY));
    expect((await stored(h, adminA2)).mfaGraceStartedAt).toEqual(h.clock.now());
    await expect(login()).resolves.toMatchObject({ kind: 'signed-in' });
    expect(auditOf(h, 'MFA_GRACE_EXTENDED')).toEqual([
      expect.objectContaining({
        actorId: adminA.id,
        resourceId: adminA2.id,
        details: { mfaEnrollmentRequiredBy: endsAt.toISOString() },
      }),
    ]);
  });

  it('never shortens a running grace period', async () => {
    const { h, superAdmin, adminB } = w;
    const before = (await stored(h, adminB)).mfaGraceStartedAt?.getTime() ?? 0;
    h.clock.advance(DAY);
    const endsAt = await h.useCases.accountAdmin.extendMfaGrace(
      h.scopeOf(superAdmin),
      adminB.id,
      h.actorOf(superAdmin),
    );
    expect(endsAt.getTime()).toBe(before + 8 * DAY);
  });

  it('answers 400 when the target has MFA already, or is not required to have it', async () => {
    const { h, adminA, adminA2, staffA } = w;
    await withMfa(h, adminA2);
    await expect(
      h.useCases.accountAdmin.extendMfaGrace(h.scopeOf(adminA), adminA2.id, h.actorOf(adminA)),
    ).rejects.toMatchObject({ kind: 'invalid', message: 'MFA is already enabled' });
    await expect(
      h.useCases.accountAdmin.extendMfaGrace(h.scopeOf(adminA), staffA.id, h.actorOf(adminA)),
    ).rejects.toMatchObject({ kind: 'invalid', message: 'MFA is not required for this account' });
    expect(auditOf(h, 'MFA_GRACE_EXTENDED')).toHaveLength(0);
  });

  it('refuses oneself, staff, other orgs and superAdmin targets of orgAdmins', async () => {
    const { h, adminA, staffA, adminA2, adminB, superAdmin } = w;
    h.clock.advance(8 * DAY);
    await expect(
      h.useCases.accountAdmin.extendMfaGrace(h.scopeOf(adminA), adminA.id, h.actorOf(adminA)),
    ).rejects.toMatchObject(denied);
    await expect(
      h.useCases.accountAdmin.extendMfaGrace(h.scopeOf(staffA), adminA2.id, h.actorOf(staffA)),
    ).rejects.toMatchObject(denied);
    await expect(
      h.useCases.accountAdmin.extendMfaGrace(h.scopeOf(adminA), adminB.id, h.actorOf(adminA)),
    ).rejects.toMatchObject(notFound);
    const insider = await platformAdmin();
    await expect(
      h.useCases.accountAdmin.extendMfaGrace(h.scopeOf(insider), superAdmin.id, h.actorOf(insider)),
    ).rejects.toMatchObject(denied);
    expect(deniedRules(h)).toEqual(['own_mfa_grace', undefined, 'other_org', 'superadmin_target']);
    const stillOverdue = [adminA, adminA2, adminB, superAdmin].map(async (c) => (await stored(h, c)).mfaGraceStartedAt);
    for (const start of await Promise.all(stillOverdue)) expect(start).toEqual(superAdmin.mfaGraceStartedAt);
  });
});

describe('AccountAdmin.revokeSessions', () => {
  it("on oneself ends the caller's other sessions and keeps the calling one", async () => {
    const { h, staffA } = w;
    const current = await openSession(h, staffA);
    const other = await openSession(h, staffA);
    await h.useCases.accountAdmin.revokeSessions(h.scopeOf(staffA), staffA.id, h.actorOf(staffA, current));
    expect(await revokeReasonOf(h, other)).toBe('logout');
    expect(await revokeReasonOf(h, current)).toBeNull();
    expect(auditOf(h, 'SESSIONS_REVOKED')[0]?.details).toEqual({
      caregiverId: staffA.id,
      self: true,
      revokedCount: 1,
    });
  });

  it("lets an orgAdmin end every session of a member of the own org, and a superAdmin anyone's", async () => {
    const { h, adminA, staffA, superAdmin, adminB } = w;
    const first = await openSession(h, staffA);
    const second = await openSession(h, staffA);
    await h.useCases.accountAdmin.revokeSessions(h.scopeOf(adminA), staffA.id, h.actorOf(adminA));
    expect([await revokeReasonOf(h, first), await revokeReasonOf(h, second)]).toEqual(['admin', 'admin']);
    const bSession = await openSession(h, adminB);
    await h.useCases.accountAdmin.revokeSessions(h.scopeOf(superAdmin), adminB.id, h.actorOf(superAdmin));
    expect(await revokeReasonOf(h, bSession)).toBe('admin');
  });

  it("refuses staff on someone else (403), another org's member (404) and a superAdmin target (403)", async () => {
    const { h, adminA, staffA, adminA2, staffB, superAdmin } = w;
    const sessions = [await openSession(h, adminA2), await openSession(h, staffB), await openSession(h, superAdmin)];
    await expect(
      h.useCases.accountAdmin.revokeSessions(h.scopeOf(staffA), adminA2.id, h.actorOf(staffA)),
    ).rejects.toMatchObject(denied);
    await expect(
      h.useCases.accountAdmin.revokeSessions(h.scopeOf(adminA), staffB.id, h.actorOf(adminA)),
    ).rejects.toMatchObject(notFound);
    const insider = await platformAdmin();
    await expect(
      h.useCases.accountAdmin.revokeSessions(h.scopeOf(insider), superAdmin.id, h.actorOf(insider)),
    ).rejects.toMatchObject(denied);
    for (const session of sessions) expect(await revokeReasonOf(h, session)).toBeNull();
    expect(deniedRules(h)).toEqual([undefined, 'other_org', 'superadmin_target']);
  });
});
