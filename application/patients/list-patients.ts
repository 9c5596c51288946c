import type { AccessScope } from '../../domain/identity/roles';
import type { Actor } from '../../domain/shared/actor';
import type { Page, SortKey } from '../../domain/shared/page';
import type { PatientSortField } from '../ports/patient-repository';
import { orgForRequest } from './patient-access';
import { recordPhi } from './patient-audit';
import { orgNotFound } from './patient-errors';
import type { PatientPorts } from './patient-ports';
import { loadPatientViews, type PatientView } from './patient-views';

export interface PatientListInput {
  /** The organisation to list; the caller's own when absent (only a superAdmin may name another). */
  readonly orgId?: string;
  readonly nameContains?: string;
  /** Exact address (normalised). */
  readonly email?: string;
  readonly page: number;
  readonly limit: number;
  readonly sort: readonly SortKey<PatientSortField>[];
}

/**
 * `ListPatients` (DOMAIN.md §3.4 #2, `GET /patients`): staff see their assigned patients only (the scope is part
 * of the repository query, never a filter afterwards), orgAdmins their organisation, superAdmins theirs or the
 * one they name. The read is audited with the ids of the patients returned.
 */
export class ListPatients {
  constructor(private readonly ports: PatientPorts) {}

  async execute(scope: AccessScope, input: PatientListInput, actor: Actor): Promise<Page<PatientView>> {
    const { ports } = this;
    const orgId = await orgForRequest(ports, scope, input.orgId, 'patient.read', actor, orgNotFound);
    const onlyIds = scope.role === 'staff' ? await ports.careTeam.assignedPatientIds(scope.caregiverId) : undefined;
    const page = await ports.patients.list({
      orgId,
      page: input.page,
      limit: input.limit,
      sort: input.sort,
      ...(input.nameContains === undefined ? {} : { nameContains: input.nameContains }),
      ...(input.email === undefined ? {} : { email: input.email }),
      ...(onlyIds === undefined ? {} : { onlyIds }),
    });
    const results = await loadPatientViews(ports, page.results);
    await recordPhi(
      ports,
      actor,
      'READ',
      { type: 'patient', id: 'list', orgId },
      results.map((view) => view.patient.id),
      { count: results.length, totalResults: page.totalResults },
    );
    return { ...page, results };
  }
}
