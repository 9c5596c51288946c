import {
  auditOf,
  createManagementWorld,
  defaultOrgPage,
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

const notFound = (id: string) => ({ id, kind: 'not-found' });
const denied = { kind: 'forbidden', message: 'Access denied: insufficient permissions.' };

describe('ManageOrgs.get', () => {
  it('lets staff and admins read their own org and a superAdmin any org', async () => {
    const { h, orgA, orgB, staffA, adminA, superAdmin } = w;
    for (const caller of [staffA, adminA, superAdmin]) {
      const view = await h.useCases.orgs.get(h.scopeOf(caller), orgA.id, h.actorOf(caller));
      expect(view.org.id).toBe(orgA.id);
    }
    expect((await h.useCases.orgs.get(h.scopeOf(superAdmin), orgB.id, h.actorOf(superAdmin))).org.id).toBe(orgB.id);
  });

  it('lists the non-deleted caregivers of the org beside it', async () => {
    const { h, orgA, adminA, adminA2, staffA } = w;
    const view = await h.useCases.orgs.get(h.scopeOf(adminA), orgA.id, h.actorOf(adminA));
    expect([...view.caregiverIds].sort()).toEqual([adminA.id, adminA2.id, staffA.id].sort());
    expect(view.patientIds).toEqual([]);
  });

  it('reports another org as not found, exactly like a missing one, and audits the probe', async () => {
    const { h, orgB, staffA, adminA } = w;
    for (const caller of [staffA, adminA]) {
      await expect(h.useCases.orgs.get(h.scopeOf(caller), orgB.id, h.actorOf(caller))).rejects.toMatchObject({
        ...notFound('ORG_NOT_FOUND'),
        message: 'Org not found',
      });
    }
    await expect(h.useCases.orgs.get(h.scopeOf(adminA), 'f'.repeat(24), h.actorOf(adminA))).rejects.toMatchObject(
      notFound('ORG_NOT_FOUND'),
    );
    // The decision comes before any read, so an unknown id outside the own org is audited like another org's.
    expect(auditOf(h, 'ACCESS_DENIED').map((e) => e.details['rule'])).toEqual(['other_org', 'other_org', 'other_org']);
  });
});

describe('ManageOrgs.list', () => {
  it('is for superAdmins only: staff and orgAdmins get 403 and an ACCESS_DENIED entry', async () => {
    const { h, staffA, adminA } = w;
    for (const caller of [staffA, adminA]) {
      await expect(h.useCases.orgs.list(h.scopeOf(caller), defaultOrgPage, h.actorOf(caller))).rejects.toMatchObject(
        denied,
      );
    }
    const entries = auditOf(h, 'ACCESS_DENIED');
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({
      outcome: 'denied',
      actorId: staffA.id,
      details: { capability: 'org.administer' },
    });
  });

  it('paginates, sorts by creation by default, filters by a case-insensitive name substring', async () => {
    const { h, superAdmin } = w;
    for (const name of ['Gamma', 'Delta', 'Epsilon']) {
      h.clock.advanceMinutes(1);
      await h.createOrg(name);
    }
    const scope = h.scopeOf(superAdmin);
    const actor = h.actorOf(superAdmin);
    const all = await h.useCases.orgs.list(scope, defaultOrgPage, actor);
    expect(all.totalResults).toBe(6);
    expect(all.results.map((v) => v.org.name)).toEqual([
      'Platform',
      'Alpha 1',
      'Beta 2',
      expect.stringMatching(/^Gamma/),
      expect.stringMatching(/^Delta/),
      expect.stringMatching(/^Epsilon/),
    ]);

    const second = await h.useCases.orgs.list(scope, { ...defaultOrgPage, page: 2, limit: 4 }, actor);
    expect(second).toMatchObject({ page: 2, limit: 4, totalPages: 2, totalResults: 6 });
    expect(second.results).toHaveLength(2);

    const byName = await h.useCases.orgs.list(
      scope,
      { ...defaultOrgPage, sort: [{ field: 'name', direction: 'desc' }] },
      actor,
    );
    expect(byName.results[0]?.org.name).toBe('Platform');
    expect(byName.results[5]?.org.name).toBe('Alpha 1');

    const filtered = await h.useCases.orgs.list(scope, { ...defaultOrgPage, nameContains: 'ELT' }, actor);
    expect(filtered.results.map((v) => v.org.name)).toEqual([expect.stringMatching(/^Delta/)]);
  });

  it('leaves deleted orgs out', async () => {
    const { h, superAdmin, orgB } = w;
    await h.useCases.orgs.delete(h.scopeOf(superAdmin), orgB.id, h.actorOf(superAdmin));
    const page = await h.useCases.orgs.list(h.scopeOf(superAdmin), defaultOrgPage, h.actorOf(superAdmin));
    expect(page.results.map((v) => v.org.id)).not.toContain(orgB.id);
  });
});

describe('ManageOrgs.update', () => {
  it('lets an orgAdmin update their org and merges call-retry settings field by field', async () => {
    const { h, orgA, adminA } = w;
    const view = await h.useCases.orgs.update(
      h.scopeOf(adminA),
      orgA.id,
      {
        name: 'Alpha Care',
        phone: '+16045551234',
        timezone: 'Europe/Paris',
        callRetrySettings: { retryCount: 5 },
      },
      h.actorOf(adminA),
    );
    expect(view.org).toMatchObject({
      name: 'Alpha Care',
      phone: '+16045551234',
      timezone: 'Europe/Paris',
      callRetrySettings: { retryCount: 5, retryIntervalMinutes: 15, alertOnAllMissedCalls: true },
    });
    const again = await h.useCases.orgs.update(
      h.scopeOf(adminA),
      orgA.id,
      { callRetrySettings: { alertOnAllMissedCalls: false } },
      h.actorOf(adminA),
    );
    expect(again.org.callRetrySettings).toEqual({
      retryCount: 5,
      retryIntervalMinutes: 15,
      alertOnAllMissedCalls: false,
    });
    expect(auditOf(h, 'ORG_UPDATED').map((e) => e.details['fields'])).toEqual([
      'name,phone,timezone,callRetrySettings',
      'callRetrySettings',
    ]);
  });

  it('lets a superAdmin update any org', async () => {
    const { h, orgB, superAdmin } = w;
    const view = await h.useCases.orgs.update(
      h.scopeOf(superAdmin),
      orgB.id,
      { name: 'Renamed' },
      h.actorOf(superAdmin),
    );
    expect(view.org.name).toBe('Renamed');
  });

  it('forbids staff (403, audited) and hides other orgs from admins (404)', async () => {
    const { h, orgA, orgB, staffA, adminA } = w;
    await expect(
      h.useCases.orgs.update(h.scopeOf(staffA), orgA.id, { name: 'X' }, h.actorOf(staffA)),
    ).rejects.toMatchObject(denied);
    expect(auditOf(h, 'ACCESS_DENIED')[0]).toMatchObject({ details: { capability: 'org.update' } });
    await expect(
      h.useCases.orgs.update(h.scopeOf(adminA), orgB.id, { name: 'X' }, h.actorOf(adminA)),
    ).rejects.toMatchObject(notFound('ORG_NOT_FOUND'));
    expect((await h.ports.orgs.findById(orgB.id))?.name).toBe(orgB.name);
  });

  it("refuses another org's address (409 EMAIL_TAKEN) and accepts its own as an echo", async () => {
    const { h, orgA, orgB, adminA } = w;
    await expect(
      h.useCases.orgs.update(h.scopeOf(adminA), orgA.id, { email: orgB.email }, h.actorOf(adminA)),
    ).rejects.toMatchObject({ kind: 'conflict', message: 'Email already taken', reason: 'EMAIL_TAKEN' });
    const echoed = await h.useCases.orgs.update(h.scopeOf(adminA), orgA.id, { email: orgA.email }, h.actorOf(adminA));
    expect(echoed.org.version).toBe(orgA.version);
  });

  it('marks a new address unverified', async () => {
    const { h, orgA, adminA } = w;
    await h.ports.orgs.update({ ...orgA, isEmailVerified: true });
    const view = await h.useCases.orgs.update(
      h.scopeOf(adminA),
      orgA.id,
      { email: 'new-alpha@example.com' },
      h.actorOf(adminA),
    );
    expect(view.org).toMatchObject({ email: 'new-alpha@example.com', isEmailVerified: false });
  });

  it('stores, keeps and clears the logo and avatar as the adapter classified them', async () => {
    const { h, orgA, adminA } = w;
    const update = (changes: Parameters<typeof h.useCases.orgs.update>[2]) =>
      h.useCases.orgs.update(h.scopeOf(adminA), orgA.id, changes, h.actorOf(adminA));
    const stored = await update({
      logo: { kind: 'url', url: 'https://cdn.example.com/logo.png' },
      avatar: { kind: 'url', url: 'https://cdn.example.com/a.png' },
    });
    expect(stored.org).toMatchObject({
      logo: 'https://cdn.example.com/logo.png',
      avatar: 'https://cdn.example.com/a.png',
    });
    const kept = await update({ logo: { kind: 'keep' }, name: 'Kept' });
    expect(kept.org.logo).toBe('https://cdn.example.com/logo.png');
    const cleared = await update({ logo: { kind: 'clear' } });
    expect(cleared.org).toMatchObject({ logo: null, avatar: 'https://cdn.example.com/a.png' });
  });

  it('accepts an empty phone only as an echo of "no phone"', async () => {
    const { h, orgA, adminA } = w;
    await expect(
      h.useCases.orgs.update(h.scopeOf(adminA), orgA.id, { phone: null }, h.actorOf(adminA)),
    ).resolves.toBeTruthy();
    await h.useCases.orgs.update(h.scopeOf(adminA), orgA.id, { phone: '+16045551234' }, h.actorOf(adminA));
    await expect(
      h.useCases.orgs.update(h.scopeOf(adminA), orgA.id, { phone: null }, h.actorOf(adminA)),
    ).rejects.toMatchObject({ kind: 'invalid', message: '"phone" must be a valid phone number' });
  });

  it('writes nothing when nothing changes', async () => {
    const { h, orgA, adminA } = w;
    const view = await h.useCases.orgs.update(
      h.scopeOf(adminA),
      orgA.id,
      { name: orgA.name, callRetrySettings: { retryCount: 2 } },
      h.actorOf(adminA),
    );
    expect(view.org.version).toBe(orgA.version);
    expect(auditOf(h, 'ORG_UPDATED')).toHaveLength(0);
  });
});

describe('ManageOrgs.delete', () => {
  it('soft-deletes the org and its caregivers, revokes sessions and tokens, releases the addresses', async () => {
    const { h, orgA, adminA, staffA } = w;
    const removeAssignments = jest.spyOn(h.ports.care, 'removeAssignmentsOf');
    const staffSession = await openSession(h, staffA);
    const revokeTokens = jest.spyOn(h.ports.tokens, 'revokeAllOf');

    await h.useCases.orgs.delete(h.scopeOf(adminA), orgA.id, h.actorOf(adminA));

    expect(await h.ports.orgs.findById(orgA.id)).toBeNull();
    expect(await h.ports.caregivers.findById(staffA.id)).toBeNull();
    expect(await h.ports.caregivers.findByEmail(staffA.email!)).toBeNull();
    expect(await revokeReasonOf(h, staffSession)).toBe('org_deleted');
    expect(removeAssignments).toHaveBeenCalledWith(staffA.id);
    expect(revokeTokens).toHaveBeenCalledTimes(3);
    expect(auditOf(h, 'ORG_DELETED')[0]).toMatchObject({ resourceId: orgA.id, details: { caregiverCount: 3 } });
    expect(auditOf(h, 'CAREGIVER_DELETED')).toHaveLength(3);

    // The org's and the admin's addresses can register again.
    await h.useCases.register.execute(
      { name: 'Again', email: orgA.email, password: 'Another1pass', phone: '+16045559999' },
      h.anonymousActor,
    );
    await h.useCases.register.execute(
      { name: 'Again', email: adminA.email!, password: 'Another1pass', phone: '+16045559999' },
      h.anonymousActor,
    );
  });

  it('forbids staff, hides other orgs from admins, lets a superAdmin delete any org', async () => {
    const { h, orgA, orgB, staffA, adminA, superAdmin } = w;
    await expect(h.useCases.orgs.delete(h.scopeOf(staffA), orgA.id, h.actorOf(staffA))).rejects.toMatchObject(denied);
    await expect(h.useCases.orgs.delete(h.scopeOf(adminA), orgB.id, h.actorOf(adminA))).rejects.toMatchObject(
      notFound('ORG_NOT_FOUND'),
    );
    await h.useCases.orgs.delete(h.scopeOf(superAdmin), orgB.id, h.actorOf(superAdmin));
    expect(await h.ports.orgs.findById(orgB.id)).toBeNull();
  });

  it('never deletes the platform org', async () => {
    const { h, platform, superAdmin } = w;
    await expect(
      h.useCases.orgs.delete(h.scopeOf(superAdmin), platform.id, h.actorOf(superAdmin)),
    ).rejects.toMatchObject(denied);
    expect(await h.ports.orgs.findById(platform.id)).not.toBeNull();
    expect(auditOf(h, 'ACCESS_DENIED')[0]?.details).toMatchObject({ rule: 'platform_org' });
  });
});
