import type { Caregiver } from '../../../domain/identity/caregiver';
import type { Schedule } from '../../../domain/schedules/schedule';
import {
  createScheduleWorld,
  DENIED,
  entriesOf,
  PATIENT_NOT_FOUND,
  SCHEDULE_NOT_FOUND,
  WEEKLY,
  type ScheduleWorld,
} from './schedule-world';

/**
 * QUALITY.md S2 for the schedules context: every use-case against every caller the matrix of API-CONTRACT.md §2.8
 * distinguishes ("read schedules" and "create, update or delete schedules": staff for assigned patients, orgAdmin
 * for the own org, superAdmin anywhere). Another organisation's schedule answers exactly like a missing one, and
 * every refusal leaves an ACCESS_DENIED entry and the data and jobs unchanged.
 */
type Outcome = 'allow' | 'forbidden' | 'not-found';

type Run = (w: ScheduleWorld, caller: Caregiver, schedule: Schedule) => Promise<unknown>;

const useCases: ReadonlyArray<readonly [string, string, Run]> = [
  [
    'create',
    'schedule.create',
    (w, c, s) => w.h.useCases.create.execute(w.h.scopeOf(c), s.patientId, WEEKLY, {}, w.h.actorOf(c)),
  ],
  ['get', 'schedule.read', (w, c, s) => w.h.useCases.get.execute(w.h.scopeOf(c), s.id, w.h.actorOf(c))],
  [
    'replace',
    'schedule.update',
    (w, c, s) => w.h.useCases.replace.execute(w.h.scopeOf(c), s.id, { ...WEEKLY, time: '10:30' }, {}, w.h.actorOf(c)),
  ],
  [
    'patch',
    'schedule.update',
    (w, c, s) => w.h.useCases.patch.execute(w.h.scopeOf(c), s.id, { isActive: false }, {}, w.h.actorOf(c)),
  ],
  ['delete', 'schedule.delete', (w, c, s) => w.h.useCases.delete.execute(w.h.scopeOf(c), s.id, w.h.actorOf(c))],
];

const matrix: ReadonlyArray<
  readonly [string, (w: ScheduleWorld) => Caregiver, (w: ScheduleWorld) => Schedule, Outcome]
> = [
  ['staff, assigned patient', (w) => w.staffA, (w) => w.scheduleA, 'allow'],
  ['staff, unassigned patient of the own org', (w) => w.staffA2, (w) => w.scheduleA, 'forbidden'],
  ['staff, patient of the own org on nobody’s team', (w) => w.staffA, (w) => w.scheduleUnassigned, 'forbidden'],
  ['orgAdmin, own org', (w) => w.adminA, (w) => w.scheduleUnassigned, 'allow'],
  ['superAdmin, another org', (w) => w.superAdmin, (w) => w.scheduleB, 'allow'],
  ['orgAdmin, other org', (w) => w.adminB, (w) => w.scheduleA, 'not-found'],
  ['staff, other org', (w) => w.staffB, (w) => w.scheduleA, 'not-found'],
];

const cases = matrix.flatMap(([who, caller, schedule, outcome]) =>
  useCases.map(([name, capability, run]) => [name, who, outcome, capability, caller, schedule, run] as const),
);

describe('schedule use-cases: permission matrix and cross-org access', () => {
  let w: ScheduleWorld;
  beforeEach(async () => {
    w = await createScheduleWorld();
  });
  afterEach(async () => {
    await w.h.close();
  });

  it.each(cases)('%s as %s: %s', async (name, _who, outcome, capability, callerOf, scheduleOf, run) => {
    const caller = callerOf(w);
    const schedule = scheduleOf(w);
    const before = await w.h.ports.schedules.listByPatients([schedule.patientId]);
    const jobsBefore = w.h.jobs();
    const auditBefore = w.h.audit().length;
    const attempt = run(w, caller, schedule);
    if (outcome === 'allow') {
      await expect(attempt).resolves.not.toThrow();
      expect(entriesOf(w.h, 'ACCESS_DENIED')).toEqual([]);
      return;
    }
    const notFound = name === 'create' ? PATIENT_NOT_FOUND : SCHEDULE_NOT_FOUND;
    await expect(attempt).rejects.toMatchObject(outcome === 'forbidden' ? DENIED : notFound);
    expect(await w.h.ports.schedules.listByPatients([schedule.patientId])).toEqual(before);
    expect(w.h.jobs()).toEqual(jobsBefore);
    const denials = entriesOf(w.h, 'ACCESS_DENIED');
    expect(denials).toHaveLength(1);
    expect(denials[0]).toMatchObject({
      outcome: 'denied',
      actorId: caller.id,
      resourceType: 'schedule',
      resourceId: name === 'create' ? null : schedule.id,
      orgId: schedule.orgId,
      details: {
        capability,
        requiresReview: true,
        rule: outcome === 'forbidden' ? 'not_assigned' : 'other_org',
      },
    });
    // A probe of another organisation names nothing of it beyond the id the caller sent.
    if (outcome === 'forbidden') expect(denials[0]?.patientIds).toEqual([schedule.patientId]);
    else expect(denials[0]?.patientIds).toBeUndefined();
    // Nothing but the denial was audited.
    expect(w.h.audit().slice(auditBefore)).toEqual(denials);
  });

  it('answers a missing schedule or patient exactly like another org’s, without an audit entry', async () => {
    const { h, adminA, adminB, scheduleA } = w;
    const ghost = { ...scheduleA, id: 'f'.repeat(24), patientId: 'e'.repeat(24) };
    for (const [name, , run] of useCases) {
      const notFound = name === 'create' ? PATIENT_NOT_FOUND : SCHEDULE_NOT_FOUND;
      await expect(run(w, adminA, ghost)).rejects.toMatchObject(notFound);
      await expect(run(w, adminB, scheduleA)).rejects.toMatchObject(notFound);
    }
    expect(entriesOf(h, 'ACCESS_DENIED').map((e) => e.actorId)).toEqual(useCases.map(() => adminB.id));
  });

  it('treats a schedule whose patient was deleted, and a deleted schedule, as not found', async () => {
    const { h, adminA, assigned, scheduleA, scheduleUnassigned, unassigned } = w;
    await h.patients.delete.execute(h.scopeOf(adminA), assigned.id, h.actorOf(adminA));
    await h.useCases.delete.execute(h.scopeOf(adminA), scheduleUnassigned.id, h.actorOf(adminA));
    for (const [name, , run] of useCases) {
      await expect(run(w, adminA, scheduleA)).rejects.toMatchObject(
        name === 'create' ? PATIENT_NOT_FOUND : SCHEDULE_NOT_FOUND,
      );
      if (name !== 'create') await expect(run(w, adminA, scheduleUnassigned)).rejects.toMatchObject(SCHEDULE_NOT_FOUND);
    }
    // The patient of the deleted schedule is still there: a new schedule may be created for it.
    await expect(run0(w, adminA, unassigned.id)).resolves.toMatchObject({ patientId: unassigned.id });
  });

  it('follows the care team at once: unassigning staff removes their access, reassigning restores it', async () => {
    const { h, adminA, staffA, assigned, scheduleA } = w;
    await h.patients.unassignCaregiver.execute(h.scopeOf(adminA), assigned.id, staffA.id, h.actorOf(adminA));
    await expect(h.useCases.get.execute(h.scopeOf(staffA), scheduleA.id, h.actorOf(staffA))).rejects.toMatchObject(
      DENIED,
    );
    await h.patients.assignCaregiver.execute(h.scopeOf(adminA), assigned.id, staffA.id, h.actorOf(adminA));
    await expect(h.useCases.get.execute(h.scopeOf(staffA), scheduleA.id, h.actorOf(staffA))).resolves.toMatchObject({
      id: scheduleA.id,
    });
  });
});

const run0 = (w: ScheduleWorld, caller: Caregiver, patientId: string) =>
  w.h.useCases.create.execute(w.h.scopeOf(caller), patientId, WEEKLY, {}, w.h.actorOf(caller));
