import { teamOrder, type CareTeamAssignment } from '../../domain/patients/care-team';
import type { Patient } from '../../domain/patients/patient';
import type { PatientRef } from '../ports/care-directory';
import type { PatientPorts } from './patient-ports';

/**
 * A patient with what responses carry beside it: the assigned caregiver ids (derived from the care team) and
 * the schedules (from the schedules context). The HTTP presenter applies the caller's role view.
 */
export interface PatientView {
  readonly patient: Patient;
  readonly caregiverIds: readonly string[];
  readonly schedules: readonly unknown[];
}

/** Views of `patients`, in their order, with two queries whatever the number of patients. */
export const loadPatientViews = async (ports: PatientPorts, patients: readonly Patient[]): Promise<PatientView[]> => {
  if (patients.length === 0) return [];
  const ids = patients.map((patient) => patient.id);
  const assignments = await ports.careTeam.ofPatients(ids);
  const schedules = await ports.schedules.schedulesOf(ids);
  const byPatient = new Map<string, CareTeamAssignment[]>();
  for (const assignment of assignments) {
    const team = byPatient.get(assignment.patientId) ?? [];
    team.push(assignment);
    byPatient.set(assignment.patientId, team);
  }
  return patients.map((patient) => ({
    patient,
    caregiverIds: teamOrder(byPatient.get(patient.id) ?? []),
    schedules: schedules.get(patient.id) ?? [],
  }));
};

export const loadPatientView = async (ports: PatientPorts, patient: Patient): Promise<PatientView> => {
  const [view] = await loadPatientViews(ports, [patient]);
  return view ?? { patient, caregiverIds: [], schedules: [] };
};

/** The non-deleted patients assigned to a caregiver, oldest assignment first. */
export const assignedPatients = async (ports: PatientPorts, caregiverId: string): Promise<readonly Patient[]> =>
  ports.patients.findByIds(await ports.careTeam.assignedPatientIds(caregiverId));

/** The short form of a patient inside a CaregiverDTO (`patients`, API-CONTRACT.md §3.8). */
export const patientRefOf = (patient: Patient): PatientRef => ({
  id: patient.id,
  name: patient.name,
  email: patient.email,
  phone: patient.phone,
  avatar: patient.avatar ?? '',
});
