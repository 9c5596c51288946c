import type { PatientRef } from '../../../application/ports/care-directory';
import {
  auditOf,
  createManagementWorld,
  defaultCaregiverPage,
  openSession,
  revokeReasonOf,
  type ManagementWorld,
} from './management-world';

let w: ManagementWorld;

beforeEach(async () => {
  w = await createManagementWorld();
});

afterEach(async () => {
  await w.h.close();
});

const denied = { kind: 'forbidden', message: 'Access denied: insufficient permissions.' };
const caregiverNotFound = { kind: 'not-found', message: 'Caregiver not found' };

describe('ManageCaregivers.list', () => {
  it("lists the admin's own org, invited accounts included", async () => {
    const { h, orgA, adminA, adminA2, staffA } = w;
    const invited = await h.createCaregiver({ orgId: orgA.id, role: 'invited', password: null });
    const page = await h.useCases.caregivers.list(h.scopeOf(adminA), defaultCaregiverPage, h.actorOf(adminA));
    expect(page).toMatchObject({ page: 1, limit: 100, totalPages: 1, totalResults: 4 });
    expect(page.results.map((v) => v.caregiver.id)).toEqual([adminA.id, adminA2.id, staffA.id, invited.id]);
    expect(page.results[0]?.patients).toEqual([]);
  });

  it('forbids staff (403, audited)', async () => {
    const { h, staffA } = w;
    await expect(
      h.useCases.caregivers.list(h.scopeOf(staffA), defaultCaregiverPage, h.actorOf(staffA)),
    ).rejects.toMatchObject(denied);
    expect(auditOf(h, 'ACCESS_DENIED')[0]).toMatchObject({
      actorId: staffA.id,
      details: { capability: 'caregiver.read' },
    });
  });

  it('answers 403 (not 404) when a non-superAdmin names another org, and lets a superAdmin list any org', async () => {
    const { h, orgB, adminA, adminB, staffB, superAdmin } = w;
    await expect(
      h.useCases.caregivers.list(h.scopeOf(adminA), { ...defaultCaregiverPage, orgId: orgB.id }, h.actorOf(adminA)),
    ).rejects.toMatchObject(denied);
    const page = await h.useCases.caregivers.list(
      h.scopeOf(superAdmin),
      { ...defaultCaregiverPage, orgId: orgB.id },
      h.actorOf(superAdmin),
    );
    expect(page.results.map((v) => v.caregiver.id)).toEqual([adminB.id, staffB.id]);
    const own = await h.useCases.caregivers.list(h.scopeOf(superAdmin), defaultCaregiverPage, h.actorOf(superAdmin));
    expect(own.results.map((v) => v.caregiver.id)).toEqual([superAdmin.id]);
    await expect(
      h.useCases.caregivers.list(
        h.scopeOf(superAdmin),
        { ...defaultCaregiverPage, orgId: 'e'.repeat(24) },
        h.actorOf(superAdmin),
      ),
    ).rejects.toMatchObject({ kind: 'not-found', message: 'Org not found' });
  });

  it('filters by name substring (case-insensitive) and exact role, sorts and paginates', async () => {
    const { h, adminA, adminA2, staffA } = w;
    const scope = h.scopeOf(adminA);
    const actor = h.actorOf(adminA);
    const byName = await h.useCases.caregivers.list(scope, { ...defaultCaregiverPage, nameContains: 'ADMIN' }, actor);
    expect(byName.results.map((v) => v.caregiver.id)).toEqual([adminA.id, adminA2.id]);
    const byRole = await h.useCases.caregivers.list(scope, { ...defaultCaregiverPage, role: 'staff' }, actor);
    expect(byRole.results.map((v) => v.caregiver.id)).toEqual([staffA.id]);
    const sorted = await h.useCases.caregivers.list(
      scope,
      { ...defaultCaregiverPage, sort: [{ field: 'name', direction: 'asc' }] },
      actor,
    );
    expect(sorted.results.map((v) => v.caregiver.name)).toEqual(['Abe Admin', 'Ada Admin', 'Sam Staff']);
    const paged = await h.useCases.caregivers.list(scope, { ...defaultCaregiverPage, page: 2, limit: 2 }, actor);
    expect(paged).toMatchObject({ page: 2, limit: 2, totalPages: 2, totalResults: 3 });
    expect(paged.results.map((v) => v.caregiver.id)).toEqual([staffA.id]);
  });
});

describe('ManageCaregivers.get', () => {
  it('lets anyone read themselves, admins their org, superAdmins anyone', async () => {
    const { h, staffA, adminA, superAdmin, staffB } = w;
    expect((await h.useCases.caregivers.get(h.scopeOf(staffA), staffA.id, h.actorOf(staffA))).caregiver.id).toBe(
      staffA.id,
    );
    expect((await h.useCases.caregivers.get(h.scopeOf(adminA), staffA.id, h.actorOf(adminA))).caregiver.id).toBe(
      staffA.id,
    );
    expect(
      (await h.useCases.caregivers.get(h.scopeOf(superAdmin), staffB.id, h.actorOf(superAdmin))).caregiver.id,
    ).toBe(staffB.id);
  });

  it("forbids staff reading a colleague (403) and hides other orgs' caregivers (404)", async () => {
    const { h, staffA, adminA, adminA2, staffB } = w;
    await expect(h.useCases.caregivers.get(h.scopeOf(staffA), adminA2.id, h.actorOf(staffA))).rejects.toMatchObject(
      denied,
    );
    await expect(h.useCases.caregivers.get(h.scopeOf(adminA), staffB.id, h.actorOf(adminA))).rejects.toMatchObject(
      caregiverNotFound,
    );
    await expect(h.useCases.caregivers.get(h.scopeOf(adminA), 'e'.repeat(24), h.actorOf(adminA))).rejects.toMatchObject(
      caregiverNotFound,
    );
  });
});

describe('ManageCaregivers.update', () => {
  it('lets a caregiver change their own profile; a new phone is unverified', async () => {
    const { h, staffA } = w;
    await h.ports.caregivers.update({ ...staffA, isPhoneVerified: true, phoneVerifiedAt: h.clock.now() });
    const view = await h.useCases.caregivers.update(
      h.scopeOf(staffA),
      staffA.id,
      {
        name: 'Samantha',
        phone: '+16045559876',
        preferredLanguage: 'fr',
        themePreference: 'colorblind',
        telemetryOptIn: true,
        avatar: { kind: 'url', url: 'https://cdn.example.com/me.png' },
      },
      h.actorOf(staffA),
    );
    expect(view.caregiver).toMatchObject({
      name: 'Samantha',
      phone: '+16045559876',
      isPhoneVerified: false,
      phoneVerifiedAt: null,
      preferredLanguage: 'fr',
      themePreference: 'colorblind',
      telemetryOptIn: true,
      avatar: 'https://cdn.example.com/me.png',
    });
    expect(auditOf(h, 'CAREGIVER_UPDATED')[0]?.details).toMatchObject({ self: true });
  });

  it('keeps phone verification when the same number is sent back', async () => {
    const { h, staffA } = w;
    await h.ports.caregivers.update({ ...staffA, isPhoneVerified: true });
    const view = await h.useCases.caregivers.update(
      h.scopeOf(staffA),
      staffA.id,
      { phone: staffA.phone },
      h.actorOf(staffA),
    );
    expect(view.caregiver.isPhoneVerified).toBe(true);
  });

  it("lets an admin change a member's name, phone and avatar, and accepts the other keys only as echoes", async () => {
    const { h, adminA, staffA } = w;
    const scope = h.scopeOf(adminA);
    const actor = h.actorOf(adminA);
    const view = await h.useCases.caregivers.update(
      scope,
      staffA.id,
      {
        name: 'Renamed',
        phone: '+16045550111',
        avatar: { kind: 'keep' },
        email: staffA.email!,
        preferredLanguage: 'en',
        themePreference: 'healthcare',
      },
      actor,
    );
    expect(view.caregiver).toMatchObject({
      name: 'Renamed',
      phone: '+16045550111',
      email: staffA.email,
      pendingEmail: null,
    });

    for (const changes of [
      { email: 'elsewhere@example.com' },
      { preferredLanguage: 'de' },
      { themePreference: 'colorblind' as const },
      { telemetryOptIn: false },
    ]) {
      await expect(h.useCases.caregivers.update(scope, staffA.id, changes, actor)).rejects.toMatchObject(denied);
    }
    expect(auditOf(h, 'ACCESS_DENIED').map((e) => e.details['rule'])).toEqual([
      'self_only_email',
      'self_only_preferredLanguage',
      'self_only_themePreference',
      'self_only_telemetryOptIn',
    ]);
    expect(h.outbox.all()).toHaveLength(0);
  });

  it("forbids staff editing a colleague and hides other orgs' caregivers; superAdmins edit anyone", async () => {
    const { h, staffA, adminA, adminA2, staffB, superAdmin } = w;
    await expect(
      h.useCases.caregivers.update(h.scopeOf(staffA), adminA2.id, { name: 'X' }, h.actorOf(staffA)),
    ).rejects.toMatchObject(denied);
    await expect(
      h.useCases.caregivers.update(h.scopeOf(adminA), staffB.id, { name: 'X' }, h.actorOf(adminA)),
    ).rejects.toMatchObject(caregiverNotFound);
    const view = await h.useCases.caregivers.update(
      h.scopeOf(superAdmin),
      staffB.id,
      { name: 'Y' },
      h.actorOf(superAdmin),
    );
    expect(view.caregiver.name).toBe('Y');
  });

  it('turns an own e-mail change into pendingEmail and mails a change-email link to the new address', async () => {
    const { h, staffA } = w;
    const view = await h.useCases.caregivers.update(
      h.scopeOf(staffA),
      staffA.id,
      { email: 'sam.new@example.com' },
      h.actorOf(staffA),
    );
    expect(view.caregiver).toMatchObject({
      email: staffA.email,
      pendingEmail: 'sam.new@example.com',
      isEmailVerified: true,
    });
    const token = h.tokenFromMail('sam.new@example.com', '/auth/verify-email');
    expect(h.outbox.lastTo('sam.new@example.com')?.subject).toBe('Confirm your new email address');

    // Opening the link switches the address.
    await expect(h.useCases.verifyEmail.execute(token, h.anonymousActor)).resolves.toEqual({ kind: 'email-changed' });
    expect(await h.ports.caregivers.findById(staffA.id)).toMatchObject({
      email: 'sam.new@example.com',
      pendingEmail: null,
    });
  });

  it('refuses an address in use (409 EMAIL_TAKEN), including a pending one, and accepts the own one as an echo', async () => {
    const { h, staffA, staffB, adminA } = w;
    const scope = h.scopeOf(staffA);
    const actor = h.actorOf(staffA);
    await expect(h.useCases.caregivers.update(scope, staffA.id, { email: staffB.email! }, actor)).rejects.toMatchObject(
      {
        kind: 'conflict',
        message: 'Email already taken',
        reason: 'EMAIL_TAKEN',
      },
    );
    await h.useCases.caregivers.update(
      h.scopeOf(adminA),
      adminA.id,
      { email: 'wanted@example.com' },
      h.actorOf(adminA),
    );
    await expect(
      h.useCases.caregivers.update(scope, staffA.id, { email: 'wanted@example.com' }, actor),
    ).rejects.toMatchObject({ reason: 'EMAIL_TAKEN' });
    const echoed = await h.useCases.caregivers.update(scope, staffA.id, { email: staffA.email! }, actor);
    expect(echoed.caregiver).toMatchObject({ pendingEmail: null, version: staffA.version });
    expect(h.outbox.lastTo(staffA.email!)).toBeUndefined();
  });

  it('accepts an empty phone only while no phone is stored', async () => {
    const { h, orgA, staffA } = w;
    await expect(
      h.useCases.caregivers.update(h.scopeOf(staffA), staffA.id, { phone: null }, h.actorOf(staffA)),
    ).rejects.toMatchObject({ kind: 'invalid', message: '"phone" must be a valid phone number' });
    const phoneless = await h.createCaregiver({ orgId: orgA.id, phone: null });
    const view = await h.useCases.caregivers.update(
      h.scopeOf(phoneless),
      phoneless.id,
      { phone: null, name: 'No Phone' },
      h.actorOf(phoneless),
    );
    expect(view.caregiver).toMatchObject({ phone: null, name: 'No Phone' });
  });

  it('clears the avatar', async () => {
    const { h, staffA } = w;
    await h.ports.caregivers.update({ ...staffA, avatar: 'https://cdn.example.com/old.png' });
    const view = await h.useCases.caregivers.update(
      h.scopeOf(staffA),
      staffA.id,
      { avatar: { kind: 'clear' } },
      h.actorOf(staffA),
    );
    expect(view.caregiver.avatar).toBeNull();
  });
});

describe('ManageCaregivers.delete', () => {
  it('lets a caregiver delete themselves: address released, sessions and tokens revoked, assignments removed', async () => {
    const { h, orgA, staffA } = w;
    const sessions = [await openSession(h, staffA), await openSession(h, staffA)];
    const removeAssignments = jest.spyOn(h.ports.care, 'removeAssignmentsOf');
    const revokeTokens = jest.spyOn(h.ports.tokens, 'revokeAllOf');
    await h.ports.caregivers.update({
      ...staffA,
      isPhoneVerified: true,
      ssoIdentities: [{ provider: 'google', subject: 's1', emailAtLink: staffA.email!, linkedAt: h.clock.now() }],
    });

    await h.useCases.caregivers.delete(h.scopeOf(staffA), staffA.id, h.actorOf(staffA));

    expect(await h.ports.caregivers.findById(staffA.id)).toBeNull();
    for (const id of sessions) expect(await revokeReasonOf(h, id)).toBe('deleted');
    expect(removeAssignments).toHaveBeenCalledWith(staffA.id);
    expect(revokeTokens).toHaveBeenCalledWith(staffA.id, expect.any(Date));
    expect(await h.ports.caregivers.findBySsoIdentity('google', 's1')).toBeNull();
    expect(await h.ports.caregivers.isEmailTaken(staffA.email!)).toBe(false);
    expect(auditOf(h, 'CAREGIVER_DELETED')[0]).toMatchObject({ resourceId: staffA.id, details: { via: 'self' } });

    // The released address can be used again, here by an invitation.
    const admin = await h.ports.caregivers.findById(w.adminA.id);
    const invited = await h.useCases.invitations.invite(
      h.scopeOf(admin!),
      { orgId: orgA.id, name: 'Back Again', email: staffA.email!, phone: '+16045550123', role: 'staff' },
      h.actorOf(admin!),
    );
    expect(invited.caregiver.email).toBe(staffA.email);
  });

  it('keeps only an HMAC of the former address on the deleted record', async () => {
    const { h, adminA, staffA } = w;
    const updates = jest.spyOn(h.ports.caregivers, 'update');
    await h.useCases.caregivers.delete(h.scopeOf(adminA), staffA.id, h.actorOf(adminA));
    const stored = updates.mock.calls.at(-1)?.[0];
    expect(stored).toMatchObject({
      email: null,
      pendingEmail: null,
      formerEmailHash: h.ports.hasher.hmac(staffA.email!),
      isPhoneVerified: false,
      phoneVerification: null,
      ssoIdentities: [],
      mfa: expect.objectContaining({ enabled: false, secretCiphertext: null }),
    });
    expect(stored?.deletedAt).toEqual(h.clock.now());
    expect(JSON.stringify(auditOf(h, 'CAREGIVER_DELETED'))).not.toContain(staffA.email);
  });

  it("forbids staff deleting a colleague, hides other orgs' caregivers, lets a superAdmin delete anyone", async () => {
    const { h, staffA, adminA, adminA2, staffB, superAdmin } = w;
    await expect(h.useCases.caregivers.delete(h.scopeOf(staffA), adminA2.id, h.actorOf(staffA))).rejects.toMatchObject(
      denied,
    );
    await expect(h.useCases.caregivers.delete(h.scopeOf(adminA), staffB.id, h.actorOf(adminA))).rejects.toMatchObject(
      caregiverNotFound,
    );
    await h.useCases.caregivers.delete(h.scopeOf(superAdmin), staffB.id, h.actorOf(superAdmin));
    expect(await h.ports.caregivers.findById(staffB.id)).toBeNull();
  });

  it('refuses to delete the last orgAdmin while the org has other members (LAST_ORG_ADMIN), allows it when alone', async () => {
    const { h, adminB, superAdmin } = w;
    await expect(h.useCases.caregivers.delete(h.scopeOf(adminB), adminB.id, h.actorOf(adminB))).rejects.toMatchObject({
      kind: 'conflict',
      message: 'An organization must keep at least one orgAdmin',
      reason: 'LAST_ORG_ADMIN',
    });
    await h.useCases.caregivers.delete(h.scopeOf(superAdmin), w.staffB.id, h.actorOf(superAdmin));
    await h.useCases.caregivers.delete(h.scopeOf(adminB), adminB.id, h.actorOf(adminB));
    expect(await h.ports.caregivers.findById(adminB.id)).toBeNull();
  });

  it('lets an admin delete another admin while one remains', async () => {
    const { h, adminA, adminA2 } = w;
    await h.useCases.caregivers.delete(h.scopeOf(adminA), adminA2.id, h.actorOf(adminA));
    expect(await h.ports.caregivers.findById(adminA2.id)).toBeNull();
  });
});

describe("ManageCaregivers: a caregiver's patients", () => {
  const patient: PatientRef = { id: 'a'.repeat(24), name: 'Pat', email: null, phone: '+16045550000', avatar: '' };

  it('answers the assigned patients to the caregiver, their admins and superAdmins', async () => {
    const { h, staffA, adminA, superAdmin } = w;
    jest.spyOn(h.ports.care, 'assignedPatientRefs').mockResolvedValue([patient]);
    for (const caller of [staffA, adminA, superAdmin]) {
      expect(await h.useCases.caregivers.patients(h.scopeOf(caller), staffA.id, h.actorOf(caller))).toEqual([patient]);
      expect(await h.useCases.caregivers.patient(h.scopeOf(caller), staffA.id, patient.id, h.actorOf(caller))).toEqual(
        patient,
      );
    }
  });

  it('is empty until the care context exists, and an unassigned patient is not found', async () => {
    const { h, staffA } = w;
    expect(await h.useCases.caregivers.patients(h.scopeOf(staffA), staffA.id, h.actorOf(staffA))).toEqual([]);
    await expect(
      h.useCases.caregivers.patient(h.scopeOf(staffA), staffA.id, patient.id, h.actorOf(staffA)),
    ).rejects.toMatchObject({ kind: 'not-found', message: 'Patient not found' });
  });

  it("forbids staff reading a colleague's patients and hides other orgs' caregivers", async () => {
    const { h, staffA, adminA2, adminA, staffB } = w;
    await expect(
      h.useCases.caregivers.patients(h.scopeOf(staffA), adminA2.id, h.actorOf(staffA)),
    ).rejects.toMatchObject(denied);
    await expect(h.useCases.caregivers.patients(h.scopeOf(adminA), staffB.id, h.actorOf(adminA))).rejects.toMatchObject(
      caregiverNotFound,
    );
  });
});
