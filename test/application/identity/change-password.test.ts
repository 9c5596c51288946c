import type { Caregiver } from '../../../domain/identity/caregiver';
import { TEST_PASSWORD } from '../../support/identity-harness';
import { auditOf, createManagementWorld, openSession, revokeReasonOf, type ManagementWorld } from './management-world';

let w: ManagementWorld;

beforeEach(async () => {
  w = await createManagementWorld();
});

afterEach(async () => {
  await w.h.close();
});

const current = async (caregiver: Caregiver): Promise<Caregiver> => {
  const found = await w.h.ports.caregivers.findById(caregiver.id);
  if (found === null) throw new Error('caregiver is gone');
  return found;
};

const change = async (caregiver: Caregiver, currentPassword: string, newPassword: string, sessionId?: string) =>
  w.h.useCases.changePassword.execute(
    await current(caregiver),
    { currentPassword, newPassword },
    w.h.actorOf(caregiver, sessionId),
  );

describe('ChangePassword', () => {
  it('sets the new password, records it in the history and ends every other session of the caller', async () => {
    const { h, staffA } = w;
    const calling = await openSession(h, staffA);
    const other = await openSession(h, staffA);
    h.clock.advanceMinutes(3);
    await change(staffA, TEST_PASSWORD, 'Brighter2024', calling);

    const after = await current(staffA);
    expect(after.passwordHash).not.toBeNull();
    expect(await h.ports.passwords.verify('Brighter2024', after.passwordHash ?? '')).toBe(true);
    expect(after.passwordChangedAt).toEqual(h.clock.now());
    expect(after.passwordHistory).toHaveLength(2);
    expect(after.passwordHistory[0]).toBe(after.passwordHash);
    expect(await revokeReasonOf(h, other)).toBe('password_changed');
    expect(await revokeReasonOf(h, calling)).toBeNull();
    expect(auditOf(h, 'PASSWORD_CHANGED')).toEqual([
      expect.objectContaining({ actorId: staffA.id, resourceId: staffA.id, outcome: 'success' }),
    ]);
    await expect(
      h.useCases.login.execute({ email: staffA.email ?? '', password: TEST_PASSWORD }, h.anonymousActor),
    ).rejects.toMatchObject({ message: 'Incorrect email or password' });
  });

  it('answers 400 Current password is incorrect for a wrong current password, audits it and changes nothing', async () => {
    const { h, staffA } = w;
    const other = await openSession(h, staffA);
    const before = await current(staffA);
    await expect(change(staffA, 'NotMyPassword1', 'Brighter2024')).rejects.toMatchObject({
      kind: 'invalid',
      message: 'Current password is incorrect',
    });
    expect((await current(staffA)).passwordHash).toBe(before.passwordHash);
    expect(await revokeReasonOf(h, other)).toBeNull();
    expect(auditOf(h, 'PASSWORD_CHANGE_FAILED')).toEqual([
      expect.objectContaining({ actorId: staffA.id, outcome: 'failure', details: { cause: 'current_password' } }),
    ]);
  });

  it('applies the password policy and the history of the last 5 passwords', async () => {
    const { staffA } = w;
    await expect(change(staffA, TEST_PASSWORD, 'short1')).rejects.toMatchObject({
      kind: 'invalid',
      message: 'password must be at least 8 characters',
    });
    await expect(change(staffA, TEST_PASSWORD, TEST_PASSWORD)).rejects.toMatchObject({
      message: 'password must not match any of your last 5 passwords',
    });
    await change(staffA, TEST_PASSWORD, 'Brighter2024');
    await change(staffA, 'Brighter2024', 'Clearer2025');
    await expect(change(staffA, 'Clearer2025', TEST_PASSWORD)).rejects.toMatchObject({
      message: 'password must not match any of your last 5 passwords',
    });
  });

  it('refuses an SSO account without a password: it has no current password to prove', async () => {
    const { h, orgA } = w;
    const ssoOnly = await h.createCaregiver({ orgId: orgA.id, password: null });
    await expect(change(ssoOnly, '', 'Brighter2024')).rejects.toMatchObject({
      message: 'Current password is incorrect',
    });
    expect((await current(ssoOnly)).passwordHash).toBeNull();
  });

  it('refuses a proof made against a password that changed meanwhile', async () => {
    const { h, staffA } = w;
    const stale = await current(staffA);
    await change(staffA, TEST_PASSWORD, 'Brighter2024');
    await expect(
      h.useCases.changePassword.execute(
        stale,
        { currentPassword: TEST_PASSWORD, newPassword: 'Clearer2025' },
        h.actorOf(staffA),
      ),
    ).rejects.toMatchObject({ message: 'Current password is incorrect' });
    expect(await h.ports.passwords.verify('Brighter2024', (await current(staffA)).passwordHash ?? '')).toBe(true);
  });
});
