import type { Role } from '../identity/roles';

/**
 * A care-team assignment: the only source of truth for "assigned" (DOMAIN.md §3.1). The patient's `caregivers`
 * and the caregiver's `patients` shown by the API are derived from these rows. Unique per (patient, caregiver).
 */
export interface CareTeamAssignment {
  readonly id: string;
  readonly orgId: string;
  readonly patientId: string;
  readonly caregiverId: string;
  readonly assignedAt: Date;
  /** The caregiver who made the assignment, or `system`. */
  readonly assignedBy: string;
}

export interface NewAssignment {
  readonly id: string;
  readonly orgId: string;
  readonly patientId: string;
  readonly caregiverId: string;
  readonly assignedBy: string;
  readonly now: Date;
}

export const createAssignment = (input: NewAssignment): CareTeamAssignment => ({
  id: input.id,
  orgId: input.orgId,
  patientId: input.patientId,
  caregiverId: input.caregiverId,
  assignedAt: input.now,
  assignedBy: input.assignedBy,
});

/**
 * Roles that may sit on a care team: staff, orgAdmins and invited accounts (the assignment takes effect when the
 * invitation is accepted; the app's assignment dialog lists them). Unverified self-registrations may not, and
 * superAdmins belong to the platform organisation, never to a customer's care team.
 */
export const ASSIGNABLE_ROLES: readonly Role[] = ['staff', 'orgAdmin', 'invited'];

export const isAssignableRole = (role: Role): boolean => ASSIGNABLE_ROLES.includes(role);

/** What an assignment needs of the two sides: same organisation, neither deleted, an assignable role. */
export type AssignmentProblem = 'other_org' | 'caregiver_deleted' | 'patient_deleted' | 'role_not_assignable';

export const assignmentProblem = (
  patient: { readonly orgId: string; readonly deletedAt: Date | null },
  caregiver: { readonly orgId: string; readonly deletedAt: Date | null; readonly role: Role },
): AssignmentProblem | null => {
  if (patient.deletedAt !== null) return 'patient_deleted';
  if (caregiver.deletedAt !== null) return 'caregiver_deleted';
  if (caregiver.orgId !== patient.orgId) return 'other_org';
  if (!isAssignableRole(caregiver.role)) return 'role_not_assignable';
  return null;
};

/** Caregiver ids of a patient's team in a stable order: by assignment time, then id. */
export const teamOrder = (assignments: readonly CareTeamAssignment[]): string[] =>
  [...assignments]
    .sort((a, b) => a.assignedAt.getTime() - b.assignedAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((assignment) => assignment.caregiverId);
