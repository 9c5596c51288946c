import type { Patient } from '../../../domain/patients/patient';
import type { OutboxStore } from '../../../application/ports/event-outbox';
import { TOKENS } from '../../../application/ports/tokens';
import type { MemoryDatabase } from '../../../adapters/persistence/memory/memory-database';
import { INFRA } from '../../../bootstrap/infra-tokens';
import {
  createPatientWorld,
  DENIED,
  entriesOf,
  firstPage,
  PATIENT_NOT_FOUND,
  type PatientWorld,
} from './patient-world';

let w: PatientWorld;

beforeEach(async () => {
  w = await createPatientWorld();
});

afterEach(async () => {
  await w.h.close();
});

const EMAIL_TAKEN = { kind: 'conflict', message: 'Email already taken', reason: 'EMAIL_TAKEN' };

describe('CreatePatient', () => {
  it('creates in the orgAdmin’s org, with defaults, the creator and the listed caregivers on the team', async () => {
    const { h, adminA, staffA, orgA } = w;
    const view = await h.useCases.create.execute(
      h.scopeOf(adminA),
      { name: 'Edna Egg', phone: '+16045550123', caregiverIds: [staffA.id, adminA.id] },
      h.actorOf(adminA),
    );
    expect(view.patient).toMatchObject({
      orgId: orgA.id,
      name: 'Edna Egg',
      phone: '+16045550123',
      email: null,
      preferredName: null,
      preferredLanguage: 'en',
      timezone: null,
      age: null,
      notes: null,
      avatar: null,
      isEmailVerified: false,
      lastContactAt: null,
      version: 1,
    });
    expect(view.caregiverIds).toEqual([adminA.id, staffA.id]);
    expect(view.schedules).toEqual([]);
    expect(await h.ports.patients.findById(view.patient.id)).toEqual(view.patient);
    expect(await h.ports.careTeam.assignedPatientIds(staffA.id)).toContain(view.patient.id);
    expect(entriesOf(h, 'CREATE')).toEqual([
      expect.objectContaining({
        outcome: 'success',
        actorId: adminA.id,
        orgId: orgA.id,
        resourceType: 'patient',
        resourceId: view.patient.id,
        patientIds: [view.patient.id],
        details: expect.objectContaining({ phiAccessed: true, caregiverCount: 2 }),
      }),
    ]);
    expect(await h.eventTypes()).toEqual(['CaregiverAssigned', 'CaregiverAssigned', 'PatientCreated']);
  });

  it('keeps PHI out of the audit entry and the events', async () => {
    const { h, adminA } = w;
    await h.useCases.create.execute(
      h.scopeOf(adminA),
      { name: 'Zelda Zither', phone: '+16045550177', email: 'zelda@example.org', notes: 'hates mornings' },
      h.actorOf(adminA),
    );
    const pending = await h.container
      .get<OutboxStore>(TOKENS.shared.OutboxStore)
      .pending(100, new Date(h.clock.now().getTime() + 60_000));
    expect(pending).toHaveLength(2);
    const written = JSON.stringify([h.audit(), pending]);
    for (const value of ['Zelda', 'zelda@example.org', '6045550177', 'hates mornings']) {
      expect(written).not.toContain(value);
    }
  });

  it('lets a superAdmin create in the org they name, without joining the team; the org is required', async () => {
    const { h, superAdmin, orgB } = w;
    const view = await h.useCases.create.execute(
      h.scopeOf(superAdmin),
      { orgId: orgB.id, name: 'Fay Fern', phone: '+16045550124' },
      h.actorOf(superAdmin),
    );
    expect(view.patient.orgId).toBe(orgB.id);
    expect(view.caregiverIds).toEqual([]);
    await expect(
      h.useCases.create.execute(h.scopeOf(superAdmin), { name: 'X', phone: '+16045550124' }, h.actorOf(superAdmin)),
    ).rejects.toMatchObject({ kind: 'invalid', message: '"org" is required' });
    await expect(
      h.useCases.create.execute(
        h.scopeOf(superAdmin),
        { orgId: 'e'.repeat(24), name: 'X', phone: '+16045550124' },
        h.actorOf(superAdmin),
      ),
    ).rejects.toMatchObject({ kind: 'not-found', message: 'Org not found' });
  });

  it('refuses a caregiver of another org (404) or one who cannot be assigned, creating nothing', async () => {
    const { h, adminA, staffB, orgA } = w;
    const before = await h.ports.patients.idsOfOrg(orgA.id);
    await expect(
      h.useCases.create.execute(
        h.scopeOf(adminA),
        { name: 'G', phone: '+16045550125', caregiverIds: [staffB.id] },
        h.actorOf(adminA),
      ),
    ).rejects.toMatchObject({ kind: 'not-found', message: 'Caregiver not found' });
    const unverified = await h.newCaregiver(orgA.id, 'unverified');
    await expect(
      h.useCases.create.execute(
        h.scopeOf(adminA),
        { name: 'G', phone: '+16045550125', caregiverIds: [unverified.id] },
        h.actorOf(adminA),
      ),
    ).rejects.toMatchObject({ kind: 'invalid', message: 'Caregiver cannot be assigned to patients' });
    const invited = await h.newCaregiver(orgA.id, 'invited');
    const ok = await h.useCases.create.execute(
      h.scopeOf(adminA),
      { name: 'G', phone: '+16045550125', caregiverIds: [invited.id] },
      h.actorOf(adminA),
    );
    expect(ok.caregiverIds).toEqual([adminA.id, invited.id]);
    expect(await h.ports.patients.idsOfOrg(orgA.id)).toEqual([...before, ok.patient.id]);
  });

  it('keeps e-mails unique within the org only, and undoes everything when embedded schedules fail', async () => {
    const { h, adminA, adminB, orgA, assigned } = w;
    const taken = { name: 'H', phone: '+16045550126', email: assigned.email };
    await expect(h.useCases.create.execute(h.scopeOf(adminA), taken, h.actorOf(adminA))).rejects.toMatchObject(
      EMAIL_TAKEN,
    );
    const elsewhere = await h.useCases.create.execute(h.scopeOf(adminB), taken, h.actorOf(adminB));
    expect(elsewhere.patient.email).toBe(assigned.email);
    const withoutEmail = await h.useCases.create.execute(
      h.scopeOf(adminA),
      { name: 'I', phone: '+16045550126' },
      h.actorOf(adminA),
    );
    const alsoWithout = await h.useCases.create.execute(
      h.scopeOf(adminA),
      { name: 'J', phone: '+16045550126', email: null },
      h.actorOf(adminA),
    );
    expect([withoutEmail.patient.email, alsoWithout.patient.email]).toEqual([null, null]);

    const count = (await h.ports.patients.idsOfOrg(orgA.id)).length;
    const audits = h.audit().length;
    await expect(
      h.useCases.create.execute(
        h.scopeOf(adminA),
        { name: 'K', phone: '+16045550126', schedules: [{ frequency: 'weekly', time: '09:00' }] },
        h.actorOf(adminA),
      ),
    ).rejects.toMatchObject({ kind: 'invalid' });
    expect(await h.ports.patients.idsOfOrg(orgA.id)).toHaveLength(count);
    expect(h.audit()).toHaveLength(audits);
  });
});

describe('ListPatients', () => {
  it('lists the admin’s org oldest first with the role-independent page envelope', async () => {
    const { h, adminA, assigned, unassignedA, adminsOnly, staffA } = w;
    const page = await h.useCases.list.execute(h.scopeOf(adminA), firstPage, h.actorOf(adminA));
    expect(page).toMatchObject({ page: 1, limit: 100, totalPages: 1, totalResults: 3 });
    expect(page.results.map((v) => v.patient.id)).toEqual([assigned.id, unassignedA.id, adminsOnly.id]);
    expect(page.results.map((v) => v.caregiverIds)).toEqual([[staffA.id], [], [adminA.id]]);
  });

  it('filters by name substring (case-insensitive) and exact e-mail, sorts by name/email, paginates', async () => {
    const { h, adminA, assigned, unassignedA, adminsOnly } = w;
    const scope = h.scopeOf(adminA);
    const actor = h.actorOf(adminA);
    const byName = await h.useCases.list.execute(scope, { ...firstPage, nameContains: 'BUTTON' }, actor);
    expect(byName.results.map((v) => v.patient.id)).toEqual([unassignedA.id]);
    const byEmail = await h.useCases.list.execute(scope, { ...firstPage, email: adminsOnly.email! }, actor);
    expect(byEmail.results.map((v) => v.patient.id)).toEqual([adminsOnly.id]);
    const desc = await h.useCases.list.execute(
      scope,
      { ...firstPage, sort: [{ field: 'name', direction: 'desc' }] },
      actor,
    );
    expect(desc.results.map((v) => v.patient.name)).toEqual(['Cora Cello', 'Barnaby Button', 'Agnes Alphabet']);
    const newest = await h.useCases.list.execute(
      scope,
      { ...firstPage, sort: [{ field: 'createdAt', direction: 'desc' }] },
      actor,
    );
    expect(newest.results.map((v) => v.patient.id)).toEqual([adminsOnly.id, unassignedA.id, assigned.id]);
    const second = await h.useCases.list.execute(scope, { ...firstPage, page: 2, limit: 2 }, actor);
    expect(second).toMatchObject({ page: 2, limit: 2, totalPages: 2, totalResults: 3 });
    expect(second.results.map((v) => v.patient.id)).toEqual([adminsOnly.id]);
    const beyond = await h.useCases.list.execute(scope, { ...firstPage, page: 9, limit: 2 }, actor);
    expect(beyond).toMatchObject({ results: [], totalPages: 2, totalResults: 3 });
  });

  it('breaks sort ties by id and audits each list read with the ids returned', async () => {
    const { h, adminA, orgA } = w;
    const twins = [
      await h.newPatient(orgA.id, { name: 'Same Name' }),
      await h.newPatient(orgA.id, { name: 'Same Name' }),
    ].sort((a, b) => (a.id < b.id ? -1 : 1));
    const page = await h.useCases.list.execute(
      h.scopeOf(adminA),
      { ...firstPage, nameContains: 'same', sort: [{ field: 'name', direction: 'asc' }] },
      h.actorOf(adminA),
    );
    expect(page.results.map((v) => v.patient.id)).toEqual(twins.map((p) => p.id));
    expect(entriesOf(h, 'READ').at(-1)).toMatchObject({
      resourceType: 'patient',
      resourceId: 'list',
      orgId: orgA.id,
      patientIds: twins.map((p) => p.id),
      details: { phiAccessed: true, count: 2, totalResults: 2 },
    });
  });

  it('leaves deleted patients out', async () => {
    const { h, adminA, unassignedA } = w;
    await h.useCases.delete.execute(h.scopeOf(adminA), unassignedA.id, h.actorOf(adminA));
    const page = await h.useCases.list.execute(h.scopeOf(adminA), firstPage, h.actorOf(adminA));
    expect(page.results.map((v) => v.patient.id)).not.toContain(unassignedA.id);
    expect(page.totalResults).toBe(2);
  });
});

describe('GetPatient', () => {
  it('returns the patient with its team and audits a READ naming it', async () => {
    const { h, staffA, assigned } = w;
    const view = await h.useCases.get.execute(h.scopeOf(staffA), assigned.id, h.actorOf(staffA));
    expect(view).toEqual({ patient: assigned, caregiverIds: [staffA.id], schedules: [] });
    expect(entriesOf(h, 'READ')).toEqual([
      expect.objectContaining({
        actorId: staffA.id,
        resourceType: 'patient',
        resourceId: assigned.id,
        patientIds: [assigned.id],
        details: { phiAccessed: true },
      }),
    ]);
  });
});

describe('UpdatePatient', () => {
  it('lets an admin change every editable field; null clears optional ones', async () => {
    const { h, adminA, assigned } = w;
    const view = await h.useCases.update.execute(
      h.scopeOf(adminA),
      assigned.id,
      {
        name: 'Agnes A.',
        email: 'agnes.new@example.org',
        phone: '+16045550999',
        preferredLanguage: 'ko',
        preferredName: 'Aggie',
        timezone: 'Europe/Paris',
        age: 82,
        notes: null,
        avatar: { kind: 'url', url: 'https://cdn.example.org/a.png' },
      },
      {},
      h.actorOf(adminA),
    );
    expect(view.patient).toMatchObject({
      name: 'Agnes A.',
      email: 'agnes.new@example.org',
      phone: '+16045550999',
      preferredLanguage: 'ko',
      preferredName: 'Aggie',
      timezone: 'Europe/Paris',
      age: 82,
      notes: null,
      avatar: 'https://cdn.example.org/a.png',
      version: 2,
    });
    expect(entriesOf(h, 'UPDATE')).toEqual([
      expect.objectContaining({
        resourceId: assigned.id,
        patientIds: [assigned.id],
        details: {
          phiAccessed: true,
          changedFields: 'name,email,phone,avatar,preferredLanguage,preferredName,timezone,age,notes',
        },
      }),
    ]);
    expect(await h.eventTypes()).toEqual(['PatientUpdated']);
  });

  it('keeps the avatar for a device-local URI and writes nothing when nothing changes', async () => {
    const { h, adminA, assigned } = w;
    const view = await h.useCases.update.execute(
      h.scopeOf(adminA),
      assigned.id,
      { avatar: { kind: 'keep' }, name: assigned.name, age: assigned.age },
      { id: assigned.id, org: assigned.orgId },
      h.actorOf(adminA),
    );
    expect(view.patient).toEqual(assigned);
    expect(entriesOf(h, 'UPDATE')[0]?.details).toMatchObject({ changedFields: '' });
    expect(await h.eventTypes()).toEqual([]);
  });

  it('answers 400 for an echoed id or org that differs from the stored patient', async () => {
    const { h, adminA, assigned, orgB } = w;
    await expect(
      h.useCases.update.execute(
        h.scopeOf(adminA),
        assigned.id,
        { name: 'X' },
        { id: 'a'.repeat(24) },
        h.actorOf(adminA),
      ),
    ).rejects.toMatchObject({ kind: 'invalid', message: `"id" must be [${assigned.id}]` });
    await expect(
      h.useCases.update.execute(h.scopeOf(adminA), assigned.id, { name: 'X' }, { org: orgB.id }, h.actorOf(adminA)),
    ).rejects.toMatchObject({ kind: 'invalid', message: `"org" must be [${assigned.orgId}]` });
    expect(await h.ports.patients.findById(assigned.id)).toEqual(assigned);
  });

  it('lets assigned staff change the care fields only; other fields only as echoes of the stored value', async () => {
    const { h, staffA, assigned } = w;
    const scope = h.scopeOf(staffA);
    const actor = h.actorOf(staffA);
    const view = await h.useCases.update.execute(
      scope,
      assigned.id,
      {
        preferredName: 'Nana',
        preferredLanguage: 'es',
        timezone: 'America/Vancouver',
        notes: 'likes tea',
        avatar: { kind: 'clear' },
        name: assigned.name,
        phone: assigned.phone,
        email: assigned.email,
      },
      { id: assigned.id },
      actor,
    );
    expect(view.patient).toMatchObject({ preferredName: 'Nana', preferredLanguage: 'es', notes: 'likes tea' });
    for (const changes of [{ name: 'Other' }, { phone: '+16045550000' }, { email: 'x@example.org' }, { age: 90 }]) {
      await expect(h.useCases.update.execute(scope, assigned.id, changes, {}, actor)).rejects.toMatchObject(DENIED);
    }
    expect(entriesOf(h, 'ACCESS_DENIED').map((e) => e.details['rule'])).toEqual([
      'care_fields_only:name',
      'care_fields_only:phone',
      'care_fields_only:email',
      'care_fields_only:age',
    ]);
    expect((await h.ports.patients.findById(assigned.id))?.version).toBe(2);
  });

  it('answers 409 for an address used by another patient of the org, never for one of another org', async () => {
    const { h, adminA, adminB, assigned, unassignedA, patientB } = w;
    await expect(
      h.useCases.update.execute(h.scopeOf(adminA), assigned.id, { email: unassignedA.email }, {}, h.actorOf(adminA)),
    ).rejects.toMatchObject(EMAIL_TAKEN);
    const moved = await h.useCases.update.execute(
      h.scopeOf(adminB),
      patientB.id,
      { email: assigned.email },
      {},
      h.actorOf(adminB),
    );
    expect(moved.patient.email).toBe(assigned.email);
    const cleared = await h.useCases.update.execute(
      h.scopeOf(adminA),
      assigned.id,
      { email: null },
      {},
      h.actorOf(adminA),
    );
    expect(cleared.patient.email).toBeNull();
  });

  it('reports a concurrent change as 409 STALE_VERSION from the store', async () => {
    const { h, assigned } = w;
    await h.ports.patients.update({ ...assigned, name: 'First' });
    await expect(h.ports.patients.update({ ...assigned, name: 'Second' })).rejects.toMatchObject({
      kind: 'conflict',
      reason: 'STALE_VERSION',
    });
  });
});

describe('DeletePatient', () => {
  it('soft-deletes in one go: gone from reads, assignments removed, address free, audited as high risk', async () => {
    const { h, adminA, staffA, assigned, orgA } = w;
    await h.useCases.delete.execute(h.scopeOf(adminA), assigned.id, h.actorOf(adminA));
    await expect(h.useCases.get.execute(h.scopeOf(adminA), assigned.id, h.actorOf(adminA))).rejects.toMatchObject(
      PATIENT_NOT_FOUND,
    );
    await expect(h.useCases.delete.execute(h.scopeOf(adminA), assigned.id, h.actorOf(adminA))).rejects.toMatchObject(
      PATIENT_NOT_FOUND,
    );
    expect(await h.ports.careTeam.ofPatients([assigned.id])).toEqual([]);
    expect(await h.ports.careTeam.assignedPatientIds(staffA.id)).toEqual([]);
    expect(await h.ports.patients.isEmailTaken(orgA.id, assigned.email!)).toBe(false);
    const stored = h.container
      .get<MemoryDatabase>(INFRA.MemoryDatabase)
      .collection<Patient>('patients')
      .get(assigned.id);
    expect(stored?.deletedAt?.getTime()).toBe(h.clock.now().getTime());
    expect(stored?.name).toBe(assigned.name);
    expect(entriesOf(h, 'DELETE')).toEqual([
      expect.objectContaining({
        resourceType: 'patient',
        resourceId: assigned.id,
        patientIds: [assigned.id],
        details: { phiAccessed: true, highRisk: true, assignmentsRemoved: 1 },
      }),
    ]);
    expect(await h.eventTypes()).toEqual(['CaregiverUnassigned', 'PatientDeleted']);
  });

  it('calls the schedules hook inside the transaction: its failure undoes the delete', async () => {
    const { h, adminA, assigned } = w;
    const hook = jest
      .spyOn(h.ports.schedules, 'patientDeleted')
      .mockRejectedValueOnce(new Error('schedules store down'));
    await expect(h.useCases.delete.execute(h.scopeOf(adminA), assigned.id, h.actorOf(adminA))).rejects.toThrow(
      'schedules store down',
    );
    expect(hook).toHaveBeenCalledWith(expect.objectContaining({ id: assigned.id }), h.actorOf(adminA));
    expect(await h.ports.patients.findById(assigned.id)).toEqual(assigned);
    expect(await h.ports.careTeam.ofPatients([assigned.id])).toHaveLength(1);
    expect(entriesOf(h, 'DELETE')).toEqual([]);
  });
});

describe('UploadPatientAvatar', () => {
  const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 7]);

  it('links the stored image, audits the change, and removes the new image when the change fails', async () => {
    const { h, adminA, assigned } = w;
    const view = await h.useCases.uploadAvatar.execute(h.scopeOf(adminA), assigned.id, PNG, h.actorOf(adminA));
    const name = view.patient.avatar!.split('/uploads/')[1];
    expect(view.patient.avatar).toBe(`${h.config.http.publicBaseUrl}/uploads/${name}`);
    expect(await h.ports.media.get(name)).toMatchObject({ contentType: 'image/png' });
    expect(entriesOf(h, 'UPDATE')).toEqual([
      expect.objectContaining({
        resourceId: assigned.id,
        details: { phiAccessed: true, changedFields: 'avatar', upload: true },
      }),
    ]);

    const put = jest.spyOn(h.ports.media, 'put');
    const removed = jest.spyOn(h.ports.media, 'delete');
    jest.spyOn(h.ports.patients, 'update').mockRejectedValueOnce(new Error('store down'));
    await expect(
      h.useCases.uploadAvatar.execute(h.scopeOf(adminA), assigned.id, PNG, h.actorOf(adminA)),
    ).rejects.toThrow('store down');
    const orphan = await put.mock.results[0].value;
    expect(removed).toHaveBeenCalledWith(orphan);
    expect(await h.ports.media.get(orphan as string)).toBeNull();
    expect(await h.ports.media.get(name)).not.toBeNull();
    expect((await h.ports.patients.findById(assigned.id))?.avatar).toBe(view.patient.avatar);
  });

  it('refuses a non-image before storing anything, and stops at 10 uploads an hour per caregiver', async () => {
    const { h, adminA, assigned } = w;
    const put = jest.spyOn(h.ports.media, 'put');
    await expect(
      h.useCases.uploadAvatar.execute(h.scopeOf(adminA), assigned.id, Uint8Array.from([1, 2, 3]), h.actorOf(adminA)),
    ).rejects.toMatchObject({ kind: 'invalid', message: 'Only JPEG, PNG or WebP images are allowed' });
    expect(put).not.toHaveBeenCalled();
    for (let i = 0; i < 10; i += 1) {
      await h.useCases.uploadAvatar.execute(h.scopeOf(adminA), assigned.id, PNG, h.actorOf(adminA));
    }
    await expect(
      h.useCases.uploadAvatar.execute(h.scopeOf(adminA), assigned.id, PNG, h.actorOf(adminA)),
    ).rejects.toMatchObject({ kind: 'rate-limited' });
    expect(put).toHaveBeenCalledTimes(10);
  });

  it('never lets an update point at another record’s stored image', async () => {
    const { h, adminA, assigned, unassignedA } = w;
    const theirs = await h.useCases.uploadAvatar.execute(h.scopeOf(adminA), assigned.id, PNG, h.actorOf(adminA));
    const view = await h.useCases.update.execute(
      h.scopeOf(adminA),
      unassignedA.id,
      { avatar: { kind: 'url', url: theirs.patient.avatar! } },
      {},
      h.actorOf(adminA),
    );
    expect(view.patient.avatar).toBeNull();
  });
});
