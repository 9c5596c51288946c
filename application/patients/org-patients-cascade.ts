import { softDeletedPatient } from '../../domain/patients/patient';
import type { Actor } from '../../domain/shared/actor';
import { recordPhi } from './patient-audit';
import { emitPatientEvent } from './patient-events';
import type { PatientPorts } from './patient-ports';

/**
 * The patients' part of `DeleteOrg` (DOMAIN.md §2.4.12): every patient of the organisation soft-deleted as
 * `DeletePatient` does it (assignments removed, schedules deactivated through the schedules context, event and
 * audit entry), inside the caller's transaction. Avatars stay on disk for the retention period.
 */
export class OrgPatientsCascade {
  constructor(private readonly ports: PatientPorts) {}

  async orgDeleted(orgId: string, actor: Actor): Promise<number> {
    const { ports } = this;
    const patients = await ports.patients.listByOrg(orgId);
    for (const patient of patients) {
      const removedRecord = await ports.patients.update(softDeletedPatient(patient, ports.clock.now()));
      const removed = await ports.careTeam.removeAllOfPatient(patient.id);
      for (const assignment of removed) {
        await emitPatientEvent(ports, 'CaregiverUnassigned', removedRecord, actor, {
          caregiverId: assignment.caregiverId,
          by: actor.caregiverId ?? 'system',
        });
      }
      await ports.schedules.patientDeleted(removedRecord, actor);
      await emitPatientEvent(ports, 'PatientDeleted', removedRecord, actor, { via: 'org_deleted' });
      await recordPhi(
        ports,
        actor,
        'DELETE',
        { type: 'patient', id: patient.id, orgId },
        [patient.id],
        { assignmentsRemoved: removed.length, via: 'org_deleted' },
        true,
      );
    }
    return patients.length;
  }
}
