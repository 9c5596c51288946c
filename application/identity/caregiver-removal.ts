import type { Caregiver } from '../../domain/identity/caregiver';
import { keepsAnOrgAdmin, softDeletedCaregiver } from '../../domain/identity/membership';
import type { Actor } from '../../domain/shared/actor';
import { audit } from './audit-trail';
import { caregiverNotFound, lastOrgAdmin } from './identity-errors';
import type { IdentityPorts } from './identity-ports';

/**
 * Refuses a change that would leave the caregiver's organisation without an active orgAdmin while it still has
 * other members or patients (409 `LAST_ORG_ADMIN`). `after` is the caregiver once changed, or null when the
 * caregiver leaves the organisation (deletion, move). Only a change to an orgAdmin can break the rule.
 */
export const ensureOrgKeepsAdmin = async (
  ports: IdentityPorts,
  before: Caregiver,
  after: Caregiver | null,
): Promise<void> => {
  if (before.role !== 'orgAdmin') return;
  const stays = after !== null && after.orgId === before.orgId && after.deletedAt === null;
  if (stays && after.role === 'orgAdmin') return;
  const others = (await ports.caregivers.listByOrg(before.orgId)).filter((member) => member.id !== before.id);
  const members = stays ? [...others, after] : others;
  const patientCount = (await ports.care.patientIdsOfOrg(before.orgId)).length;
  if (!keepsAnOrgAdmin(members, patientCount)) throw lastOrgAdmin();
};

/**
 * Soft-deletes an account inside the caller's transaction (DOMAIN.md §2.4.12): address released, one-time
 * tokens revoked, care-team assignments removed. Sessions are not transactional: the caller revokes them after
 * the commit.
 */
export const eraseAccount = async (ports: IdentityPorts, caregiver: Caregiver, now: Date): Promise<Caregiver> => {
  const formerEmailHash = caregiver.email === null ? caregiver.formerEmailHash : ports.hasher.hmac(caregiver.email);
  const saved = await ports.caregivers.update(softDeletedCaregiver(caregiver, formerEmailHash, now));
  await ports.tokens.revokeAllOf(caregiver.id, now);
  await ports.care.removeAssignmentsOf(caregiver.id);
  return saved;
};

/** How a deletion was asked for, recorded in the audit entry. */
export type DeletionRoute = 'self' | 'admin' | 'org_removal';

/**
 * `DeleteCaregiver` and `RemoveCaregiverFromOrg` after authorisation: the last-orgAdmin rule, the soft delete
 * in one transaction, then every session of the account revoked.
 */
export const deleteCaregiverAccount = async (
  ports: IdentityPorts,
  caregiverId: string,
  actor: Actor,
  via: DeletionRoute,
): Promise<void> => {
  const { uow, caregivers, sessions, clock } = ports;
  await uow.run(async () => {
    const current = await caregivers.findById(caregiverId);
    if (current === null) throw caregiverNotFound();
    await ensureOrgKeepsAdmin(ports, current, null);
    await eraseAccount(ports, current, clock.now());
    await audit(
      ports,
      actor,
      'CAREGIVER_DELETED',
      'success',
      { type: 'caregiver', id: current.id, orgId: current.orgId },
      { via, role: current.role },
    );
  });
  await sessions.revokeAllOf(caregiverId, 'deleted', clock.now());
};
