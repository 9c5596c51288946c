import type { AccessScope } from '../../domain/identity/roles';
import type { Patient } from '../../domain/patients/patient';
import type { Schedule } from '../../domain/schedules/schedule';
import { authorizeSchedule, type ScheduleCapability } from '../../domain/schedules/schedule-policy';
import type { Actor } from '../../domain/shared/actor';
import { denyScheduleAccess, recordScheduleDenial } from './schedule-audit';
import { patientNotFound, scheduleNotFound } from './schedule-errors';
import type { SchedulePorts } from './schedule-ports';

/** Whether a current care-team assignment links the patient and a staff caller (the only "assigned" source). */
const assignedToCaller = async (ports: SchedulePorts, scope: AccessScope, patientId: string): Promise<boolean> =>
  scope.role === 'staff' && (await ports.careTeam.find(patientId, scope.caregiverId)) !== null;

/**
 * The patient a schedule is to be created for, under the patients context's rules (API-CONTRACT.md §2.8, D6):
 * unknown, deleted and another organisation's patients are the same 404 `Patient not found` (the cross-org probe
 * is audited); a patient of the own organisation outside a staff member's care team is an audited 403.
 */
export const loadPatientForSchedule = async (
  ports: SchedulePorts,
  scope: AccessScope,
  patientId: string,
  capability: ScheduleCapability,
  actor: Actor,
): Promise<Patient> => {
  const patient = await ports.patients.findById(patientId);
  if (patient === null) throw patientNotFound();
  const decision = authorizeSchedule(scope, capability, {
    orgId: patient.orgId,
    assignedToCaller: await assignedToCaller(ports, scope, patient.id),
  });
  if (decision === 'allow') return patient;
  if (decision === 'not-found') {
    await recordScheduleDenial(ports, actor, capability, { id: null, orgId: patient.orgId }, 'other_org');
    throw patientNotFound();
  }
  return denyScheduleAccess(
    ports,
    actor,
    capability,
    { id: null, orgId: patient.orgId, patientIds: [patient.id] },
    'not_assigned',
  );
};

export interface ScheduleTarget {
  readonly schedule: Schedule;
  readonly patient: Patient;
}

/**
 * A schedule the caller may address with `capability`, judged through its patient. An unknown or deleted
 * schedule, one whose patient is deleted, and another organisation's are the same 404 `Schedule not found` (the
 * cross-org probe is audited); one of the own organisation whose patient is not on a staff member's care team is
 * an audited 403.
 */
export const loadScheduleFor = async (
  ports: SchedulePorts,
  scope: AccessScope,
  scheduleId: string,
  capability: ScheduleCapability,
  actor: Actor,
): Promise<ScheduleTarget> => {
  const schedule = await ports.schedules.findById(scheduleId);
  if (schedule === null) throw scheduleNotFound();
  const patient = await ports.patients.findById(schedule.patientId);
  if (patient === null) throw scheduleNotFound();
  const decision = authorizeSchedule(scope, capability, {
    orgId: schedule.orgId,
    assignedToCaller: await assignedToCaller(ports, scope, patient.id),
  });
  if (decision === 'allow') return { schedule, patient };
  if (decision === 'not-found') {
    await recordScheduleDenial(ports, actor, capability, { id: schedule.id, orgId: schedule.orgId }, 'other_org');
    throw scheduleNotFound();
  }
  return denyScheduleAccess(
    ports,
    actor,
    capability,
    { id: schedule.id, orgId: schedule.orgId, patientIds: [patient.id] },
    'not_assigned',
  );
};
