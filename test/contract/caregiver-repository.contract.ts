import type { Caregiver } from '../../domain/identity/caregiver';
import { DomainError } from '../../domain/shared/errors';
import type { CaregiverRepository } from '../../application/ports/caregiver-repository';
import type { OrgRepository } from '../../application/ports/org-repository';
import { aCaregiver, aFullyLoadedCaregiver, at, newId, orderedId, T0, uniqueEmail } from './persistence-fixtures';
import { itWhen, type TargetTraits } from './persistence-targets';

export interface CaregiverStores {
  readonly caregivers: CaregiverRepository;
  readonly orgs: OrgRepository;
}

const ids = (items: readonly Caregiver[]): string[] => items.map((c) => c.id);
const sortedIds = (items: readonly Caregiver[]): string[] => ids(items).sort();

/** The `CaregiverRepository` port's behaviour, run against every implementation. */
export const describeCaregiverRepositoryContract = (
  name: string,
  open: () => Promise<CaregiverStores>,
  traits: TargetTraits,
): void => {
  describe(`CaregiverRepository contract: ${name}`, () => {
    let caregivers: CaregiverRepository;
    const orgId = newId();
    const otherOrgId = newId();

    beforeEach(async () => {
      ({ caregivers } = await open());
    });

    it('stores every field, nested ones included, and reads it back unchanged', async () => {
      const full = aFullyLoadedCaregiver(orgId);
      await caregivers.insert(full);

      expect(await caregivers.findById(full.id)).toEqual(full);
      expect(await caregivers.findByEmail(full.email as string)).toEqual(full);
    });

    it('keeps empty arrays and nulls as they are', async () => {
      const plain = aCaregiver({ orgId, phone: null, passwordHash: null, passwordHistory: [], telemetryOptIn: null });
      await caregivers.insert(plain);
      const found = await caregivers.findById(plain.id);
      expect(found).toEqual(plain);
      expect(found?.ssoIdentities).toEqual([]);
      expect(found?.lock).toBeNull();
    });

    it('answers null for unknown and malformed ids, unknown e-mails and unknown SSO identities', async () => {
      await caregivers.insert(aFullyLoadedCaregiver(orgId));
      expect(await caregivers.findById(orderedId(404))).toBeNull();
      expect(await caregivers.findById('42')).toBeNull();
      expect(await caregivers.findByEmail('nobody@example.com')).toBeNull();
      expect(await caregivers.findBySsoIdentity('google', 'unknown-subject')).toBeNull();
    });

    it('finds by SSO identity only when provider and subject belong to the same link', async () => {
      const full = aFullyLoadedCaregiver(orgId);
      await caregivers.insert(full);
      const [google, microsoft] = full.ssoIdentities;

      expect(await caregivers.findBySsoIdentity('google', google.subject)).toEqual(full);
      expect(await caregivers.findBySsoIdentity('microsoft', microsoft.subject)).toEqual(full);
      expect(await caregivers.findBySsoIdentity('microsoft', google.subject)).toBeNull();
    });

    it('hides soft-deleted caregivers from every read', async () => {
      const live = aCaregiver({ orgId, name: 'Live' });
      const gone = aFullyLoadedCaregiver(orgId);
      const deleted = { ...gone, deletedAt: at(1) };
      await caregivers.insert(live);
      await caregivers.insert(deleted);

      expect(await caregivers.findById(deleted.id)).toBeNull();
      expect(await caregivers.findByEmail(deleted.email as string)).toBeNull();
      expect(await caregivers.findBySsoIdentity('google', deleted.ssoIdentities[0].subject)).toBeNull();
      expect(await caregivers.isEmailTaken(deleted.email as string)).toBe(false);
      expect(await caregivers.isEmailTaken(deleted.pendingEmail as string)).toBe(false);
      expect(ids((await caregivers.list({ orgId, page: 1, limit: 10, sort: [] })).results)).toEqual([live.id]);
      expect(await caregivers.idsOfOrg(orgId)).toEqual([live.id]);
      expect(ids(await caregivers.listByOrg(orgId))).toEqual([live.id]);
    });

    it('tells whether an address is taken as address or pending address, except by one caregiver', async () => {
      const owner = aCaregiver({ orgId, pendingEmail: uniqueEmail('pending') });
      await caregivers.insert(owner);

      expect(await caregivers.isEmailTaken(owner.email as string)).toBe(true);
      expect(await caregivers.isEmailTaken(owner.pendingEmail as string)).toBe(true);
      expect(await caregivers.isEmailTaken(owner.email as string, owner.id)).toBe(false);
      expect(await caregivers.isEmailTaken(owner.pendingEmail as string, owner.id)).toBe(false);
      expect(await caregivers.isEmailTaken(owner.email as string, orderedId(1))).toBe(true);
      expect(await caregivers.isEmailTaken(owner.email as string, 'not-an-id')).toBe(true);
      expect(await caregivers.isEmailTaken('free@example.com')).toBe(false);
    });

    it('updates with compare-and-set and refuses a stale version with STALE_VERSION', async () => {
      const c = aCaregiver({ orgId });
      await caregivers.insert(c);
      const saved = await caregivers.update({ ...c, failedLogins: { count: 1, windowStartedAt: at(1) } });
      expect(saved.version).toBe(c.version + 1);
      expect(await caregivers.findById(c.id)).toEqual(saved);

      const error: unknown = await caregivers.update({ ...c, name: 'Stale' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DomainError);
      expect(error).toMatchObject({
        id: 'STALE_VERSION',
        kind: 'conflict',
        reason: 'STALE_VERSION',
        message: 'Caregiver was changed by someone else',
      });
      expect(await caregivers.findById(c.id)).toEqual(saved);
    });

    it('refuses to update a caregiver that does not exist', async () => {
      await expect(caregivers.update(aCaregiver({ orgId, id: orderedId(8) }))).rejects.toThrow(/does not exist/);
    });

    it('updates a soft-deleted caregiver too (the compare-and-set ignores deletion)', async () => {
      const c = aCaregiver({ orgId, deletedAt: at(1) });
      await caregivers.insert(c);
      const saved = await caregivers.update({ ...c, name: 'Still deleted' });
      expect(saved.version).toBe(c.version + 1);
      expect(await caregivers.findById(c.id)).toBeNull();
    });

    it('refuses a second non-deleted caregiver with the same address: conflict EMAIL_TAKEN', async () => {
      const first = aCaregiver({ orgId });
      await caregivers.insert(first);

      const error: unknown = await caregivers
        .insert(aCaregiver({ orgId: otherOrgId, email: first.email }))
        .catch((e: unknown) => e);

      expect(error).toBeInstanceOf(DomainError);
      expect(error).toMatchObject({ id: 'EMAIL_TAKEN', kind: 'conflict', reason: 'EMAIL_TAKEN' });
      expect(await caregivers.idsOfOrg(otherOrgId)).toEqual([]);
    });

    it('refuses an update to an address another caregiver uses, and releases addresses on soft delete', async () => {
      const first = aCaregiver({ orgId });
      const second = aCaregiver({ orgId });
      await caregivers.insert(first);
      await caregivers.insert(second);

      await expect(caregivers.update({ ...second, email: first.email })).rejects.toMatchObject({
        id: 'EMAIL_TAKEN',
        kind: 'conflict',
      });
      expect(await caregivers.findById(second.id)).toEqual(second);

      await caregivers.update({ ...first, deletedAt: at(2) });
      const moved = await caregivers.update({ ...second, email: first.email });
      expect(await caregivers.findByEmail(first.email as string)).toEqual(moved);
    });

    it('lets many soft-deleted or address-less records coexist', async () => {
      for (let i = 0; i < 3; i += 1) {
        await caregivers.insert(aCaregiver({ orgId, email: null, deletedAt: at(i) }));
        await caregivers.insert(aCaregiver({ orgId, email: 'reused@example.com', deletedAt: at(i) }));
      }
      await caregivers.insert(aCaregiver({ orgId, email: 'reused@example.com' }));
      expect((await caregivers.findByEmail('reused@example.com'))?.deletedAt).toBeNull();
    });

    it('refuses to insert an id that is already stored, instead of overwriting it', async () => {
      const c = aCaregiver({ orgId });
      await caregivers.insert(c);
      await expect(caregivers.insert({ ...c, email: uniqueEmail() })).rejects.toMatchObject({
        id: 'DUPLICATE_ID',
        kind: 'conflict',
      });
      expect(await caregivers.findById(c.id)).toEqual(c);
    });

    it('lists the ids of an org by creation time, then id', async () => {
      const late = aCaregiver({ orgId, id: orderedId(1), createdAt: at(5) });
      const early = aCaregiver({ orgId, id: orderedId(3), createdAt: at(1) });
      const tie = aCaregiver({ orgId, id: orderedId(2), createdAt: at(1) });
      await caregivers.insert(late);
      await caregivers.insert(early);
      await caregivers.insert(tie);
      await caregivers.insert(aCaregiver({ orgId: otherOrgId }));

      expect(await caregivers.idsOfOrg(orgId)).toEqual([tie.id, early.id, late.id]);
      expect(sortedIds(await caregivers.listByOrg(orgId))).toEqual([late.id, tie.id, early.id].sort());
      expect(await caregivers.idsOfOrg('bogus')).toEqual([]);
      expect(await caregivers.listByOrg('bogus')).toEqual([]);
    });

    describe('list', () => {
      const people: Array<{ name: string; role: Caregiver['role']; email: string }> = [
        { name: 'Dana Diaz', role: 'staff', email: 'd@example.com' },
        { name: 'Alex Adams', role: 'orgAdmin', email: 'z@example.com' },
        { name: 'Chris Cole', role: 'staff', email: 'b@example.com' },
        { name: 'Blair Brown', role: 'invited', email: 'a@example.com' },
      ];

      beforeEach(async () => {
        for (const [i, p] of people.entries()) {
          await caregivers.insert(aCaregiver({ orgId, id: orderedId(20 + i), ...p, createdAt: at(i) }));
        }
        await caregivers.insert(aCaregiver({ orgId: otherOrgId, name: 'Alex Other', role: 'staff' }));
      });

      it('lists one org only, with the pagination envelope', async () => {
        const page = await caregivers.list({ orgId, page: 2, limit: 3, sort: [{ field: 'name', direction: 'asc' }] });
        expect(page).toMatchObject({ page: 2, limit: 3, totalPages: 2, totalResults: 4 });
        expect(page.results.map((c) => c.name)).toEqual(['Dana Diaz']);
      });

      it('sorts by name, email, role and creation time', async () => {
        const list = async (field: 'name' | 'email' | 'role' | 'createdAt', direction: 'asc' | 'desc') =>
          (await caregivers.list({ orgId, page: 1, limit: 10, sort: [{ field, direction }] })).results.map(
            (c) => c.name,
          );
        expect(await list('name', 'asc')).toEqual(['Alex Adams', 'Blair Brown', 'Chris Cole', 'Dana Diaz']);
        expect(await list('email', 'asc')).toEqual(['Blair Brown', 'Chris Cole', 'Dana Diaz', 'Alex Adams']);
        expect(await list('role', 'desc')).toEqual(['Dana Diaz', 'Chris Cole', 'Alex Adams', 'Blair Brown']);
        expect(await list('createdAt', 'desc')).toEqual(['Blair Brown', 'Chris Cole', 'Alex Adams', 'Dana Diaz']);
      });

      it('filters by role and by name (case-insensitive, literal), together', async () => {
        const staff = await caregivers.list({ orgId, page: 1, limit: 10, sort: [], role: 'staff' });
        expect(staff.results.map((c) => c.name)).toEqual(['Dana Diaz', 'Chris Cole']);

        const named = await caregivers.list({ orgId, page: 1, limit: 10, sort: [], nameContains: 'DA' });
        expect(named.results.map((c) => c.name)).toEqual(['Dana Diaz', 'Alex Adams']);

        const both = await caregivers.list({ orgId, page: 1, limit: 10, sort: [], nameContains: 'c', role: 'staff' });
        expect(both.results.map((c) => c.name)).toEqual(['Chris Cole']);
        expect(both.totalResults).toBe(1);

        const pattern = await caregivers.list({ orgId, page: 1, limit: 10, sort: [], nameContains: 'A.*s' });
        expect(pattern.totalResults).toBe(0);
      });

      it('answers an empty page for an org without caregivers or a malformed org id', async () => {
        const empty = { results: [], page: 1, limit: 10, totalPages: 0, totalResults: 0 };
        expect(await caregivers.list({ orgId: orderedId(77), page: 1, limit: 10, sort: [] })).toEqual(empty);
        expect(await caregivers.list({ orgId: 'bogus', page: 1, limit: 10, sort: [] })).toEqual(empty);
      });

      itWhen(traits.collatesStrings, 'this target sorts strings by code point')(
        'sorts names case-insensitively',
        async () => {
          await caregivers.insert(aCaregiver({ orgId, name: 'bea lower' }));
          const page = await caregivers.list({ orgId, page: 1, limit: 3, sort: [{ field: 'name', direction: 'asc' }] });
          expect(page.results.map((c) => c.name)).toEqual(['Alex Adams', 'bea lower', 'Blair Brown']);
        },
      );
    });

    it('keeps dates to the millisecond', async () => {
      const c = aCaregiver({ orgId, lastLoginAt: new Date(T0.getTime() + 789) });
      await caregivers.insert(c);
      expect((await caregivers.findById(c.id))?.lastLoginAt?.getTime()).toBe(T0.getTime() + 789);
    });
  });
};
