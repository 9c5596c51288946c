import type { AccessScope } from '../../domain/identity/roles';
import { assignmentProblem, createAssignment, isAssignableRole } from '../../domain/patients/care-team';
import type { Actor } from '../../domain/shared/actor';
import { loadCaregiverOfOrg, loadPatientFor } from './patient-access';
import { recordPhi } from './patient-audit';
import { assignmentError, caregiverNotAssignable, caregiverNotFound, patientNotFound } from './patient-errors';
import { emitPatientEvent } from './patient-events';
import type { PatientPorts } from './patient-ports';
import { loadPatientView, type PatientView } from './patient-views';

/**
 * `AssignCaregiver` (`POST /patients/:patientId/caregivers/:caregiverId`), admins only. Any caregiver of the
 * patient's organisation may join the care team, invited accounts included; another organisation's caregiver is
 * 404 `Caregiver not found`. Idempotent: assigning twice keeps one assignment.
 */
export class AssignCaregiver {
  constructor(private readonly ports: PatientPorts) {}

  async execute(scope: AccessScope, patientId: string, caregiverId: string, actor: Actor): Promise<PatientView> {
    const { ports } = this;
    const patient = await loadPatientFor(ports, scope, patientId, 'patient.manageCareTeam', actor);
    const caregiver = await loadCaregiverOfOrg(ports, caregiverId, patient.orgId, 'patient.manageCareTeam', actor);
    if (!isAssignableRole(caregiver.role)) throw caregiverNotAssignable();
    const saved = await ports.uow.run(async () => {
      const current = await ports.patients.findById(patient.id);
      if (current === null) throw patientNotFound();
      const member = await ports.caregivers.findById(caregiver.id);
      if (member === null) throw caregiverNotFound();
      const problem = assignmentProblem(current, member);
      if (problem !== null) throw assignmentError(problem);
      const assignment = createAssignment({
        id: ports.ids.next(),
        orgId: current.orgId,
        patientId: current.id,
        caregiverId: member.id,
        assignedBy: actor.caregiverId ?? 'system',
        now: ports.clock.now(),
      });
      const created = await ports.careTeam.insert(assignment);
      if (created) {
        await emitPatientEvent(ports, 'CaregiverAssigned', current, actor, {
          caregiverId: member.id,
          by: actor.caregiverId ?? 'system',
        });
      }
      const existing = created ? assignment : await ports.careTeam.find(current.id, member.id);
      await recordPhi(
        ports,
        actor,
        'CREATE',
        { type: 'careTeam', id: existing?.id ?? null, orgId: current.orgId },
        [current.id],
        { caregiverId: member.id, alreadyAssigned: !created },
      );
      return current;
    });
    return loadPatientView(ports, saved);
  }
}
