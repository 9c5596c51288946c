import type { Caregiver } from '../../../domain/identity/caregiver';
import type { Org } from '../../../domain/identity/org';
import type { Patient } from '../../../domain/patients/patient';
import { createPatientsHarness, type PatientsHarness } from '../../support/patients-harness';

/**
 * Two customer organisations and the platform one. Org A: two admins, two staff; `assigned` is on staffA's
 * care team, `unassignedA` on nobody's, `adminsOnly` on adminA's. Org B: an admin, a staff member and a patient
 * of theirs. The platform has the superAdmin.
 */
export interface PatientWorld {
  readonly h: PatientsHarness;
  readonly platform: Org;
  readonly orgA: Org;
  readonly orgB: Org;
  readonly adminA: Caregiver;
  readonly adminA2: Caregiver;
  readonly staffA: Caregiver;
  readonly staffA2: Caregiver;
  readonly adminB: Caregiver;
  readonly staffB: Caregiver;
  readonly superAdmin: Caregiver;
  readonly assigned: Patient;
  readonly unassignedA: Patient;
  readonly adminsOnly: Patient;
  readonly patientB: Patient;
}

export const createPatientWorld = async (): Promise<PatientWorld> => {
  const h = createPatientsHarness();
  const platform = await h.newOrg('Platform', true);
  const orgA = await h.newOrg('Alpha');
  const orgB = await h.newOrg('Beta');
  const adminA = await h.newCaregiver(orgA.id, 'orgAdmin', 'Ada Admin');
  const adminA2 = await h.newCaregiver(orgA.id, 'orgAdmin', 'Abe Admin');
  const staffA = await h.newCaregiver(orgA.id, 'staff', 'Sam Staff');
  const staffA2 = await h.newCaregiver(orgA.id, 'staff', 'Sid Staff');
  const adminB = await h.newCaregiver(orgB.id, 'orgAdmin', 'Bea Admin');
  const staffB = await h.newCaregiver(orgB.id, 'staff', 'Ben Staff');
  const superAdmin = await h.newCaregiver(platform.id, 'superAdmin', 'Sue Super');
  const assigned = await h.newPatient(orgA.id, { name: 'Agnes Alphabet', caregivers: [staffA], age: 81, notes: 'n1' });
  const unassignedA = await h.newPatient(orgA.id, { name: 'Barnaby Button' });
  const adminsOnly = await h.newPatient(orgA.id, { name: 'Cora Cello', caregivers: [adminA] });
  const patientB = await h.newPatient(orgB.id, { name: 'Dora Drum', caregivers: [staffB] });
  return {
    h,
    platform,
    orgA,
    orgB,
    adminA,
    adminA2,
    staffA,
    staffA2,
    adminB,
    staffB,
    superAdmin,
    assigned,
    unassignedA,
    adminsOnly,
    patientB,
  };
};

export const DENIED = { kind: 'forbidden', message: 'Access denied: insufficient permissions.' };
export const PATIENT_NOT_FOUND = { kind: 'not-found', message: 'Patient not found' };
export const CAREGIVER_NOT_FOUND = { kind: 'not-found', message: 'Caregiver not found' };

export const firstPage = {
  page: 1,
  limit: 100,
  sort: [{ field: 'createdAt' as const, direction: 'asc' as const }],
};

/** Audit entries of one action, oldest first. */
export const entriesOf = (h: PatientsHarness, action: string) => h.audit().filter((e) => e.action === action);
