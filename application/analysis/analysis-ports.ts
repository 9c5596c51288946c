import type { AlertRepository } from '../alerts/alert-repository';
import type {
  FraudAbuseAnalysisRepository,
  MedicalAnalysisRepository,
  MedicalBaselineRepository,
} from '../ports/analysis-result-repository';
import type { AuditRecorder } from '../ports/audit-recorder';
import type { CareTeamRepository } from '../ports/care-team-repository';
import type { Clock } from '../ports/clock';
import type { ConversationRepository } from '../ports/conversation-repository';
import type { IdGenerator } from '../ports/id-generator';
import type { JobScheduler } from '../ports/job-scheduler';
import type { Logger } from '../ports/logger';
import type { OrgRepository } from '../ports/org-repository';
import type { PatientRepository } from '../ports/patient-repository';
import type { RateLimiter } from '../ports/rate-limiter';
import type { UnitOfWork } from '../ports/unit-of-work';
import type { AnalysisRunLog } from './analysis-run-log';

/**
 * The ports of the analysis context, bound once in bootstrap. Conversations, patients, care teams and
 * organisations are read through their own contexts' repositories; sentiment is written onto its conversation
 * (DOMAIN.md §10.1) and fraud/abuse alerts are added through the alerts repository (§10.6).
 */
export interface AnalysisPorts {
  readonly medical: MedicalAnalysisRepository;
  readonly fraud: FraudAbuseAnalysisRepository;
  readonly baselines: MedicalBaselineRepository;
  readonly conversations: ConversationRepository;
  readonly patients: PatientRepository;
  readonly careTeam: CareTeamRepository;
  readonly orgs: OrgRepository;
  readonly alerts: AlertRepository;
  readonly jobs: JobScheduler;
  readonly rateLimiter: RateLimiter;
  readonly runs: AnalysisRunLog;
  readonly uow: UnitOfWork;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly audit: AuditRecorder;
  readonly logger: Logger;
}
