import type { AccessScope } from '../../domain/identity/roles';
import { assignmentProblem, createAssignment, isAssignableRole } from '../../domain/patients/care-team';
import { authorizePatient } from '../../domain/patients/patient-policy';
import type { Actor } from '../../domain/shared/actor';
import { denyPatientAccess, recordDenial, recordPhi } from './patient-audit';
import { caregiverNotAssignable, caregiverNotFound } from './patient-errors';
import { emitPatientEvent } from './patient-events';
import type { PatientPorts } from './patient-ports';
import { loadPatientViews, type PatientView } from './patient-views';

export interface AssignUnassignedInput {
  readonly caregiverId: string;
  /** 1-500 distinct ids (checked by the adapter). */
  readonly patientIds: readonly string[];
}

/**
 * `AssignUnassignedPatients` (`POST /patients/assign-unassigned`), admins only: assigns one caregiver to every
 * listed patient of the caregiver's organisation in one transaction. Patients that already have caregivers keep
 * them; ids that are not patients of that organisation are skipped and left out of the answer.
 */
export class AssignUnassignedPatients {
  constructor(private readonly ports: PatientPorts) {}

  async execute(scope: AccessScope, input: AssignUnassignedInput, actor: Actor): Promise<PatientView[]> {
    const { ports } = this;
    if (scope.role === 'staff') {
      await denyPatientAccess(ports, actor, 'patient.manageCareTeam', {
        type: 'careTeam',
        id: null,
        orgId: scope.orgId,
      });
    }
    const caregiver = await ports.caregivers.findById(input.caregiverId);
    if (caregiver === null) throw caregiverNotFound();
    const decision = authorizePatient(scope, 'patient.manageCareTeam', {
      orgId: caregiver.orgId,
      assignedToCaller: false,
    });
    if (decision !== 'allow') {
      const resource = { type: 'caregiver' as const, id: caregiver.id, orgId: caregiver.orgId };
      if (decision === 'not-found') {
        await recordDenial(ports, actor, 'patient.manageCareTeam', resource, 'other_org_caregiver');
        throw caregiverNotFound();
      }
      await denyPatientAccess(ports, actor, 'patient.manageCareTeam', resource);
    }
    if (!isAssignableRole(caregiver.role)) throw caregiverNotAssignable();

    const patients = await ports.uow.run(async () => {
      const member = await ports.caregivers.findById(caregiver.id);
      if (member === null) throw caregiverNotFound();
      const listed = (await ports.patients.findByIds(input.patientIds)).filter((p) => p.orgId === member.orgId);
      const now = ports.clock.now();
      const newlyAssigned: string[] = [];
      for (const patient of listed) {
        if (assignmentProblem(patient, member) !== null) throw caregiverNotAssignable();
        const created = await ports.careTeam.insert(
          createAssignment({
            id: ports.ids.next(),
            orgId: patient.orgId,
            patientId: patient.id,
            caregiverId: member.id,
            assignedBy: actor.caregiverId ?? 'system',
            now,
          }),
        );
        if (!created) continue;
        newlyAssigned.push(patient.id);
        await emitPatientEvent(ports, 'CaregiverAssigned', patient, actor, {
          caregiverId: member.id,
          by: actor.caregiverId ?? 'system',
        });
      }
      await recordPhi(
        ports,
        actor,
        'CREATE',
        { type: 'careTeam', id: 'list', orgId: member.orgId },
        listed.map((p) => p.id),
        { caregiverId: member.id, count: listed.length, newlyAssigned: newlyAssigned.length },
      );
      return listed;
    });
    return loadPatientViews(ports, patients);
  }
}
