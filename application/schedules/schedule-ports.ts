import type { AuditRecorder } from '../ports/audit-recorder';
import type { CareTeamRepository } from '../ports/care-team-repository';
import type { Clock } from '../ports/clock';
import type { EventOutbox } from '../ports/event-outbox';
import type { IdGenerator } from '../ports/id-generator';
import type { JobScheduler } from '../ports/job-scheduler';
import type { OrgRepository } from '../ports/org-repository';
import type { PatientRepository } from '../ports/patient-repository';
import type { ScheduleRepository } from '../ports/schedule-repository';
import type { UnitOfWork } from '../ports/unit-of-work';

/**
 * The ports of the schedules context, bound once in bootstrap. Patients, care teams and organisations are read
 * through their own contexts' repositories (never written here): they decide access and the inherited zone.
 */
export interface SchedulePorts {
  readonly schedules: ScheduleRepository;
  readonly patients: PatientRepository;
  readonly careTeam: CareTeamRepository;
  readonly orgs: OrgRepository;
  readonly jobs: JobScheduler;
  readonly uow: UnitOfWork;
  readonly outbox: EventOutbox;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly audit: AuditRecorder;
}
