import type { AuditRecorder } from '../ports/audit-recorder';
import type { CareTeamRepository } from '../ports/care-team-repository';
import type { Clock } from '../ports/clock';
import type { ConversationRepository } from '../ports/conversation-repository';
import type { IdGenerator } from '../ports/id-generator';
import type { PatientRepository } from '../ports/patient-repository';
import type { SessionStore } from '../ports/session-store';
import type { UnitOfWork } from '../ports/unit-of-work';

/**
 * The ports of the conversations context, bound once in bootstrap. Patients and care teams are read through the
 * patients context's repositories (never written here); sessions only to record the activity of a live poll.
 */
export interface ConversationPorts {
  readonly conversations: ConversationRepository;
  readonly patients: PatientRepository;
  readonly careTeam: CareTeamRepository;
  readonly sessions: SessionStore;
  readonly uow: UnitOfWork;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly audit: AuditRecorder;
}
