import type { AlertRepository } from '../alerts/alert-repository';
import type { AuditRecorder } from '../ports/audit-recorder';
import type { Clock } from '../ports/clock';
import type { ConversationRepository } from '../ports/conversation-repository';
import type { IdGenerator } from '../ports/id-generator';
import type { OrgRepository } from '../ports/org-repository';
import type { PatientRepository } from '../ports/patient-repository';
import type { ReportRepository } from '../ports/report-repository';
import type { UnitOfWork } from '../ports/unit-of-work';

/**
 * The ports of the reports context. Patients, organisations, conversations and alerts are read through their
 * own contexts' repositories and never written here.
 */
export interface ReportPorts {
  readonly reports: ReportRepository;
  readonly patients: PatientRepository;
  readonly orgs: OrgRepository;
  readonly conversations: ConversationRepository;
  readonly alerts: AlertRepository;
  readonly uow: UnitOfWork;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly audit: AuditRecorder;
}
