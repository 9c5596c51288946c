import type { Caregiver } from '../../domain/identity/caregiver';
import type { AccessScope } from '../../domain/identity/roles';
import { teamOrder } from '../../domain/patients/care-team';
import type { Actor } from '../../domain/shared/actor';
import type { CaregiverView } from '../identity/views';
import { loadPatientFor } from './patient-access';
import { recordPhi } from './patient-audit';
import type { PatientPorts } from './patient-ports';
import { assignedPatients, patientRefOf } from './patient-views';

/**
 * `ListPatientCaregivers` (`GET /patients/:patientId/caregivers`), admins only (staff get 403 even for their own
 * patients). Each caregiver comes with their assigned patients, as every CaregiverDTO does.
 */
export class ListPatientCaregivers {
  constructor(private readonly ports: PatientPorts) {}

  async execute(scope: AccessScope, patientId: string, actor: Actor): Promise<CaregiverView[]> {
    const { ports } = this;
    const patient = await loadPatientFor(ports, scope, patientId, 'patient.manageCareTeam', actor);
    const ids = teamOrder(await ports.careTeam.ofPatients([patient.id]));
    const members: Caregiver[] = [];
    for (const id of ids) {
      const caregiver = await ports.caregivers.findById(id);
      if (caregiver !== null) members.push(caregiver);
    }
    const views = await Promise.all(
      members.map(async (caregiver) => ({
        caregiver,
        patients: (await assignedPatients(ports, caregiver.id)).map(patientRefOf),
      })),
    );
    await recordPhi(ports, actor, 'READ', { type: 'careTeam', id: patient.id, orgId: patient.orgId }, [patient.id], {
      count: views.length,
    });
    return views;
  }
}
