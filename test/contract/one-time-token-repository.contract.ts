import type { OneTimeTokenRepository } from '../../application/ports/one-time-token-repository';
import { aToken, at, newId, orderedId } from './persistence-fixtures';

export interface TokenStores {
  readonly tokens: OneTimeTokenRepository;
}

/** The `OneTimeTokenRepository` port's behaviour, run against every implementation. */
export const describeOneTimeTokenRepositoryContract = (name: string, open: () => Promise<TokenStores>): void => {
  describe(`OneTimeTokenRepository contract: ${name}`, () => {
    let tokens: OneTimeTokenRepository;
    const caregiverId = newId();
    const orgId = newId();
    const mine = (overrides: Parameters<typeof aToken>[0] extends infer P ? Partial<P> : never = {}) =>
      aToken({ caregiverId, orgId, ...overrides });

    beforeEach(async () => {
      ({ tokens } = await open());
    });

    it('stores a token and finds it by hash, with its data', async () => {
      const token = mine({ type: 'changeEmail', data: { newEmail: 'n@example.com', note: 'x' } });
      await tokens.insert(token);
      expect(await tokens.findByHash(token.tokenHash)).toEqual(token);
      expect(await tokens.findByHash('sha256-unknown')).toBeNull();
    });

    it('marks a token used; unknown and malformed ids are ignored', async () => {
      const token = mine();
      await tokens.insert(token);
      await tokens.markUsed(token.id, at(5));
      await tokens.markUsed(orderedId(1), at(5));
      await tokens.markUsed('nope', at(5));
      expect(await tokens.findByHash(token.tokenHash)).toEqual({ ...token, usedAt: at(5) });
    });

    it("revokes the caregiver's unused tokens of one type only", async () => {
      const open1 = mine({ type: 'resetPassword' });
      const open2 = mine({ type: 'resetPassword' });
      const used = mine({ type: 'resetPassword', usedAt: at(1) });
      const revoked = mine({ type: 'resetPassword', revokedAt: at(2) });
      const otherType = mine({ type: 'verifyEmail' });
      const otherCaregiver = aToken({ caregiverId: newId(), orgId, type: 'resetPassword' });
      for (const t of [open1, open2, used, revoked, otherType, otherCaregiver]) await tokens.insert(t);

      await tokens.revokeUnused(caregiverId, 'resetPassword', at(9));

      expect(await tokens.findByHash(open1.tokenHash)).toEqual({ ...open1, revokedAt: at(9) });
      expect(await tokens.findByHash(open2.tokenHash)).toEqual({ ...open2, revokedAt: at(9) });
      expect(await tokens.findByHash(used.tokenHash)).toEqual(used);
      expect(await tokens.findByHash(revoked.tokenHash)).toEqual(revoked);
      expect(await tokens.findByHash(otherType.tokenHash)).toEqual(otherType);
      expect(await tokens.findByHash(otherCaregiver.tokenHash)).toEqual(otherCaregiver);
    });

    it('revokes every unused token of the caregiver, of any type', async () => {
      const a = mine({ type: 'invite' });
      const b = mine({ type: 'setSsoPassword' });
      const used = mine({ usedAt: at(1) });
      const someoneElse = aToken({ caregiverId: newId(), orgId });
      for (const t of [a, b, used, someoneElse]) await tokens.insert(t);

      await tokens.revokeAllOf(caregiverId, at(7));

      expect((await tokens.findByHash(a.tokenHash))?.revokedAt).toEqual(at(7));
      expect((await tokens.findByHash(b.tokenHash))?.revokedAt).toEqual(at(7));
      expect(await tokens.findByHash(used.tokenHash)).toEqual(used);
      expect(await tokens.findByHash(someoneElse.tokenHash)).toEqual(someoneElse);
    });

    it('finds the newest token of a type for the caregiver, used or not', async () => {
      const older = mine({ type: 'verifyEmail', createdAt: at(1) });
      const newest = mine({ type: 'verifyEmail', createdAt: at(3), usedAt: at(4) });
      const middle = mine({ type: 'verifyEmail', createdAt: at(2) });
      const otherType = mine({ type: 'invite', createdAt: at(10) });
      for (const t of [older, newest, middle, otherType]) await tokens.insert(t);

      expect(await tokens.latestOfType(caregiverId, 'verifyEmail')).toEqual(newest);
      expect(await tokens.latestOfType(caregiverId, 'resetPassword')).toBeNull();
      expect(await tokens.latestOfType(newId(), 'verifyEmail')).toBeNull();
      expect(await tokens.latestOfType('bogus', 'verifyEmail')).toBeNull();
    });
  });
};
