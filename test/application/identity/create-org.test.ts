import type { CreateOrgInput } from '../../../application/identity/create-org';
import { auditOf, createManagementWorld, type ManagementWorld } from './management-world';

let w: ManagementWorld;

beforeEach(async () => {
  w = await createManagementWorld();
});

afterEach(async () => {
  await w.h.close();
});

const input = (overrides: Partial<CreateOrgInput> = {}): CreateOrgInput => ({
  name: 'Harbour Care',
  email: 'office@harbour.example',
  phone: '+16045550111',
  timezone: 'America/Vancouver',
  admin: { name: 'Hana Harbour', email: 'hana@harbour.example', phone: '+16045550112' },
  ...overrides,
});

describe('CreateOrg', () => {
  it('creates the org and invites its first orgAdmin, who signs up through the invitation', async () => {
    const { h, superAdmin } = w;
    const view = await h.useCases.createOrg.execute(h.scopeOf(superAdmin), input(), h.actorOf(superAdmin));
    expect(view.org).toMatchObject({
      name: 'Harbour Care',
      email: 'office@harbour.example',
      phone: '+16045550111',
      timezone: 'America/Vancouver',
      isPlatform: false,
    });
    const invitee = await h.ports.caregivers.findByEmail('hana@harbour.example');
    expect(invitee).toMatchObject({ orgId: view.org.id, role: 'invited', intendedRole: 'orgAdmin' });
    expect(view.caregiverIds).toEqual([invitee?.id]);
    expect(auditOf(h, 'ORG_CREATED')[0]).toMatchObject({ actorId: superAdmin.id, resourceId: view.org.id });
    expect(auditOf(h, 'CAREGIVER_INVITED')[0]).toMatchObject({
      resourceId: invitee?.id,
      details: { role: 'orgAdmin' },
    });

    const token = h.tokenFromMail('hana@harbour.example', '/signup');
    const accepted = await h.useCases.invitations.accept(
      { token, email: 'hana@harbour.example', password: 'Harbour2024', name: 'Hana H.', phone: '+16045550112' },
      h.anonymousActor,
    );
    expect(accepted.caregiver.caregiver).toMatchObject({ role: 'orgAdmin', orgId: view.org.id });
    expect(accepted.graceEndsAt).toEqual(new Date(h.clock.now().getTime() + 7 * 86_400_000));
  });

  it('uses the default time zone when none is given', async () => {
    const { h, superAdmin } = w;
    const { timezone: _omitted, ...rest } = input();
    const view = await h.useCases.createOrg.execute(h.scopeOf(superAdmin), rest, h.actorOf(superAdmin));
    expect(view.org.timezone).toBe('America/New_York');
  });

  it('is for superAdmins only: an orgAdmin is refused (403, audited) and nothing is created', async () => {
    const { h, adminA } = w;
    await expect(h.useCases.createOrg.execute(h.scopeOf(adminA), input(), h.actorOf(adminA))).rejects.toMatchObject({
      kind: 'forbidden',
      message: 'Access denied: insufficient permissions.',
    });
    expect(auditOf(h, 'ACCESS_DENIED')[0]?.details).toEqual({ capability: 'org.administer' });
    expect(await h.ports.orgs.findByEmail('office@harbour.example')).toBeNull();
    expect(h.outbox.all()).toHaveLength(0);
  });

  it('refuses an org address in use (409 EMAIL_TAKEN) and an admin address in use (409 CAREGIVER_EXISTS)', async () => {
    const { h, superAdmin, orgA, staffA } = w;
    await expect(
      h.useCases.createOrg.execute(h.scopeOf(superAdmin), input({ email: orgA.email }), h.actorOf(superAdmin)),
    ).rejects.toMatchObject({ kind: 'conflict', message: 'Email already taken', reason: 'EMAIL_TAKEN' });
    await expect(
      h.useCases.createOrg.execute(
        h.scopeOf(superAdmin),
        input({ admin: { name: 'Sam', email: staffA.email ?? '', phone: '+16045550113' } }),
        h.actorOf(superAdmin),
      ),
    ).rejects.toMatchObject({ kind: 'conflict', message: 'Caregiver already exists', reason: 'CAREGIVER_EXISTS' });
    expect(await h.ports.orgs.findByEmail('office@harbour.example')).toBeNull();
    expect((await h.ports.caregivers.findById(staffA.id))?.orgId).toBe(orgA.id);
    expect(h.outbox.all()).toHaveLength(0);
  });
});
