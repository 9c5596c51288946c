import type { AccessScope } from '../../domain/identity/roles';
import type { Actor } from '../../domain/shared/actor';
import { loadCaregiverForRead } from './patient-access';
import { recordPhi } from './patient-audit';
import { patientNotFound } from './patient-errors';
import type { PatientPorts } from './patient-ports';
import { assignedPatients, loadPatientViews, loadPatientView, type PatientView } from './patient-views';

/**
 * `ListCaregiverPatients` and `GetCaregiverPatient` (DOMAIN.md §3.4 #10-11, `GET /caregivers/:caregiverId/
 * patients[/:patientId]`): a caregiver's assigned patients, for the caregiver themself, the organisation's admins
 * and superAdmins. The caller's role decides the view the adapter presents.
 */
export class CaregiverPatients {
  constructor(private readonly ports: PatientPorts) {}

  async list(scope: AccessScope, caregiverId: string, actor: Actor): Promise<PatientView[]> {
    const { ports } = this;
    const caregiver = await loadCaregiverForRead(ports, scope, caregiverId, actor);
    const views = await loadPatientViews(ports, await assignedPatients(ports, caregiver.id));
    await recordPhi(
      ports,
      actor,
      'READ',
      { type: 'patient', id: 'list', orgId: caregiver.orgId },
      views.map((view) => view.patient.id),
      { count: views.length, caregiverId: caregiver.id },
    );
    return views;
  }

  /** One of them; a patient not assigned to that caregiver is 404 `Patient not found`, whatever else it is. */
  async get(scope: AccessScope, caregiverId: string, patientId: string, actor: Actor): Promise<PatientView> {
    const { ports } = this;
    const caregiver = await loadCaregiverForRead(ports, scope, caregiverId, actor);
    const assignment = await ports.careTeam.find(patientId, caregiver.id);
    const patient = assignment === null ? null : await ports.patients.findById(patientId);
    if (patient === null || patient.orgId !== caregiver.orgId) throw patientNotFound();
    const view = await loadPatientView(ports, patient);
    await recordPhi(ports, actor, 'READ', { type: 'patient', id: patient.id, orgId: patient.orgId }, [patient.id], {
      caregiverId: caregiver.id,
    });
    return view;
  }
}
