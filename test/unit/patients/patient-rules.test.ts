import type { AccessScope } from '../../../domain/identity/roles';
import {
  assignmentProblem,
  isAssignableRole,
  teamOrder,
  type CareTeamAssignment,
} from '../../../domain/patients/care-team';
import {
  applyPatientChanges,
  createPatient,
  isValidAge,
  isPatientLanguage,
  softDeletedPatient,
} from '../../../domain/patients/patient';
import {
  authorizePatient,
  echoProblems,
  nonCareChanges,
  patientViewFor,
  type PatientCapability,
} from '../../../domain/patients/patient-policy';

const now = new Date('2026-06-01T12:00:00.000Z');
const patient = createPatient({ id: 'p1', orgId: 'org1', name: 'Agnes', phone: '+16045550100', now, age: 80 });

describe('Patient', () => {
  it('starts active, version 1, English, the org’s time zone, never e-mail-verified', () => {
    expect(patient).toMatchObject({
      email: null,
      preferredLanguage: 'en',
      timezone: null,
      isEmailVerified: false,
      lastContactAt: null,
      status: 'active',
      deletedAt: null,
      version: 1,
      age: 80,
    });
  });

  it('applies changes and names only the fields that really changed, in a fixed order', () => {
    const { next, changed } = applyPatientChanges(patient, {
      notes: 'x',
      name: 'Agnes',
      age: null,
      timezone: 'Europe/Paris',
    });
    expect(changed).toEqual(['timezone', 'age', 'notes']);
    expect(next).toMatchObject({ name: 'Agnes', age: null, notes: 'x', timezone: 'Europe/Paris', version: 1 });
    expect(patient.age).toBe(80);
    expect(applyPatientChanges(patient, {}).changed).toEqual([]);
  });

  it('soft-deletes without losing data', () => {
    const later = new Date(now.getTime() + 1000);
    expect(softDeletedPatient(patient, later)).toEqual({ ...patient, deletedAt: later, updatedAt: later });
  });

  it('accepts ages 0-150 (integers) and the contract’s eleven languages, Korean included', () => {
    expect([0, 150, 80].map(isValidAge)).toEqual([true, true, true]);
    expect([-1, 151, 80.5].map(isValidAge)).toEqual([false, false, false]);
    expect(isPatientLanguage('ko')).toBe(true);
    expect(isPatientLanguage('xx')).toBe(false);
  });
});

describe('patient permission matrix', () => {
  const scope = (role: AccessScope['role'], orgId = 'org1'): AccessScope => ({ caregiverId: 'c1', role, orgId });
  const capabilities: PatientCapability[] = [
    'patient.create',
    'patient.read',
    'patient.update',
    'patient.delete',
    'patient.manageCareTeam',
    'patient.listUnassigned',
  ];

  it.each([
    ['staff', true, ['forbidden', 'allow', 'allow', 'forbidden', 'forbidden', 'forbidden']],
    ['staff', false, ['forbidden', 'forbidden', 'forbidden', 'forbidden', 'forbidden', 'forbidden']],
    ['orgAdmin', false, ['allow', 'allow', 'allow', 'allow', 'allow', 'allow']],
    ['superAdmin', false, ['allow', 'allow', 'allow', 'allow', 'allow', 'allow']],
  ] as const)('%s (assigned: %s) in the own org', (role, assignedToCaller, expected) => {
    expect(capabilities.map((c) => authorizePatient(scope(role), c, { orgId: 'org1', assignedToCaller }))).toEqual(
      expected,
    );
  });

  it('reports another org as not found to everyone but a superAdmin, even to an "assigned" staff member', () => {
    for (const role of ['staff', 'orgAdmin'] as const) {
      for (const capability of capabilities) {
        expect(authorizePatient(scope(role), capability, { orgId: 'org2', assignedToCaller: true })).toBe('not-found');
      }
    }
    expect(authorizePatient(scope('superAdmin'), 'patient.delete', { orgId: 'org2', assignedToCaller: false })).toBe(
      'allow',
    );
  });

  it('gives staff the care view and admins the admin view', () => {
    expect([patientViewFor('staff'), patientViewFor('orgAdmin'), patientViewFor('superAdmin')]).toEqual([
      'care',
      'admin',
      'admin',
    ]);
  });
});

describe('care fields and echoes', () => {
  it('lists the non-care fields a staff update would change, tolerating echoes of stored values', () => {
    expect(nonCareChanges(patient, { preferredName: 'Nana', notes: 'n', avatar: null, timezone: null })).toEqual([]);
    expect(nonCareChanges(patient, { name: 'Agnes', phone: '+16045550100', age: 80, email: null })).toEqual([]);
    expect(nonCareChanges(patient, { name: 'Other', age: 81, email: 'a@b.co', phone: '+16045550101' })).toEqual([
      'name',
      'age',
      'email',
      'phone',
    ]);
  });

  it('refuses an echoed id or org that differs from the stored patient', () => {
    expect(echoProblems(patient, { id: 'p1', org: 'org1' })).toEqual([]);
    expect(echoProblems(patient, {})).toEqual([]);
    expect(echoProblems(patient, { id: 'p2', org: 'org2' })).toEqual(['"id" must be [p1]', '"org" must be [org1]']);
  });
});

describe('care team', () => {
  const caregiver = { orgId: 'org1', deletedAt: null, role: 'staff' as const };

  it('admits staff, orgAdmins and invited accounts of the same org, neither side deleted', () => {
    expect(
      ['staff', 'orgAdmin', 'invited', 'unverified', 'superAdmin'].map((r) => isAssignableRole(r as never)),
    ).toEqual([true, true, true, false, false]);
    expect(assignmentProblem(patient, caregiver)).toBeNull();
    expect(assignmentProblem(patient, { ...caregiver, orgId: 'org2' })).toBe('other_org');
    expect(assignmentProblem(patient, { ...caregiver, deletedAt: now })).toBe('caregiver_deleted');
    expect(assignmentProblem({ ...patient, deletedAt: now }, caregiver)).toBe('patient_deleted');
    expect(assignmentProblem(patient, { ...caregiver, role: 'unverified' })).toBe('role_not_assignable');
  });

  it('orders a team by assignment time, then id', () => {
    const at = (ms: number) => new Date(now.getTime() + ms);
    const row = (id: string, caregiverId: string, ms: number): CareTeamAssignment => ({
      id,
      orgId: 'org1',
      patientId: 'p1',
      caregiverId,
      assignedAt: at(ms),
      assignedBy: 'x',
    });
    expect(teamOrder([row('b', 'c3', 5), row('z', 'c1', 0), row('a', 'c2', 5)])).toEqual(['c1', 'c2', 'c3']);
  });
});
