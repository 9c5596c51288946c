import type { SessionStore } from '../../application/ports/session-store';
import { MAX_RETIRED_REFRESH_HASHES, type Session } from '../../domain/identity/session';

export type SessionStoreFactory = () => SessionStore | Promise<SessionStore>;

export interface SessionStoreContractOptions {
  /** The adapter's `touch` coalescing window (ms): a touch closer than this to the stored time may be skipped. */
  readonly touchCoalesceMs?: number;
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** Times near the real clock: the Redis store expires keys relative to it. */
const baseTime = (): number => Math.floor(Date.now() / 1000) * 1000;

let sequence = 0;

const aSession = (overrides: Partial<Session> = {}): Session => {
  sequence += 1;
  const created = baseTime();
  return {
    id: `session-${sequence}`,
    caregiverId: 'caregiver-a',
    orgId: 'org-1',
    authMethod: 'password',
    mfaSatisfied: true,
    createdAt: new Date(created),
    lastActivityAt: new Date(created),
    absoluteExpiresAt: new Date(created + 30 * DAY),
    refreshTokenHash: `hash-${sequence}-0`,
    refreshTokenIssuedAt: new Date(created),
    refreshExpiresAt: new Date(created + 30 * DAY),
    retiredRefreshTokenHashes: [],
    revokedAt: null,
    revokeReason: null,
    ip: '203.0.113.9',
    userAgent: 'MyPhoneFriend/1.0',
    ...overrides,
  };
};

/** The `SessionStore` port's behaviour, run against every implementation. */
export const describeSessionStoreContract = (
  name: string,
  createStore: SessionStoreFactory,
  options: SessionStoreContractOptions = {},
): void => {
  describe(`SessionStore contract: ${name}`, () => {
    let store: SessionStore;

    beforeEach(async () => {
      store = await createStore();
    });

    const rotate = (session: Session, expectedHash: string, newHash: string, at: number): Promise<boolean> =>
      store.rotateRefreshToken({
        sessionId: session.id,
        expectedHash,
        newHash,
        issuedAt: new Date(at),
        refreshExpiresAt: new Date(at + 30 * DAY),
      });

    it('stores and finds a session by id, dates as Dates', async () => {
      const session = aSession({ ip: null, userAgent: null, mfaSatisfied: false, authMethod: 'sso' });
      await store.create(session);

      const found = await store.findById(session.id);

      expect(found).toEqual(session);
      expect(found?.createdAt).toBeInstanceOf(Date);
      expect(found?.lastActivityAt).toBeInstanceOf(Date);
      expect(found?.absoluteExpiresAt).toBeInstanceOf(Date);
      expect(found?.refreshTokenIssuedAt).toBeInstanceOf(Date);
      expect(found?.refreshExpiresAt).toBeInstanceOf(Date);
      expect(await store.findById('no-such-session')).toBeNull();
    });

    it('keeps its own copy: mutating what was passed or returned changes nothing stored', async () => {
      const session = aSession({ retiredRefreshTokenHashes: ['old-1'] });
      const snapshot = structuredClone(session);
      await store.create(session);
      (session.retiredRefreshTokenHashes as string[]).push('mutated');
      session.createdAt.setTime(0);

      const found = await store.findById(session.id);
      (found!.retiredRefreshTokenHashes as string[]).push('mutated-again');
      found!.lastActivityAt.setTime(0);

      expect(await store.findById(session.id)).toEqual(snapshot);
    });

    it('finds a session by its current refresh hash, not retired', async () => {
      const session = aSession();
      await store.create(session);

      expect(await store.findByRefreshTokenHash(session.refreshTokenHash)).toEqual({ session, retired: false });
      expect(await store.findByRefreshTokenHash('unknown-hash')).toBeNull();
    });

    it('rotates: the old hash becomes retired, the new one current, times move to the rotation', async () => {
      const session = aSession();
      await store.create(session);
      const at = session.createdAt.getTime() + 10 * MINUTE;

      expect(await rotate(session, session.refreshTokenHash, 'hash-new', at)).toBe(true);

      const expected: Session = {
        ...session,
        refreshTokenHash: 'hash-new',
        retiredRefreshTokenHashes: [session.refreshTokenHash],
        refreshTokenIssuedAt: new Date(at),
        refreshExpiresAt: new Date(at + 30 * DAY),
        lastActivityAt: new Date(at),
      };
      expect(await store.findById(session.id)).toEqual(expected);
      expect(await store.findByRefreshTokenHash('hash-new')).toEqual({ session: expected, retired: false });
      expect(await store.findByRefreshTokenHash(session.refreshTokenHash)).toEqual({
        session: expected,
        retired: true,
      });
    });

    it('refuses a rotation with a stale expected hash and changes nothing', async () => {
      const session = aSession();
      await store.create(session);
      const at = session.createdAt.getTime() + MINUTE;
      await rotate(session, session.refreshTokenHash, 'hash-2', at);
      const before = await store.findById(session.id);

      expect(await rotate(session, session.refreshTokenHash, 'hash-3', at + MINUTE)).toBe(false);

      expect(await store.findById(session.id)).toEqual(before);
      expect(await store.findByRefreshTokenHash('hash-3')).toBeNull();
      expect(await rotate(aSession(), 'whatever', 'hash-4', at)).toBe(false);
    });

    it('lets exactly one of two concurrent rotations with the same expected hash win', async () => {
      const session = aSession();
      await store.create(session);
      const at = session.createdAt.getTime() + MINUTE;

      const results = await Promise.all([
        rotate(session, session.refreshTokenHash, 'hash-left', at),
        rotate(session, session.refreshTokenHash, 'hash-right', at),
      ]);

      expect(results.filter(Boolean)).toHaveLength(1);
      const winner = results[0] ? 'hash-left' : 'hash-right';
      const loser = results[0] ? 'hash-right' : 'hash-left';
      const stored = await store.findById(session.id);
      expect(stored?.refreshTokenHash).toBe(winner);
      expect(stored?.retiredRefreshTokenHashes).toEqual([session.refreshTokenHash]);
      expect(await store.findByRefreshTokenHash(loser)).toBeNull();
    });

    it(`keeps at most ${MAX_RETIRED_REFRESH_HASHES} retired hashes, newest first`, async () => {
      const session = aSession();
      await store.create(session);
      const hashes = [session.refreshTokenHash];
      for (let i = 1; i <= 7; i += 1) {
        hashes.push(`rotated-${i}`);
        expect(await rotate(session, hashes[i - 1], hashes[i], session.createdAt.getTime() + i * MINUTE)).toBe(true);
      }

      const stored = await store.findById(session.id);
      expect(stored?.refreshTokenHash).toBe('rotated-7');
      expect(stored?.retiredRefreshTokenHashes).toEqual([
        'rotated-6',
        'rotated-5',
        'rotated-4',
        'rotated-3',
        'rotated-2',
      ]);
      expect(await store.findByRefreshTokenHash(hashes[0])).toBeNull();
      expect(await store.findByRefreshTokenHash('rotated-1')).toBeNull();
      expect((await store.findByRefreshTokenHash('rotated-2'))?.retired).toBe(true);
      expect((await store.findByRefreshTokenHash('rotated-6'))?.retired).toBe(true);
      expect((await store.findByRefreshTokenHash('rotated-7'))?.retired).toBe(false);
    });

    it('refuses to rotate a revoked session', async () => {
      const session = aSession();
      await store.create(session);
      await store.revoke(session.id, 'logout', new Date(session.createdAt.getTime() + MINUTE));

      expect(await rotate(session, session.refreshTokenHash, 'hash-after-logout', session.createdAt.getTime())).toBe(
        false,
      );
      expect((await store.findById(session.id))?.refreshTokenHash).toBe(session.refreshTokenHash);
      expect(await store.findByRefreshTokenHash('hash-after-logout')).toBeNull();
    });

    it('moves lastActivityAt forward on touch, never backwards', async () => {
      const session = aSession();
      await store.create(session);
      const start = session.lastActivityAt.getTime();

      await store.touch(session.id, new Date(start + MINUTE));
      expect((await store.findById(session.id))?.lastActivityAt).toEqual(new Date(start + MINUTE));

      await store.touch(session.id, new Date(start + 30_000));
      expect((await store.findById(session.id))?.lastActivityAt).toEqual(new Date(start + MINUTE));

      // A touch 5 s later may be coalesced by adapters whose window is longer than that.
      await store.touch(session.id, new Date(start + MINUTE + 5000));
      const coalesced = (options.touchCoalesceMs ?? 0) > 5000;
      expect((await store.findById(session.id))?.lastActivityAt).toEqual(
        new Date(coalesced ? start + MINUTE : start + MINUTE + 5000),
      );

      await expect(store.touch('no-such-session', new Date(start))).resolves.toBeUndefined();
      expect(await store.findById('no-such-session')).toBeNull();
    });

    it('revokes once: the first reason and time are kept, and the session stays readable', async () => {
      const session = aSession();
      await store.create(session);
      const first = new Date(session.createdAt.getTime() + MINUTE);

      await store.revoke(session.id, 'logout', first);
      await store.revoke(session.id, 'admin', new Date(first.getTime() + MINUTE));

      const stored = await store.findById(session.id);
      expect(stored?.revokedAt).toEqual(first);
      expect(stored?.revokeReason).toBe('logout');
      expect((await store.findByRefreshTokenHash(session.refreshTokenHash))?.session.revokeReason).toBe('logout');
      await expect(store.revoke('no-such-session', 'logout', first)).resolves.toBeUndefined();
    });

    it('revokes every live session of a caregiver, except the one named', async () => {
      const created = baseTime();
      const kept = aSession({ caregiverId: 'caregiver-r', createdAt: new Date(created - 3 * MINUTE) });
      const live = aSession({ caregiverId: 'caregiver-r', createdAt: new Date(created - 2 * MINUTE) });
      const revoked = aSession({ caregiverId: 'caregiver-r', createdAt: new Date(created - MINUTE) });
      const otherCaregiver = aSession({ caregiverId: 'caregiver-s' });
      for (const session of [kept, live, revoked, otherCaregiver]) await store.create(session);
      const earlier = new Date(created);
      await store.revoke(revoked.id, 'logout', earlier);
      const at = new Date(created + MINUTE);

      expect(await store.revokeAllOf('caregiver-r', 'password_changed', at, kept.id)).toBe(1);

      expect(await store.findById(live.id)).toMatchObject({ revokedAt: at, revokeReason: 'password_changed' });
      expect(await store.findById(revoked.id)).toMatchObject({ revokedAt: earlier, revokeReason: 'logout' });
      expect(await store.findById(kept.id)).toMatchObject({ revokedAt: null, revokeReason: null });
      expect(await store.findById(otherCaregiver.id)).toMatchObject({ revokedAt: null });

      expect(await store.revokeAllOf('caregiver-r', 'deleted', at)).toBe(1);
      expect(await store.findById(kept.id)).toMatchObject({ revokedAt: at, revokeReason: 'deleted' });
      expect(await store.revokeAllOf('caregiver-r', 'deleted', at)).toBe(0);
      expect(await store.revokeAllOf('caregiver-nobody', 'deleted', at)).toBe(0);
    });

    it('lists the live sessions of a caregiver, newest first', async () => {
      const created = baseTime();
      const oldest = aSession({ caregiverId: 'caregiver-l', createdAt: new Date(created - 3 * MINUTE) });
      const newest = aSession({ caregiverId: 'caregiver-l', createdAt: new Date(created - MINUTE) });
      const middle = aSession({ caregiverId: 'caregiver-l', createdAt: new Date(created - 2 * MINUTE) });
      const revoked = aSession({ caregiverId: 'caregiver-l', createdAt: new Date(created) });
      const otherCaregiver = aSession({ caregiverId: 'caregiver-m' });
      for (const session of [oldest, newest, middle, revoked, otherCaregiver]) await store.create(session);
      await store.revoke(revoked.id, 'logout', new Date(created));

      expect(await store.listActiveOf('caregiver-l')).toEqual([newest, middle, oldest]);
      expect(await store.listActiveOf('caregiver-nobody')).toEqual([]);
    });

    it('clear removes every session and index', async () => {
      const first = aSession({ caregiverId: 'caregiver-c' });
      const second = aSession({ caregiverId: 'caregiver-c' });
      await store.create(first);
      await store.create(second);
      await rotate(first, first.refreshTokenHash, 'hash-before-clear', first.createdAt.getTime() + MINUTE);

      await store.clear();

      expect(await store.findById(first.id)).toBeNull();
      expect(await store.findById(second.id)).toBeNull();
      expect(await store.findByRefreshTokenHash('hash-before-clear')).toBeNull();
      expect(await store.findByRefreshTokenHash(first.refreshTokenHash)).toBeNull();
      expect(await store.listActiveOf('caregiver-c')).toEqual([]);
      expect(await store.revokeAllOf('caregiver-c', 'admin', new Date())).toBe(0);
    });
  });
};
