import type { AccessScope } from '../../domain/identity/roles';
import { softDeletedPatient } from '../../domain/patients/patient';
import type { Actor } from '../../domain/shared/actor';
import { loadPatientFor } from './patient-access';
import { recordPhi } from './patient-audit';
import { patientNotFound } from './patient-errors';
import { emitPatientEvent } from './patient-events';
import { releaseUpload } from './patient-media';
import type { PatientPorts } from './patient-ports';

/**
 * `DeletePatient` (DOMAIN.md §3.3, `DELETE /patients/:id`), admins only. A soft delete in one transaction: the
 * patient gets `deletedAt`, every care-team assignment is removed, and the schedules context deactivates the
 * schedules and cancels jobs, retries and queued calls (a call in progress may finish). The patient then
 * disappears from every list; the address may be reused.
 */
export class DeletePatient {
  constructor(private readonly ports: PatientPorts) {}

  async execute(scope: AccessScope, patientId: string, actor: Actor): Promise<void> {
    const { ports } = this;
    const target = await loadPatientFor(ports, scope, patientId, 'patient.delete', actor);
    const deleted = await ports.uow.run(async () => {
      const current = await ports.patients.findById(target.id);
      if (current === null) throw patientNotFound();
      const removedRecord = await ports.patients.update(softDeletedPatient(current, ports.clock.now()));
      const removed = await ports.careTeam.removeAllOfPatient(current.id);
      for (const assignment of removed) {
        await emitPatientEvent(ports, 'CaregiverUnassigned', removedRecord, actor, {
          caregiverId: assignment.caregiverId,
          by: actor.caregiverId ?? 'system',
        });
      }
      await ports.schedules.patientDeleted(removedRecord, actor);
      await emitPatientEvent(ports, 'PatientDeleted', removedRecord, actor);
      await recordPhi(
        ports,
        actor,
        'DELETE',
        { type: 'patient', id: current.id, orgId: current.orgId },
        [current.id],
        { assignmentsRemoved: removed.length },
        true,
      );
      return current;
    });
    // The avatar is no longer referenced by anyone (§3.7); the record keeps its link for the retention period.
    await releaseUpload(ports, deleted.avatar);
  }
}
