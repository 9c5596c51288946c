import { conflict, DomainError } from '../../domain/shared/errors';
import type { CaregiverRepository } from '../../application/ports/caregiver-repository';
import type { OrgRepository } from '../../application/ports/org-repository';
import type { UnitOfWork } from '../../application/ports/unit-of-work';
import { aCaregiver, anOrg } from './persistence-fixtures';
import { itWhen, type TargetTraits } from './persistence-targets';

export interface UnitOfWorkStores {
  readonly uow: UnitOfWork;
  readonly orgs: OrgRepository;
  readonly caregivers: CaregiverRepository;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The `UnitOfWork` port's behaviour with the repositories that join it, run against every implementation. */
export const describeUnitOfWorkContract = (
  name: string,
  open: () => Promise<UnitOfWorkStores>,
  traits: TargetTraits,
): void => {
  describe(`UnitOfWork contract: ${name}`, () => {
    let uow: UnitOfWork;
    let orgs: OrgRepository;
    let caregivers: CaregiverRepository;

    beforeEach(async () => {
      ({ uow, orgs, caregivers } = await open());
    });

    it('commits every write of a successful run and resolves what the work returned', async () => {
      const org = anOrg();
      const caregiver = aCaregiver({ orgId: org.id });
      let calls = 0;

      const value = await uow.run(async () => {
        calls += 1;
        await orgs.insert(org);
        await caregivers.insert(caregiver);
        return 'done';
      });

      expect(value).toBe('done');
      expect(calls).toBe(1);
      expect(await orgs.findById(org.id)).toEqual(org);
      expect(await caregivers.findById(caregiver.id)).toEqual(caregiver);
    });

    it('R3: a failure between two writes leaves no partial state, and the error comes out unchanged', async () => {
      const org = anOrg();
      const caregiver = aCaregiver({ orgId: org.id });
      const failure = new Error('the use-case failed after its first writes');

      const outcome = uow.run(async () => {
        await orgs.insert(org);
        await caregivers.insert(caregiver);
        throw failure;
      });

      await expect(outcome).rejects.toBe(failure);
      expect(await orgs.findById(org.id)).toBeNull();
      expect(await orgs.findByEmail(org.email)).toBeNull();
      expect((await orgs.list({ page: 1, limit: 10, sort: [] })).totalResults).toBe(0);
      expect(await caregivers.findById(caregiver.id)).toBeNull();
      expect(await caregivers.idsOfOrg(org.id)).toEqual([]);
    });

    it('rethrows a DomainError from the work as the same object, runs the work once, and undoes its writes', async () => {
      const existing = anOrg();
      await orgs.insert(existing);
      const refusal = conflict('LAST_ORG_ADMIN', 'An organization must keep at least one orgAdmin', 'LAST_ORG_ADMIN');
      let calls = 0;

      const error: unknown = await uow
        .run(async () => {
          calls += 1;
          await orgs.update({ ...existing, name: 'Renamed inside' });
          await caregivers.insert(aCaregiver({ orgId: existing.id }));
          throw refusal;
        })
        .catch((e: unknown) => e);

      expect(error).toBe(refusal);
      expect(calls).toBe(1);
      expect(await orgs.findById(existing.id)).toEqual(existing);
      expect(await caregivers.idsOfOrg(existing.id)).toEqual([]);
    });

    it('undoes updates and soft deletes too: the stored version is the one before the run', async () => {
      const org = anOrg();
      await orgs.insert(org);
      const member = aCaregiver({ orgId: org.id });
      await caregivers.insert(member);

      await expect(
        uow.run(async () => {
          await orgs.update({ ...org, deletedAt: new Date() });
          await caregivers.update({ ...member, deletedAt: new Date(), email: null });
          throw new Error('cascade failed');
        }),
      ).rejects.toThrow('cascade failed');

      expect(await orgs.findById(org.id)).toEqual(org);
      expect(await caregivers.findById(member.id)).toEqual(member);
      expect((await orgs.update({ ...org, name: 'Next' })).version).toBe(org.version + 1);
    });

    it("lets a repository's conflict leave the run unchanged and undoes the writes before it", async () => {
      const taken = anOrg();
      await orgs.insert(taken);
      const fresh = anOrg();

      const error: unknown = await uow
        .run(async () => {
          await orgs.insert(fresh);
          await orgs.insert(anOrg({ email: taken.email }));
        })
        .catch((e: unknown) => e);

      expect(error).toBeInstanceOf(DomainError);
      expect(error).toMatchObject({ id: 'ORG_EMAIL_TAKEN', kind: 'conflict' });
      expect(await orgs.findById(fresh.id)).toBeNull();
    });

    it('ends with STALE_VERSION when the work updates from a stale read, undoing its other writes', async () => {
      const org = anOrg();
      await orgs.insert(org);
      await orgs.update({ ...org, name: 'Changed meanwhile' });
      const caregiver = aCaregiver({ orgId: org.id });

      await expect(
        uow.run(async () => {
          await caregivers.insert(caregiver);
          await orgs.update({ ...org, name: 'From a stale read' });
        }),
      ).rejects.toMatchObject({ id: 'STALE_VERSION', kind: 'conflict' });

      expect(await caregivers.findById(caregiver.id)).toBeNull();
      expect((await orgs.findById(org.id))?.name).toBe('Changed meanwhile');
    });

    it('sees its own writes inside the run', async () => {
      const org = anOrg();
      const caregiver = aCaregiver({ orgId: org.id });

      const seen = await uow.run(async () => {
        await orgs.insert(org);
        await caregivers.insert(caregiver);
        const renamed = await orgs.update({ ...org, name: 'Renamed' });
        return {
          org: await orgs.findById(org.id),
          renamed,
          listed: (await orgs.list({ page: 1, limit: 5, sort: [] })).totalResults,
          ids: await caregivers.idsOfOrg(org.id),
          taken: await caregivers.isEmailTaken(caregiver.email as string),
        };
      });

      expect(seen).toEqual({ org: seen.renamed, renamed: seen.renamed, listed: 1, ids: [caregiver.id], taken: true });
      expect(seen.renamed.version).toBe(org.version + 1);
    });

    it('joins an enclosing run when nested: the outer failure undoes the inner writes', async () => {
      const inner = anOrg();
      const outer = anOrg();

      await expect(
        uow.run(async () => {
          const value = await uow.run(async () => {
            await orgs.insert(inner);
            return 42;
          });
          expect(value).toBe(42);
          await orgs.insert(outer);
          throw new Error('outer failed');
        }),
      ).rejects.toThrow('outer failed');

      expect(await orgs.findById(inner.id)).toBeNull();
      expect(await orgs.findById(outer.id)).toBeNull();
    });

    it('commits a nested run with the enclosing one', async () => {
      const inner = anOrg();
      const outer = anOrg();
      await uow.run(async () => {
        await orgs.insert(outer);
        await uow.run(() => orgs.insert(inner));
      });
      expect(await orgs.findById(inner.id)).toEqual(inner);
      expect(await orgs.findById(outer.id)).toEqual(outer);
    });

    it('calls the committed listeners after each commit, with the data visible, and never after a failure', async () => {
      const org = anOrg();
      const seenByListener: Array<Promise<unknown>> = [];
      let calls = 0;
      uow.onCommitted(() => {
        calls += 1;
        seenByListener.push(orgs.findById(org.id));
      });
      uow.onCommitted(() => {
        throw new Error('a broken listener');
      });

      await uow.run(() => orgs.insert(org));
      expect(calls).toBe(1);
      expect(await seenByListener[0]).toEqual(org);

      await expect(
        uow.run(async () => {
          await orgs.insert(anOrg());
          throw new Error('no commit');
        }),
      ).rejects.toThrow('no commit');
      expect(calls).toBe(1);

      await uow.run(async () => {
        await uow.run(() => Promise.resolve());
      });
      expect(calls).toBe(2);
    });

    it('loses no update when transactions read and write the same record concurrently', async () => {
      const org = anOrg({
        callRetrySettings: { retryCount: 0, retryIntervalMinutes: 15, alertOnAllMissedCalls: true },
      });
      await orgs.insert(org);
      const increment = () =>
        uow.run(async () => {
          const current = await orgs.findById(org.id);
          if (current === null) throw new Error('missing');
          await sleep(5);
          const settings = current.callRetrySettings;
          return orgs.update({ ...current, callRetrySettings: { ...settings, retryCount: settings.retryCount + 1 } });
        });

      await Promise.all([increment(), increment(), increment()]);

      const stored = await orgs.findById(org.id);
      expect(stored?.callRetrySettings.retryCount).toBe(3);
      expect(stored?.version).toBe(org.version + 3);
    });

    itWhen(traits.isolatesReads, 'the memory store applies writes in place and undoes them on failure')(
      'keeps uncommitted writes invisible to readers outside the run',
      async () => {
        const org = anOrg();
        let release: () => void = () => undefined;
        const gate = new Promise<void>((resolve) => {
          release = resolve;
        });
        let inserted: () => void = () => undefined;
        const insertedSignal = new Promise<void>((resolve) => {
          inserted = resolve;
        });

        const running = uow.run(async () => {
          await orgs.insert(org);
          inserted();
          await gate;
        });
        await insertedSignal;
        const outside = await orgs.findById(org.id);
        release();
        await running;

        expect(outside).toBeNull();
        expect(await orgs.findById(org.id)).toEqual(org);
      },
    );
  });
};
