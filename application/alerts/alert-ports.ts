import type { AuditRecorder } from '../ports/audit-recorder';
import type { CareTeamRepository } from '../ports/care-team-repository';
import type { CaregiverRepository } from '../ports/caregiver-repository';
import type { Clock } from '../ports/clock';
import type { IdGenerator } from '../ports/id-generator';
import type { OrgRepository } from '../ports/org-repository';
import type { PatientRepository } from '../ports/patient-repository';
import type { UnitOfWork } from '../ports/unit-of-work';
import type { AlertReferences } from './alert-references';
import type { AlertRepository } from './alert-repository';

/**
 * The ports of the alerts context, bound once in bootstrap. Patients, care teams, caregivers and organisations
 * are read through their own contexts' repositories (never written here).
 */
export interface AlertPorts {
  readonly alerts: AlertRepository;
  readonly references: AlertReferences;
  readonly patients: PatientRepository;
  readonly careTeam: CareTeamRepository;
  readonly caregivers: CaregiverRepository;
  readonly orgs: OrgRepository;
  readonly uow: UnitOfWork;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly audit: AuditRecorder;
}
