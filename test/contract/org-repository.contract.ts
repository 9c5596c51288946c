import type { Org } from '../../domain/identity/org';
import { DomainError } from '../../domain/shared/errors';
import type { OrgRepository } from '../../application/ports/org-repository';
import type { UnitOfWork } from '../../application/ports/unit-of-work';
import { anOrg, at, orderedId, T0 } from './persistence-fixtures';
import { itWhen, type TargetTraits } from './persistence-targets';

export interface OrgStores {
  readonly orgs: OrgRepository;
  readonly uow: UnitOfWork;
}

const byName = (page: { results: readonly Org[] }): string[] => page.results.map((o) => o.name);

/** The `OrgRepository` port's behaviour, run against every implementation. */
export const describeOrgRepositoryContract = (
  name: string,
  open: () => Promise<OrgStores>,
  traits: TargetTraits,
): void => {
  describe(`OrgRepository contract: ${name}`, () => {
    let orgs: OrgRepository;

    beforeEach(async () => {
      ({ orgs } = await open());
    });

    it('stores every field and reads it back unchanged', async () => {
      const org = anOrg({
        avatar: 'avatars/o.png',
        logo: 'logos/o.png',
        isEmailVerified: true,
        timezone: 'Europe/Madrid',
        callRetrySettings: { retryCount: 5, retryIntervalMinutes: 30, alertOnAllMissedCalls: false },
        stripeCustomerId: 'cus_123',
        updatedAt: at(5),
        version: 3,
      });
      await orgs.insert(org);

      expect(await orgs.findById(org.id)).toEqual(org);
      expect(await orgs.findByEmail(org.email)).toEqual(org);
    });

    it('keeps nulls as nulls', async () => {
      const org = anOrg({ phone: null, avatar: null, logo: null, stripeCustomerId: null });
      await orgs.insert(org);
      const found = await orgs.findById(org.id);
      expect(found).toEqual(org);
      expect(found?.phone).toBeNull();
    });

    it('answers null for unknown and malformed ids and unknown e-mails', async () => {
      await orgs.insert(anOrg());
      expect(await orgs.findById(orderedId(999))).toBeNull();
      expect(await orgs.findById('not-an-id')).toBeNull();
      expect(await orgs.findByEmail('nobody@example.com')).toBeNull();
    });

    it('hands out copies: changing a returned org does not change the store', async () => {
      const org = anOrg();
      await orgs.insert(org);
      const found = (await orgs.findById(org.id)) as { name: string; callRetrySettings: { retryCount: number } };
      found.name = 'Changed';
      found.callRetrySettings.retryCount = 9;
      expect(await orgs.findById(org.id)).toEqual(org);
    });

    it('finds the platform org', async () => {
      const platform = anOrg({ isPlatform: true, name: 'Platform' });
      await orgs.insert(anOrg());
      await orgs.insert(platform);
      expect(await orgs.findPlatform()).toEqual(platform);
    });

    it('hides soft-deleted orgs from every read', async () => {
      const kept = anOrg({ name: 'Kept' });
      const deleted = anOrg({ name: 'Deleted', isPlatform: true, deletedAt: at(1) });
      await orgs.insert(kept);
      await orgs.insert(deleted);

      expect(await orgs.findById(deleted.id)).toBeNull();
      expect(await orgs.findByEmail(deleted.email)).toBeNull();
      expect(await orgs.findPlatform()).toBeNull();
      const page = await orgs.list({ page: 1, limit: 10, sort: [] });
      expect(page.results.map((o) => o.id)).toEqual([kept.id]);
      expect(page.totalResults).toBe(1);
    });

    it('updates with compare-and-set: resolves the saved org with version + 1', async () => {
      const org = anOrg();
      await orgs.insert(org);

      const saved = await orgs.update({ ...org, name: 'Renamed', updatedAt: at(1) });

      expect(saved).toEqual({ ...org, name: 'Renamed', updatedAt: at(1), version: org.version + 1 });
      expect(await orgs.findById(org.id)).toEqual(saved);
    });

    it('refuses a stale update with conflict STALE_VERSION and keeps the newer record', async () => {
      const org = anOrg();
      await orgs.insert(org);
      const first = await orgs.update({ ...org, name: 'First writer' });

      const error: unknown = await orgs.update({ ...org, name: 'Second writer' }).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(DomainError);
      expect(error).toMatchObject({
        id: 'STALE_VERSION',
        kind: 'conflict',
        reason: 'STALE_VERSION',
        message: 'Org was changed by someone else',
      });
      expect(await orgs.findById(org.id)).toEqual(first);
    });

    it('refuses to update an org that does not exist', async () => {
      await expect(orgs.update(anOrg({ id: orderedId(7) }))).rejects.toThrow(/does not exist/);
      expect(await orgs.findById(orderedId(7))).toBeNull();
    });

    it('soft-deletes through update, which releases the e-mail address', async () => {
      const org = anOrg();
      await orgs.insert(org);
      await orgs.update({ ...org, deletedAt: at(1) });

      expect(await orgs.findById(org.id)).toBeNull();
      const successor = anOrg({ email: org.email });
      await orgs.insert(successor);
      expect(await orgs.findByEmail(org.email)).toEqual(successor);
    });

    it('refuses a second non-deleted org with the same e-mail: conflict ORG_EMAIL_TAKEN', async () => {
      const org = anOrg();
      await orgs.insert(org);

      const error: unknown = await orgs.insert(anOrg({ email: org.email })).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(DomainError);
      expect(error).toMatchObject({ id: 'ORG_EMAIL_TAKEN', kind: 'conflict', reason: 'ORG_EMAIL_TAKEN' });
      expect((await orgs.list({ page: 1, limit: 10, sort: [] })).totalResults).toBe(1);
    });

    it('refuses an update that takes another org e-mail, and keeps the stored org', async () => {
      const first = anOrg();
      const second = anOrg();
      await orgs.insert(first);
      await orgs.insert(second);

      await expect(orgs.update({ ...second, email: first.email })).rejects.toMatchObject({
        id: 'ORG_EMAIL_TAKEN',
        kind: 'conflict',
      });
      expect(await orgs.findById(second.id)).toEqual(second);
    });

    it('refuses to insert an id that is already stored, instead of overwriting it', async () => {
      const org = anOrg();
      await orgs.insert(org);
      await expect(orgs.insert({ ...org, name: 'Impostor', email: 'other@example.com' })).rejects.toMatchObject({
        id: 'DUPLICATE_ID',
        kind: 'conflict',
      });
      expect(await orgs.findById(org.id)).toEqual(org);
    });

    describe('list', () => {
      const names = ['Delta', 'Alpha', 'Charlie', 'Bravo', 'Echo'];

      beforeEach(async () => {
        for (const [i, n] of names.entries()) {
          await orgs.insert(anOrg({ id: orderedId(10 + i), name: n, createdAt: at(i) }));
        }
      });

      it('pages with the envelope: page, limit, totalPages, totalResults', async () => {
        const sort = [{ field: 'name', direction: 'asc' }] as const;
        expect(await orgs.list({ page: 1, limit: 2, sort })).toMatchObject({
          page: 1,
          limit: 2,
          totalPages: 3,
          totalResults: 5,
        });
        expect(byName(await orgs.list({ page: 1, limit: 2, sort }))).toEqual(['Alpha', 'Bravo']);
        expect(byName(await orgs.list({ page: 2, limit: 2, sort }))).toEqual(['Charlie', 'Delta']);
        expect(byName(await orgs.list({ page: 3, limit: 2, sort }))).toEqual(['Echo']);
      });

      it('answers an empty page past the end, with the totals', async () => {
        const page = await orgs.list({ page: 9, limit: 2, sort: [] });
        expect(page).toEqual({ results: [], page: 9, limit: 2, totalPages: 3, totalResults: 5 });
      });

      it('sorts descending and by creation time', async () => {
        expect(byName(await orgs.list({ page: 1, limit: 10, sort: [{ field: 'name', direction: 'desc' }] }))).toEqual([
          'Echo',
          'Delta',
          'Charlie',
          'Bravo',
          'Alpha',
        ]);
        expect(
          byName(await orgs.list({ page: 1, limit: 10, sort: [{ field: 'createdAt', direction: 'desc' }] })),
        ).toEqual(['Echo', 'Bravo', 'Charlie', 'Alpha', 'Delta']);
      });

      it('breaks ties by id ascending, whatever the direction, and uses the next key first', async () => {
        await orgs.insert(anOrg({ id: orderedId(3), name: 'Alpha', createdAt: at(9) }));
        await orgs.insert(anOrg({ id: orderedId(50), name: 'Alpha', createdAt: at(9) }));

        const byNameThenId = await orgs.list({ page: 1, limit: 3, sort: [{ field: 'name', direction: 'desc' }] });
        expect(byNameThenId.results.map((o) => o.name)).toEqual(['Echo', 'Delta', 'Charlie']);

        const alphas = await orgs.list({ page: 1, limit: 3, sort: [{ field: 'name', direction: 'asc' }] });
        expect(alphas.results.map((o) => o.id)).toEqual([orderedId(3), orderedId(11), orderedId(50)]);

        const twoKeys = await orgs.list({
          page: 1,
          limit: 3,
          sort: [
            { field: 'name', direction: 'asc' },
            { field: 'createdAt', direction: 'desc' },
          ],
        });
        expect(twoKeys.results.map((o) => o.id)).toEqual([orderedId(3), orderedId(50), orderedId(11)]);
      });

      it('lists in id order when no sort is asked', async () => {
        const page = await orgs.list({ page: 1, limit: 10, sort: [] });
        expect(page.results.map((o) => o.id)).toEqual(names.map((_, i) => orderedId(10 + i)));
      });

      it('filters names case-insensitively by substring', async () => {
        await orgs.insert(anOrg({ name: 'Alphabet Soup' }));
        const page = await orgs.list({
          page: 1,
          limit: 10,
          sort: [{ field: 'name', direction: 'asc' }],
          nameContains: 'ALPHA',
        });
        expect(byName(page)).toEqual(['Alpha', 'Alphabet Soup']);
        expect(page.totalResults).toBe(2);
      });

      it('matches the name filter literally: regex characters are plain text', async () => {
        await orgs.insert(anOrg({ name: 'A.C. Care (North)' }));
        await orgs.insert(anOrg({ name: 'ABC Care' }));

        const dot = await orgs.list({ page: 1, limit: 10, sort: [], nameContains: 'a.c' });
        expect(byName(dot)).toEqual(['A.C. Care (North)']);
        const paren = await orgs.list({ page: 1, limit: 10, sort: [], nameContains: '(north' });
        expect(byName(paren)).toEqual(['A.C. Care (North)']);
        const star = await orgs.list({ page: 1, limit: 10, sort: [], nameContains: '.*' });
        expect(star.totalResults).toBe(0);
      });

      itWhen(traits.collatesStrings, 'this target sorts strings by code point')(
        'sorts names case-insensitively (apple, Banana, cherry)',
        async () => {
          for (const n of ['cherry', 'Banana', 'apple']) await orgs.insert(anOrg({ name: n, createdAt: at(30) }));
          const page = await orgs.list({
            page: 1,
            limit: 3,
            sort: [
              { field: 'createdAt', direction: 'desc' },
              { field: 'name', direction: 'asc' },
            ],
          });
          expect(byName(page)).toEqual(['apple', 'Banana', 'cherry']);
        },
      );
    });

    it('reads the time it was given, to the millisecond', async () => {
      const org = anOrg({ createdAt: new Date(T0.getTime() + 123), updatedAt: new Date(T0.getTime() + 456) });
      await orgs.insert(org);
      const found = await orgs.findById(org.id);
      expect(found?.createdAt.getTime()).toBe(T0.getTime() + 123);
      expect(found?.updatedAt.getTime()).toBe(T0.getTime() + 456);
    });
  });
};
