import type { CareDirectory } from '../../../application/ports/care-directory';
import { TOKENS } from '../../../application/ports/tokens';
import { CAREGIVER_NOT_FOUND, createPatientWorld, entriesOf, type PatientWorld } from './patient-world';

let w: PatientWorld;

beforeEach(async () => {
  w = await createPatientWorld();
});

afterEach(async () => {
  await w.h.close();
});

describe('AssignCaregiver / UnassignCaregiver', () => {
  it('assigns idempotently, audits each call on the care team, emits one event', async () => {
    const { h, adminA, staffA2, unassignedA, orgA } = w;
    const first = await h.useCases.assignCaregiver.execute(
      h.scopeOf(adminA),
      unassignedA.id,
      staffA2.id,
      h.actorOf(adminA),
    );
    const again = await h.useCases.assignCaregiver.execute(
      h.scopeOf(adminA),
      unassignedA.id,
      staffA2.id,
      h.actorOf(adminA),
    );
    expect(first.caregiverIds).toEqual([staffA2.id]);
    expect(again.caregiverIds).toEqual([staffA2.id]);
    expect(await h.ports.careTeam.ofPatients([unassignedA.id])).toHaveLength(1);
    const [assignment] = await h.ports.careTeam.ofPatients([unassignedA.id]);
    expect(assignment).toMatchObject({ orgId: orgA.id, assignedBy: adminA.id, assignedAt: h.clock.now() });
    expect(entriesOf(h, 'CREATE')).toEqual([
      expect.objectContaining({
        resourceType: 'careTeam',
        resourceId: assignment?.id,
        patientIds: [unassignedA.id],
        details: { phiAccessed: true, caregiverId: staffA2.id, alreadyAssigned: false },
      }),
      expect.objectContaining({ details: expect.objectContaining({ alreadyAssigned: true }) }),
    ]);
    expect(await h.eventTypes()).toEqual(['CaregiverAssigned']);
  });

  it('accepts invited caregivers, refuses other orgs’ (404, audited) and unverified accounts (400)', async () => {
    const { h, adminA, staffB, unassignedA, orgA } = w;
    const invited = await h.newCaregiver(orgA.id, 'invited');
    const view = await h.useCases.assignCaregiver.execute(
      h.scopeOf(adminA),
      unassignedA.id,
      invited.id,
      h.actorOf(adminA),
    );
    expect(view.caregiverIds).toEqual([invited.id]);
    await expect(
      h.useCases.assignCaregiver.execute(h.scopeOf(adminA), unassignedA.id, staffB.id, h.actorOf(adminA)),
    ).rejects.toMatchObject(CAREGIVER_NOT_FOUND);
    expect(entriesOf(h, 'ACCESS_DENIED')).toEqual([
      expect.objectContaining({
        resourceType: 'caregiver',
        resourceId: staffB.id,
        details: expect.objectContaining({ rule: 'other_org_caregiver' }),
      }),
    ]);
    await expect(
      h.useCases.assignCaregiver.execute(h.scopeOf(adminA), unassignedA.id, 'e'.repeat(24), h.actorOf(adminA)),
    ).rejects.toMatchObject(CAREGIVER_NOT_FOUND);
    const unverified = await h.newCaregiver(orgA.id, 'unverified');
    await expect(
      h.useCases.assignCaregiver.execute(h.scopeOf(adminA), unassignedA.id, unverified.id, h.actorOf(adminA)),
    ).rejects.toMatchObject({ kind: 'invalid', message: 'Caregiver cannot be assigned to patients' });
    expect((await h.ports.careTeam.ofPatients([unassignedA.id])).map((a) => a.caregiverId)).toEqual([invited.id]);
  });

  it('unassigns idempotently; the patient then shows up as unassigned', async () => {
    const { h, adminA, staffA, assigned } = w;
    const view = await h.useCases.unassignCaregiver.execute(
      h.scopeOf(adminA),
      assigned.id,
      staffA.id,
      h.actorOf(adminA),
    );
    expect(view.caregiverIds).toEqual([]);
    const again = await h.useCases.unassignCaregiver.execute(
      h.scopeOf(adminA),
      assigned.id,
      staffA.id,
      h.actorOf(adminA),
    );
    expect(again.patient).toEqual(assigned);
    expect(entriesOf(h, 'DELETE').map((e) => [e.resourceType, e.details['wasAssigned']])).toEqual([
      ['careTeam', true],
      ['careTeam', false],
    ]);
    const unassigned = await h.useCases.listUnassigned.execute(h.scopeOf(adminA), {}, h.actorOf(adminA));
    expect(unassigned.map((v) => v.patient.id)).toEqual([assigned.id, w.unassignedA.id]);
    expect(await h.eventTypes()).toEqual(['CaregiverUnassigned']);
  });
});

describe('ListPatientCaregivers', () => {
  it('answers the team in assignment order, each caregiver with their patient refs', async () => {
    const { h, adminA, staffA, staffA2, assigned } = w;
    h.clock.advance(5000);
    await h.useCases.assignCaregiver.execute(h.scopeOf(adminA), assigned.id, staffA2.id, h.actorOf(adminA));
    const team = await h.useCases.listCaregivers.execute(h.scopeOf(adminA), assigned.id, h.actorOf(adminA));
    expect(team.map((v) => v.caregiver.id)).toEqual([staffA.id, staffA2.id]);
    expect(team[0]?.patients).toEqual([
      { id: assigned.id, name: assigned.name, email: assigned.email, phone: assigned.phone, avatar: '' },
    ]);
    expect(entriesOf(h, 'READ').at(-1)).toMatchObject({
      resourceType: 'careTeam',
      resourceId: assigned.id,
      patientIds: [assigned.id],
      details: { count: 2 },
    });
  });
});

describe('ListUnassignedPatients', () => {
  it('answers the org’s active patients without assignment; superAdmin may name the org; audited', async () => {
    const { h, adminA, superAdmin, orgA, orgB, unassignedA } = w;
    const mine = await h.useCases.listUnassigned.execute(h.scopeOf(adminA), {}, h.actorOf(adminA));
    expect(mine.map((v) => v.patient.id)).toEqual([unassignedA.id]);
    expect(entriesOf(h, 'READ').at(-1)).toMatchObject({
      resourceId: 'list',
      orgId: orgA.id,
      patientIds: [unassignedA.id],
      details: { count: 1, filter: 'unassigned' },
    });
    const bOrphan = await h.newPatient(orgB.id, { name: 'Orphan' });
    const theirs = await h.useCases.listUnassigned.execute(
      h.scopeOf(superAdmin),
      { orgId: orgB.id },
      h.actorOf(superAdmin),
    );
    expect(theirs.map((v) => v.patient.id)).toEqual([bOrphan.id]);
    await expect(
      h.useCases.listUnassigned.execute(h.scopeOf(superAdmin), { orgId: 'e'.repeat(24) }, h.actorOf(superAdmin)),
    ).rejects.toMatchObject({ kind: 'not-found', message: 'Org not found' });
  });
});

describe('AssignUnassignedPatients', () => {
  it('assigns every listed patient of the org in one go, keeps existing teams, skips other ids', async () => {
    const { h, adminA, staffA, staffA2, assigned, unassignedA, patientB } = w;
    const views = await h.useCases.assignUnassigned.execute(
      h.scopeOf(adminA),
      { caregiverId: staffA2.id, patientIds: [unassignedA.id, patientB.id, 'e'.repeat(24), assigned.id] },
      h.actorOf(adminA),
    );
    expect(views.map((v) => [v.patient.id, v.caregiverIds])).toEqual([
      [unassignedA.id, [staffA2.id]],
      [assigned.id, [staffA.id, staffA2.id]],
    ]);
    expect(await h.ports.careTeam.ofPatients([patientB.id])).toHaveLength(1);
    expect(entriesOf(h, 'CREATE')).toEqual([
      expect.objectContaining({
        resourceType: 'careTeam',
        resourceId: 'list',
        patientIds: [unassignedA.id, assigned.id],
        details: { phiAccessed: true, caregiverId: staffA2.id, count: 2, newlyAssigned: 2 },
      }),
    ]);
    expect(await h.useCases.listUnassigned.execute(h.scopeOf(adminA), {}, h.actorOf(adminA))).toEqual([]);
  });

  it('rolls every assignment back when one fails', async () => {
    const { h, adminA, staffA2, assigned, unassignedA } = w;
    const insert = h.ports.careTeam.insert.bind(h.ports.careTeam);
    let calls = 0;
    jest.spyOn(h.ports.careTeam, 'insert').mockImplementation(async (assignment) => {
      calls += 1;
      if (calls === 2) throw new Error('store failed');
      return insert(assignment);
    });
    await expect(
      h.useCases.assignUnassigned.execute(
        h.scopeOf(adminA),
        { caregiverId: staffA2.id, patientIds: [unassignedA.id, assigned.id] },
        h.actorOf(adminA),
      ),
    ).rejects.toThrow('store failed');
    expect(await h.ports.careTeam.assignedPatientIds(staffA2.id)).toEqual([]);
    expect(entriesOf(h, 'CREATE')).toEqual([]);
  });
});

describe('PatientCareDirectory (what identity reads)', () => {
  const directoryOf = (world: PatientWorld) => world.h.container.get<CareDirectory>(TOKENS.identity.CareDirectory);

  it('answers org patient ids, assigned refs and the login patients in the role view', async () => {
    const { h, orgA, staffA, adminA, assigned, unassignedA, adminsOnly } = w;
    const directory = directoryOf(w);
    expect(await directory.patientIdsOfOrg(orgA.id)).toEqual([assigned.id, unassignedA.id, adminsOnly.id]);
    expect(await directory.assignedPatientRefs(staffA.id)).toEqual([
      { id: assigned.id, name: assigned.name, email: assigned.email, phone: assigned.phone, avatar: '' },
    ]);
    const staffLogin = (await directory.loginPatients(staffA.id, 'staff')) as Array<Record<string, unknown>>;
    expect(staffLogin).toEqual([expect.objectContaining({ id: assigned.id, caregivers: [staffA.id], schedules: [] })]);
    expect(staffLogin[0]).not.toHaveProperty('age');
    expect(staffLogin[0]).not.toHaveProperty('notes');
    const adminLogin = (await directory.loginPatients(adminA.id, 'orgAdmin')) as Array<Record<string, unknown>>;
    expect(adminLogin).toEqual([expect.objectContaining({ id: adminsOnly.id, age: null, notes: null })]);
    expect(await directory.loginAlerts(staffA.id)).toEqual([]);
    // Only the patient reads: handing out the login alerts is audited by the alerts context itself.
    expect(
      entriesOf(h, 'READ')
        .filter((e) => e.resourceType === 'patient')
        .map((e) => [e.actorId, e.patientIds, e.details['via']]),
    ).toEqual([
      [staffA.id, [assigned.id], 'login'],
      [adminA.id, [adminsOnly.id], 'login'],
    ]);
  });

  it('is the directory identity uses: a deleted caregiver leaves the care team, admins see the patients', async () => {
    const { h, adminA, staffA, assigned } = w;
    const view = await h.identity.caregivers.get(h.scopeOf(adminA), staffA.id, h.actorOf(adminA));
    expect(view.patients.map((p) => p.id)).toEqual([assigned.id]);
    await h.identity.caregivers.delete(h.scopeOf(adminA), staffA.id, h.actorOf(adminA));
    expect(await h.ports.careTeam.ofPatients([assigned.id])).toEqual([]);
    const unassigned = await h.useCases.listUnassigned.execute(h.scopeOf(adminA), {}, h.actorOf(adminA));
    expect(unassigned.map((v) => v.patient.id)).toContain(assigned.id);
    expect(await h.eventTypes()).toEqual(['CaregiverUnassigned']);
  });

  it('counts patients for the last-orgAdmin rule', async () => {
    const { h, orgB, adminB, staffB } = w;
    await h.identity.caregivers.delete(h.scopeOf(adminB), staffB.id, h.actorOf(adminB));
    await expect(h.identity.caregivers.delete(h.scopeOf(adminB), adminB.id, h.actorOf(adminB))).rejects.toMatchObject({
      reason: 'LAST_ORG_ADMIN',
    });
    await h.useCases.delete.execute(h.scopeOf(adminB), w.patientB.id, h.actorOf(adminB));
    await h.identity.caregivers.delete(h.scopeOf(adminB), adminB.id, h.actorOf(adminB));
    expect(await h.ports.caregivers.listByOrg(orgB.id)).toEqual([]);
  });
});
