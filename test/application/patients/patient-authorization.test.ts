import type { Caregiver } from '../../../domain/identity/caregiver';
import type { Patient } from '../../../domain/patients/patient';
import {
  createPatientWorld,
  DENIED,
  entriesOf,
  firstPage,
  PATIENT_NOT_FOUND,
  type PatientWorld,
} from './patient-world';

/**
 * QUALITY.md S2 for the patients context: every id-taking use-case against every caller the matrix of
 * API-CONTRACT.md §2.8 distinguishes. "other org" callers must get exactly the answer of a missing patient, and
 * every refusal leaves an ACCESS_DENIED entry and the data unchanged.
 */
type Outcome = 'allow' | 'forbidden' | 'not-found';

const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]);

type Run = (w: PatientWorld, caller: Caregiver, patient: Patient) => Promise<unknown>;

const useCases: ReadonlyArray<readonly [string, Run]> = [
  ['get', (w, c, p) => w.h.useCases.get.execute(w.h.scopeOf(c), p.id, w.h.actorOf(c))],
  [
    'update (care field)',
    (w, c, p) => w.h.useCases.update.execute(w.h.scopeOf(c), p.id, { preferredName: 'Nana' }, {}, w.h.actorOf(c)),
  ],
  ['delete', (w, c, p) => w.h.useCases.delete.execute(w.h.scopeOf(c), p.id, w.h.actorOf(c))],
  [
    'assignCaregiver',
    (w, c, p) =>
      w.h.useCases.assignCaregiver.execute(
        w.h.scopeOf(c),
        p.id,
        p.orgId === w.orgA.id ? w.staffA2.id : w.staffB.id,
        w.h.actorOf(c),
      ),
  ],
  [
    'unassignCaregiver',
    (w, c, p) =>
      w.h.useCases.unassignCaregiver.execute(
        w.h.scopeOf(c),
        p.id,
        p.orgId === w.orgA.id ? w.staffA.id : w.staffB.id,
        w.h.actorOf(c),
      ),
  ],
  ['listCaregivers', (w, c, p) => w.h.useCases.listCaregivers.execute(w.h.scopeOf(c), p.id, w.h.actorOf(c))],
  ['uploadAvatar', (w, c, p) => w.h.useCases.uploadAvatar.execute(w.h.scopeOf(c), p.id, JPEG, w.h.actorOf(c))],
];

/** Caller, patient, and the expected outcome per use-case (in the order of `useCases`). */
const matrix: ReadonlyArray<
  readonly [string, (w: PatientWorld) => Caregiver, (w: PatientWorld) => Patient, readonly Outcome[]]
> = [
  [
    'staff, assigned patient',
    (w) => w.staffA,
    (w) => w.assigned,
    ['allow', 'allow', 'forbidden', 'forbidden', 'forbidden', 'forbidden', 'allow'],
  ],
  [
    'staff, unassigned patient of the own org',
    (w) => w.staffA2,
    (w) => w.assigned,
    ['forbidden', 'forbidden', 'forbidden', 'forbidden', 'forbidden', 'forbidden', 'forbidden'],
  ],
  [
    'orgAdmin, own org',
    (w) => w.adminA2,
    (w) => w.assigned,
    ['allow', 'allow', 'allow', 'allow', 'allow', 'allow', 'allow'],
  ],
  [
    'superAdmin, any org',
    (w) => w.superAdmin,
    (w) => w.patientB,
    ['allow', 'allow', 'allow', 'allow', 'allow', 'allow', 'allow'],
  ],
  [
    'orgAdmin, other org',
    (w) => w.adminB,
    (w) => w.assigned,
    ['not-found', 'not-found', 'not-found', 'not-found', 'not-found', 'not-found', 'not-found'],
  ],
  [
    'staff, other org',
    (w) => w.staffB,
    (w) => w.assigned,
    ['not-found', 'not-found', 'not-found', 'not-found', 'not-found', 'not-found', 'not-found'],
  ],
];

const cases = matrix.flatMap(([who, caller, patient, outcomes]) =>
  useCases.map(([name, run], index) => [name, who, outcomes[index], caller, patient, run] as const),
);

describe('patient use-cases: permission matrix and cross-org access', () => {
  it('has an expected outcome for every use-case in every row', () => {
    for (const [, , , outcomes] of matrix) expect(outcomes).toHaveLength(useCases.length);
  });

  let w: PatientWorld;
  beforeEach(async () => {
    w = await createPatientWorld();
  });
  afterEach(async () => {
    await w.h.close();
  });

  it.each(cases)('%s as %s: %s', async (_name, _who, outcome, callerOf, patientOf, run) => {
    const caller = callerOf(w);
    const patient = patientOf(w);
    const before = await w.h.ports.patients.findById(patient.id);
    const teamBefore = await w.h.ports.careTeam.ofPatients([patient.id]);
    const attempt = run(w, caller, patient);
    if (outcome === 'allow') {
      await expect(attempt).resolves.not.toThrow();
      expect(entriesOf(w.h, 'ACCESS_DENIED')).toEqual([]);
      return;
    }
    await expect(attempt).rejects.toMatchObject(outcome === 'forbidden' ? DENIED : PATIENT_NOT_FOUND);
    expect(await w.h.ports.patients.findById(patient.id)).toEqual(before);
    expect(await w.h.ports.careTeam.ofPatients([patient.id])).toEqual(teamBefore);
    const [denial] = entriesOf(w.h, 'ACCESS_DENIED');
    expect(denial).toMatchObject({
      outcome: 'denied',
      actorId: caller.id,
      resourceType: 'patient',
      resourceId: patient.id,
      orgId: patient.orgId,
      details: { requiresReview: true, ...(outcome === 'not-found' ? { rule: 'other_org' } : {}) },
    });
    // A probe of another organisation names nothing of it beyond the id the caller already sent.
    if (outcome === 'not-found') expect(denial?.patientIds).toBeUndefined();
  });

  it('answers a missing patient exactly like another org’s patient, for every id-taking use-case', async () => {
    const missing = { ...w.assigned, id: 'f'.repeat(24) };
    for (const [, run] of useCases) {
      await expect(run(w, w.adminA, missing)).rejects.toMatchObject(PATIENT_NOT_FOUND);
      await expect(run(w, w.adminB, w.assigned)).rejects.toMatchObject(PATIENT_NOT_FOUND);
    }
  });

  it('refuses creation to staff, and to an orgAdmin naming another org, with 403', async () => {
    const { h, staffA, adminA, orgB } = w;
    const body = { name: 'New Person', phone: '+16045550111' };
    await expect(h.useCases.create.execute(h.scopeOf(staffA), body, h.actorOf(staffA))).rejects.toMatchObject(DENIED);
    await expect(
      h.useCases.create.execute(h.scopeOf(adminA), { ...body, orgId: orgB.id }, h.actorOf(adminA)),
    ).rejects.toMatchObject(DENIED);
    expect(entriesOf(h, 'ACCESS_DENIED').map((e) => e.actorId)).toEqual([staffA.id, adminA.id]);
    expect(await h.ports.patients.idsOfOrg(orgB.id)).toEqual([w.patientB.id]);
    expect(await h.ports.patients.idsOfOrg(w.orgA.id)).toHaveLength(3);
  });

  it('refuses lists of another org to everyone but a superAdmin (403, not 404)', async () => {
    const { h, staffA, adminA, superAdmin, orgB, patientB } = w;
    for (const caller of [staffA, adminA]) {
      await expect(
        h.useCases.list.execute(h.scopeOf(caller), { ...firstPage, orgId: orgB.id }, h.actorOf(caller)),
      ).rejects.toMatchObject(DENIED);
    }
    await expect(
      h.useCases.listUnassigned.execute(h.scopeOf(adminA), { orgId: orgB.id }, h.actorOf(adminA)),
    ).rejects.toMatchObject(DENIED);
    const page = await h.useCases.list.execute(
      h.scopeOf(superAdmin),
      { ...firstPage, orgId: orgB.id },
      h.actorOf(superAdmin),
    );
    expect(page.results.map((v) => v.patient.id)).toEqual([patientB.id]);
    expect(entriesOf(h, 'ACCESS_DENIED')).toHaveLength(3);
  });

  it('never shows staff a patient they are not assigned to, in any list', async () => {
    const { h, staffA, staffA2, assigned } = w;
    const page = await h.useCases.list.execute(h.scopeOf(staffA), firstPage, h.actorOf(staffA));
    expect(page.results.map((v) => v.patient.id)).toEqual([assigned.id]);
    expect(page.totalResults).toBe(1);
    const none = await h.useCases.list.execute(h.scopeOf(staffA2), firstPage, h.actorOf(staffA2));
    expect(none).toMatchObject({ results: [], totalResults: 0, totalPages: 0 });
    expect(await h.useCases.listUnassigned.execute(h.scopeOf(staffA), {}, h.actorOf(staffA))).toEqual([]);
    const mine = await h.useCases.caregiverPatients.list(h.scopeOf(staffA), staffA.id, h.actorOf(staffA));
    expect(mine.map((v) => v.patient.id)).toEqual([assigned.id]);
    const byName = await h.useCases.list.execute(
      h.scopeOf(staffA),
      { ...firstPage, nameContains: 'button' },
      h.actorOf(staffA),
    );
    expect(byName.results).toEqual([]);
  });

  it('lets only admins bulk-assign, and hides other orgs’ caregivers (404)', async () => {
    const { h, staffA, adminA, adminB, staffB, superAdmin, unassignedA } = w;
    const input = { caregiverId: staffA.id, patientIds: [unassignedA.id] };
    await expect(
      h.useCases.assignUnassigned.execute(h.scopeOf(staffA), input, h.actorOf(staffA)),
    ).rejects.toMatchObject(DENIED);
    await expect(
      h.useCases.assignUnassigned.execute(h.scopeOf(adminB), input, h.actorOf(adminB)),
    ).rejects.toMatchObject({ kind: 'not-found', message: 'Caregiver not found' });
    expect(await h.ports.careTeam.ofPatients([unassignedA.id])).toEqual([]);
    const done = await h.useCases.assignUnassigned.execute(
      h.scopeOf(superAdmin),
      { caregiverId: staffB.id, patientIds: [w.patientB.id] },
      h.actorOf(superAdmin),
    );
    expect(done.map((v) => v.patient.id)).toEqual([w.patientB.id]);
    const own = await h.useCases.assignUnassigned.execute(h.scopeOf(adminA), input, h.actorOf(adminA));
    expect(own.map((v) => v.caregiverIds)).toEqual([[staffA.id]]);
  });

  it("reads a caregiver's patients as self, admin of the org or superAdmin; 403 for a colleague, 404 across orgs", async () => {
    const { h, staffA, staffA2, adminA, adminB, superAdmin, assigned } = w;
    for (const caller of [staffA, adminA, superAdmin]) {
      const list = await h.useCases.caregiverPatients.list(h.scopeOf(caller), staffA.id, h.actorOf(caller));
      expect(list.map((v) => v.patient.id)).toEqual([assigned.id]);
      const one = await h.useCases.caregiverPatients.get(h.scopeOf(caller), staffA.id, assigned.id, h.actorOf(caller));
      expect(one.patient.id).toBe(assigned.id);
    }
    await expect(
      h.useCases.caregiverPatients.list(h.scopeOf(staffA2), staffA.id, h.actorOf(staffA2)),
    ).rejects.toMatchObject(DENIED);
    await expect(
      h.useCases.caregiverPatients.get(h.scopeOf(staffA2), staffA.id, assigned.id, h.actorOf(staffA2)),
    ).rejects.toMatchObject(DENIED);
    await expect(
      h.useCases.caregiverPatients.list(h.scopeOf(adminB), staffA.id, h.actorOf(adminB)),
    ).rejects.toMatchObject({ kind: 'not-found', message: 'Caregiver not found' });
    await expect(
      h.useCases.caregiverPatients.get(h.scopeOf(adminA), staffA.id, w.unassignedA.id, h.actorOf(adminA)),
    ).rejects.toMatchObject(PATIENT_NOT_FOUND);
    expect(entriesOf(h, 'ACCESS_DENIED').map((e) => [e.actorId, e.resourceType])).toEqual([
      [staffA2.id, 'caregiver'],
      [staffA2.id, 'caregiver'],
      [adminB.id, 'caregiver'],
    ]);
  });
});
