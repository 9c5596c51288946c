import type { Caregiver } from '../../../domain/identity/caregiver';
import type { Org } from '../../../domain/identity/org';
import type { Patient } from '../../../domain/patients/patient';
import type { Schedule, ScheduleBody } from '../../../domain/schedules/schedule';
import { createSchedulesHarness, type SchedulesHarness } from '../../support/schedules-harness';

/**
 * Two customer organisations and the platform one, each patient with one weekly schedule created by an admin.
 * Org A (New York): an admin, two staff; `assigned` is on staffA's care team and inherits the org's zone, `zoned`
 * has its own zone (Los Angeles) and is on staffA's team too, `unassigned` is on nobody's. Org B (Berlin): an admin,
 * a staff member and their patient. The platform has the superAdmin.
 */
export interface ScheduleWorld {
  readonly h: SchedulesHarness;
  readonly platform: Org;
  readonly orgA: Org;
  readonly orgB: Org;
  readonly adminA: Caregiver;
  readonly staffA: Caregiver;
  readonly staffA2: Caregiver;
  readonly adminB: Caregiver;
  readonly staffB: Caregiver;
  readonly superAdmin: Caregiver;
  readonly assigned: Patient;
  readonly zoned: Patient;
  readonly unassigned: Patient;
  readonly patientB: Patient;
  /** The schedule of `assigned`, `unassigned` and `patientB`. */
  readonly scheduleA: Schedule;
  readonly scheduleUnassigned: Schedule;
  readonly scheduleB: Schedule;
}

/** Mondays and Thursdays at 09:00. */
export const WEEKLY: ScheduleBody = { frequency: 'weekly', intervals: [{ day: 1 }, { day: 4 }], time: '09:00' };

export const createScheduleWorld = async (start?: Date): Promise<ScheduleWorld> => {
  const h = createSchedulesHarness(start);
  const platform = await h.newOrg('Platform', { isPlatform: true });
  const orgA = await h.newOrg('Alpha', { timezone: 'America/New_York' });
  const orgB = await h.newOrg('Beta', { timezone: 'Europe/Berlin' });
  const adminA = await h.newCaregiver(orgA.id, 'orgAdmin');
  const staffA = await h.newCaregiver(orgA.id, 'staff');
  const staffA2 = await h.newCaregiver(orgA.id, 'staff');
  const adminB = await h.newCaregiver(orgB.id, 'orgAdmin');
  const staffB = await h.newCaregiver(orgB.id, 'staff');
  const superAdmin = await h.newCaregiver(platform.id, 'superAdmin');
  const assigned = await h.newPatient(orgA.id, { caregivers: [staffA] });
  const zoned = await h.newPatient(orgA.id, { caregivers: [staffA], timezone: 'America/Los_Angeles' });
  const unassigned = await h.newPatient(orgA.id);
  const patientB = await h.newPatient(orgB.id, { caregivers: [staffB] });
  const create = (admin: Caregiver, patient: Patient) =>
    h.useCases.create.execute(h.scopeOf(admin), patient.id, WEEKLY, {}, h.actorOf(admin));
  const scheduleA = await create(adminA, assigned);
  const scheduleUnassigned = await create(adminA, unassigned);
  const scheduleB = await create(adminB, patientB);
  return {
    h,
    platform,
    orgA,
    orgB,
    adminA,
    staffA,
    staffA2,
    adminB,
    staffB,
    superAdmin,
    assigned,
    zoned,
    unassigned,
    patientB,
    scheduleA,
    scheduleUnassigned,
    scheduleB,
  };
};

export const DENIED = { kind: 'forbidden', message: 'Access denied: insufficient permissions.' };
export const PATIENT_NOT_FOUND = { kind: 'not-found', message: 'Patient not found' };
export const SCHEDULE_NOT_FOUND = { kind: 'not-found', message: 'Schedule not found' };

/** Audit entries of one action, oldest first. */
export const entriesOf = (h: SchedulesHarness, action: string) => h.audit().filter((e) => e.action === action);

/** The rejection of a validation failure with exactly these messages. */
export const invalid = (...messages: string[]) => ({ kind: 'invalid', message: messages.join(', ') });
