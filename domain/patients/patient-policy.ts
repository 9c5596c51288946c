import type { AccessDecision, AccessScope, ActiveRole, Scope } from '../identity/roles';
import type { EditablePatientField, Patient, PatientChanges } from './patient';

/**
 * The patient rows of the permission matrix (API-CONTRACT.md §2.8, which RESOLUTIONS.md 35 makes the rule):
 * staff read and edit the care fields of their assigned patients; orgAdmins act on their own organisation;
 * superAdmins on any.
 */
export type PatientCapability =
  | 'patient.create'
  | 'patient.read'
  | 'patient.update'
  | 'patient.delete'
  | 'patient.manageCareTeam'
  | 'patient.listUnassigned';

export const PATIENT_PERMISSIONS: Readonly<Record<PatientCapability, Partial<Record<ActiveRole, Scope>>>> = {
  'patient.create': { orgAdmin: 'org', superAdmin: 'any' },
  'patient.read': { staff: 'assigned', orgAdmin: 'org', superAdmin: 'any' },
  'patient.update': { staff: 'assigned', orgAdmin: 'org', superAdmin: 'any' },
  'patient.delete': { orgAdmin: 'org', superAdmin: 'any' },
  'patient.manageCareTeam': { orgAdmin: 'org', superAdmin: 'any' },
  'patient.listUnassigned': { orgAdmin: 'org', superAdmin: 'any' },
};

export interface PatientTarget {
  readonly orgId: string;
  /** Whether a current care-team assignment links the patient and the caller. */
  readonly assignedToCaller: boolean;
}

/**
 * Another organisation's patient is reported as not found (no existence leak, even to an assigned-scope role);
 * a patient of the own organisation outside the granted scope is forbidden.
 */
export const authorizePatient = (
  scope: AccessScope,
  capability: PatientCapability,
  target: PatientTarget,
): AccessDecision => {
  const granted = PATIENT_PERMISSIONS[capability][scope.role];
  if (granted === 'any') return 'allow';
  if (target.orgId !== scope.orgId) return 'not-found';
  if (granted === 'org') return 'allow';
  if (granted === 'assigned') return target.assignedToCaller ? 'allow' : 'forbidden';
  return 'forbidden';
};

/** Fields staff may change on an assigned patient (API-CONTRACT.md §4.7). */
export const CARE_FIELDS: readonly EditablePatientField[] = [
  'preferredName',
  'preferredLanguage',
  'timezone',
  'notes',
  'avatar',
];

/** Whether `role` is restricted to the care fields when it updates a patient. */
export const limitedToCareFields = (role: ActiveRole): boolean => role === 'staff';

/**
 * The non-care fields a staff update would really change. A key sent with the stored value is an echo, not a
 * change, and is tolerated.
 */
export const nonCareChanges = (patient: Patient, changes: PatientChanges): EditablePatientField[] =>
  (Object.keys(changes) as EditablePatientField[]).filter(
    (field) => !CARE_FIELDS.includes(field) && changes[field] !== undefined && changes[field] !== patient[field],
  );

/**
 * Read-only keys the patient form sends back (API-CONTRACT.md §3.6, §4.7). They are accepted and ignored; an
 * echoed `id` or `org` that differs from the stored value is a 400, because it would mean the client believes it
 * is editing another record (a patient never moves to another organisation).
 */
export const ECHO_TOLERATED_KEYS = [
  'id',
  'org',
  'caregivers',
  'schedules',
  'isEmailVerified',
  'lastContactAt',
] as const;

export interface IdentityEcho {
  readonly id?: string;
  readonly org?: string;
}

/** Joi-style problems for an echoed identity that does not match the stored patient, in key order. */
export const echoProblems = (patient: Patient, echo: IdentityEcho): string[] => {
  const problems: string[] = [];
  if (echo.id !== undefined && echo.id !== patient.id) problems.push(`"id" must be [${patient.id}]`);
  if (echo.org !== undefined && echo.org !== patient.orgId) problems.push(`"org" must be [${patient.orgId}]`);
  return problems;
};

/**
 * Minimum necessary (API-CONTRACT.md §3.8 role views, D5): staff get the care view, which leaves out `age` and
 * `notes`; orgAdmins and superAdmins get the admin view (everything but internal fields).
 */
export type PatientViewKind = 'care' | 'admin';

export const patientViewFor = (role: ActiveRole): PatientViewKind => (role === 'staff' ? 'care' : 'admin');

export const ADMIN_ONLY_PATIENT_FIELDS = ['age', 'notes'] as const;
