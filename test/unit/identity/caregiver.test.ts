import {
  activate,
  activeLock,
  createCaregiver,
  lockMinutesRemaining,
  mfaEnrollmentOverdue,
  mfaGraceEndsAt,
  passwordExpired,
  recordFailedLogin,
  withRole,
  type Caregiver,
} from '../../../domain/identity/caregiver';
import { defaultIdentityPolicy as policy } from '../../../domain/identity/identity-policy';

const t0 = new Date('2026-01-01T00:00:00Z');
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
const base = (over: Partial<Caregiver> = {}): Caregiver => ({
  ...createCaregiver({
    id: 'c1',
    orgId: 'o1',
    name: 'N',
    email: 'n@example.org',
    phone: null,
    role: 'staff',
    intendedRole: null,
    passwordHash: 'h',
    isEmailVerified: true,
    now: t0,
  }),
  ...over,
});

describe('lockout (5 failures in 5 minutes lock 30 minutes)', () => {
  it('locks on the 5th failure inside the window, not before', () => {
    let c = base();
    for (let i = 0; i < 4; i += 1) {
      const r = recordFailedLogin(c, at(i), policy);
      expect(r.lockedNow).toBe(false);
      c = r.caregiver;
    }
    const fifth = recordFailedLogin(c, at(4), policy);
    expect(fifth.lockedNow).toBe(true);
    expect(activeLock(fifth.caregiver, at(4))?.reason).toBe('failed_logins');
    expect(lockMinutesRemaining(activeLock(fifth.caregiver, at(4))!, at(4))).toBe(30);
    expect(activeLock(fifth.caregiver, at(34))).toBeNull();
  });

  it('restarts the window after 5 minutes', () => {
    let c = base();
    for (let i = 0; i < 4; i += 1) c = recordFailedLogin(c, at(i), policy).caregiver;
    const late = recordFailedLogin(c, at(10), policy);
    expect(late.lockedNow).toBe(false);
    expect(late.caregiver.failedLogins.count).toBe(1);
  });

  it('treats a lock without an end as permanent until an admin lifts it', () => {
    const c = base({ lock: { lockedAt: t0, lockedUntil: null, reason: 'admin', lockedBy: 'a' } });
    expect(activeLock(c, at(100_000))).not.toBeNull();
    expect(lockMinutesRemaining(c.lock!, at(1))).toBeNull();
  });
});

describe('admin MFA grace and password expiry', () => {
  it('starts the grace when entering an admin role and ends it after 7 days', () => {
    const admin = withRole(base({ mfaGraceStartedAt: null }), 'orgAdmin', t0);
    expect(mfaGraceEndsAt(admin, policy)).toEqual(at(7 * 24 * 60));
    expect(mfaEnrollmentOverdue(admin, at(7 * 24 * 60), policy)).toBe(false);
    expect(mfaEnrollmentOverdue(admin, at(7 * 24 * 60 + 1), policy)).toBe(true);
    expect(mfaEnrollmentOverdue(base(), at(100_000), policy)).toBe(false);
  });

  it('expires admin passwords after 90 days, never staff ones', () => {
    const admin = base({ role: 'orgAdmin', passwordChangedAt: t0 });
    expect(passwordExpired(admin, at(90 * 24 * 60 - 1), policy)).toBe(false);
    expect(passwordExpired(admin, at(90 * 24 * 60), policy)).toBe(true);
    expect(passwordExpired(base({ passwordChangedAt: t0 }), at(1_000_000), policy)).toBe(false);
  });

  it('activates an unverified account into its intended role', () => {
    const activated = activate(
      base({ role: 'unverified', intendedRole: 'orgAdmin', isEmailVerified: false, mfaGraceStartedAt: null }),
      at(5),
    );
    expect(activated.role).toBe('orgAdmin');
    expect(activated.isEmailVerified).toBe(true);
    expect(activated.intendedRole).toBeNull();
    expect(activated.mfaGraceStartedAt).toEqual(at(5));
  });
});
