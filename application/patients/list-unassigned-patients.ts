import type { AccessScope } from '../../domain/identity/roles';
import type { Actor } from '../../domain/shared/actor';
import { orgForRequest } from './patient-access';
import { recordPhi } from './patient-audit';
import { orgNotFound } from './patient-errors';
import type { PatientPorts } from './patient-ports';
import { loadPatientViews, type PatientView } from './patient-views';

/**
 * `ListUnassignedPatients` (`GET /patients/unassigned`): the organisation's active patients without any
 * assignment, oldest first. Staff get an empty list for their own organisation (the caregiver screen calls it
 * for every role), never a patient they are not assigned to; naming another organisation is an audited 403 for
 * them as for orgAdmins (API-CONTRACT.md §2.8), so the org check comes first.
 */
export class ListUnassignedPatients {
  constructor(private readonly ports: PatientPorts) {}

  async execute(scope: AccessScope, input: { readonly orgId?: string }, actor: Actor): Promise<PatientView[]> {
    const { ports } = this;
    const orgId = await orgForRequest(ports, scope, input.orgId, 'patient.listUnassigned', actor, orgNotFound);
    if (scope.role === 'staff') return [];
    const assigned = new Set(await ports.careTeam.patientIdsWithAssignments(orgId));
    const unassigned = (await ports.patients.listByOrg(orgId)).filter((patient) => !assigned.has(patient.id));
    const views = await loadPatientViews(ports, unassigned);
    await recordPhi(
      ports,
      actor,
      'READ',
      { type: 'patient', id: 'list', orgId },
      views.map((view) => view.patient.id),
      { count: views.length, filter: 'unassigned' },
    );
    return views;
  }
}
