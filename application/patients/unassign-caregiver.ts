import type { AccessScope } from '../../domain/identity/roles';
import type { Actor } from '../../domain/shared/actor';
import { loadCaregiverOfOrg, loadPatientFor } from './patient-access';
import { recordPhi } from './patient-audit';
import { patientNotFound } from './patient-errors';
import { emitPatientEvent } from './patient-events';
import type { PatientPorts } from './patient-ports';
import { loadPatientView, type PatientView } from './patient-views';

/**
 * `UnassignCaregiver` (`DELETE /patients/:patientId/caregivers/:caregiverId`), admins only. Idempotent: removing a
 * caregiver who is not on the team answers the patient unchanged. A patient left without caregivers shows up
 * among the unassigned patients.
 */
export class UnassignCaregiver {
  constructor(private readonly ports: PatientPorts) {}

  async execute(scope: AccessScope, patientId: string, caregiverId: string, actor: Actor): Promise<PatientView> {
    const { ports } = this;
    const patient = await loadPatientFor(ports, scope, patientId, 'patient.manageCareTeam', actor);
    const caregiver = await loadCaregiverOfOrg(ports, caregiverId, patient.orgId, 'patient.manageCareTeam', actor);
    const saved = await ports.uow.run(async () => {
      const current = await ports.patients.findById(patient.id);
      if (current === null) throw patientNotFound();
      const removed = await ports.careTeam.remove(current.id, caregiver.id);
      if (removed !== null) {
        await emitPatientEvent(ports, 'CaregiverUnassigned', current, actor, {
          caregiverId: caregiver.id,
          by: actor.caregiverId ?? 'system',
        });
      }
      await recordPhi(
        ports,
        actor,
        'DELETE',
        { type: 'careTeam', id: removed?.id ?? null, orgId: current.orgId },
        [current.id],
        { caregiverId: caregiver.id, wasAssigned: removed !== null },
      );
      return current;
    });
    return loadPatientView(ports, saved);
  }
}
