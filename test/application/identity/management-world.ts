import type { Caregiver } from '../../../domain/identity/caregiver';
import { createOrg, type Org } from '../../../domain/identity/org';
import type { Session } from '../../../domain/identity/session';
import { createIdentityHarness, type IdentityHarness } from '../../support/identity-harness';

/**
 * Two customer organisations and the platform one, each with the people the permission matrix talks about:
 * org A has two admins and a staff member, org B one admin and one staff member, the platform a superAdmin.
 */
export interface ManagementWorld {
  readonly h: IdentityHarness;
  readonly platform: Org;
  readonly orgA: Org;
  readonly orgB: Org;
  readonly adminA: Caregiver;
  readonly adminA2: Caregiver;
  readonly staffA: Caregiver;
  readonly adminB: Caregiver;
  readonly staffB: Caregiver;
  readonly superAdmin: Caregiver;
}

export const createManagementWorld = async (): Promise<ManagementWorld> => {
  const h = createIdentityHarness();
  const platform = createOrg({
    id: h.ports.ids.next(),
    name: 'Platform',
    email: 'platform@example.org',
    phone: null,
    now: h.clock.now(),
    isPlatform: true,
  });
  await h.ports.orgs.insert(platform);
  const orgA = await h.createOrg('Alpha');
  const orgB = await h.createOrg('Beta');
  const adminA = await h.createCaregiver({ orgId: orgA.id, role: 'orgAdmin', name: 'Ada Admin' });
  const adminA2 = await h.createCaregiver({ orgId: orgA.id, role: 'orgAdmin', name: 'Abe Admin' });
  const staffA = await h.createCaregiver({ orgId: orgA.id, role: 'staff', name: 'Sam Staff' });
  const adminB = await h.createCaregiver({ orgId: orgB.id, role: 'orgAdmin', name: 'Bea Admin' });
  const staffB = await h.createCaregiver({ orgId: orgB.id, role: 'staff', name: 'Ben Staff' });
  const superAdmin = await h.createCaregiver({ orgId: platform.id, role: 'superAdmin', name: 'Sue Super' });
  return { h, platform, orgA, orgB, adminA, adminA2, staffA, adminB, staffB, superAdmin };
};

/** Opens a live session for `caregiver` directly in the store (no login needed to test revocation). */
export const openSession = async (h: IdentityHarness, caregiver: Caregiver): Promise<string> => {
  const now = h.clock.now();
  const id = `session-${h.ports.ids.next()}`;
  const later = new Date(now.getTime() + 30 * 86_400_000);
  const session: Session = {
    id,
    caregiverId: caregiver.id,
    orgId: caregiver.orgId,
    authMethod: 'password',
    mfaSatisfied: false,
    createdAt: now,
    lastActivityAt: now,
    absoluteExpiresAt: later,
    refreshTokenHash: h.ports.hasher.sha256(id),
    refreshTokenIssuedAt: now,
    refreshExpiresAt: later,
    retiredRefreshTokenHashes: [],
    revokedAt: null,
    revokeReason: null,
    ip: null,
    userAgent: null,
  };
  await h.ports.sessions.create(session);
  return id;
};

export const revokeReasonOf = async (h: IdentityHarness, sessionId: string): Promise<string | null> =>
  (await h.ports.sessions.findById(sessionId))?.revokeReason ?? null;

/** Audit entries of one action, newest last. */
export const auditOf = (h: IdentityHarness, action: string) =>
  h.auditLog.entries().filter((entry) => entry.action === action);

export const defaultOrgPage = {
  page: 1,
  limit: 10,
  sort: [{ field: 'createdAt' as const, direction: 'asc' as const }],
};
export const defaultCaregiverPage = {
  page: 1,
  limit: 100,
  sort: [{ field: 'createdAt' as const, direction: 'asc' as const }],
};
