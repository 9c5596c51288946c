import type { Caregiver } from '../../domain/identity/caregiver';
import { authorize, type AccessScope } from '../../domain/identity/roles';
import type { Patient } from '../../domain/patients/patient';
import { authorizePatient, type PatientCapability } from '../../domain/patients/patient-policy';
import type { Actor } from '../../domain/shared/actor';
import { denyPatientAccess, recordDenial } from './patient-audit';
import { caregiverNotFound, patientNotFound } from './patient-errors';
import type { PatientPorts } from './patient-ports';

/** Whether a current care-team assignment links the patient and the caller. */
export const isAssignedTo = async (ports: PatientPorts, patientId: string, caregiverId: string): Promise<boolean> =>
  (await ports.careTeam.find(patientId, caregiverId)) !== null;

/**
 * Loads a patient the caller may address with `capability`, applying the matrix before anything is returned:
 * an unknown or deleted patient and another organisation's patient are the same 404 `Patient not found` (the
 * cross-org probe is audited), a patient of the own organisation outside the caller's scope is an audited 403.
 */
export const loadPatientFor = async (
  ports: PatientPorts,
  scope: AccessScope,
  patientId: string,
  capability: PatientCapability,
  actor: Actor,
): Promise<Patient> => {
  const patient = await ports.patients.findById(patientId);
  if (patient === null) throw patientNotFound();
  const assignedToCaller = scope.role === 'staff' && (await isAssignedTo(ports, patient.id, scope.caregiverId));
  const decision = authorizePatient(scope, capability, { orgId: patient.orgId, assignedToCaller });
  if (decision === 'allow') return patient;
  if (decision === 'not-found') {
    await recordDenial(
      ports,
      actor,
      capability,
      { type: 'patient', id: patient.id, orgId: patient.orgId },
      'other_org',
    );
    throw patientNotFound();
  }
  return denyPatientAccess(
    ports,
    actor,
    capability,
    { type: 'patient', id: patient.id, orgId: patient.orgId, patientIds: [patient.id] },
    scope.role === 'staff' ? 'not_assigned' : undefined,
  );
};

/**
 * The organisation a request names (lists, creation): the caller's own unless a superAdmin names another. A
 * non-superAdmin naming another organisation is an audited 403, not a 404 (API-CONTRACT.md §2.8), and a
 * superAdmin naming an unknown one gets 404 `Org not found`.
 */
export const orgForRequest = async (
  ports: PatientPorts,
  scope: AccessScope,
  requested: string | undefined,
  capability: PatientCapability,
  actor: Actor,
  missing: () => Error,
): Promise<string> => {
  const orgId = requested ?? scope.orgId;
  if (orgId === scope.orgId) return orgId;
  if (scope.role !== 'superAdmin') {
    return denyPatientAccess(ports, actor, capability, { type: 'org', id: orgId, orgId }, 'other_org_request');
  }
  if ((await ports.orgs.findById(orgId)) === null) throw missing();
  return orgId;
};

/**
 * A caregiver to assign to a patient of `orgId`: unknown, deleted and other organisations' caregivers are all
 * 404 `Caregiver not found` (a cross-org id is audited as a probe).
 */
export const loadCaregiverOfOrg = async (
  ports: PatientPorts,
  caregiverId: string,
  orgId: string,
  capability: PatientCapability,
  actor: Actor,
): Promise<Caregiver> => {
  const caregiver = await ports.caregivers.findById(caregiverId);
  if (caregiver === null) throw caregiverNotFound();
  if (caregiver.orgId !== orgId) {
    await recordDenial(
      ports,
      actor,
      capability,
      { type: 'caregiver', id: caregiver.id, orgId: caregiver.orgId },
      'other_org_caregiver',
    );
    throw caregiverNotFound();
  }
  return caregiver;
};

/**
 * A caregiver whose assigned patients the caller asks about (`GET /caregivers/:id/patients`): oneself, a member
 * of the admin's organisation, anyone for a superAdmin (the "read caregivers" row of the matrix).
 */
export const loadCaregiverForRead = async (
  ports: PatientPorts,
  scope: AccessScope,
  caregiverId: string,
  actor: Actor,
): Promise<Caregiver> => {
  const caregiver = await ports.caregivers.findById(caregiverId);
  if (caregiver === null) throw caregiverNotFound();
  const decision = authorize(scope, 'caregiver.read', { orgId: caregiver.orgId, caregiverId: caregiver.id });
  if (decision === 'allow') return caregiver;
  const resource = { type: 'caregiver' as const, id: caregiver.id, orgId: caregiver.orgId };
  if (decision === 'not-found') {
    await recordDenial(ports, actor, 'caregiver.read', resource, 'other_org');
    throw caregiverNotFound();
  }
  return denyPatientAccess(ports, actor, 'caregiver.read', resource);
};
