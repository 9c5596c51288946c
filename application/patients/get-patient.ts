import type { AccessScope } from '../../domain/identity/roles';
import type { Actor } from '../../domain/shared/actor';
import { loadPatientFor } from './patient-access';
import { recordPhi } from './patient-audit';
import type { PatientPorts } from './patient-ports';
import { loadPatientView, type PatientView } from './patient-views';

/** `GetPatient` (DOMAIN.md §3.4 #3, `GET /patients/:id`): assigned staff, the organisation's admins, superAdmins. */
export class GetPatient {
  constructor(private readonly ports: PatientPorts) {}

  async execute(scope: AccessScope, patientId: string, actor: Actor): Promise<PatientView> {
    const patient = await loadPatientFor(this.ports, scope, patientId, 'patient.read', actor);
    const view = await loadPatientView(this.ports, patient);
    await recordPhi(this.ports, actor, 'READ', { type: 'patient', id: patient.id, orgId: patient.orgId }, [patient.id]);
    return view;
  }
}
