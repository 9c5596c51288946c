import type { ConsentGate } from './consent-gate';
import type { EmergencyWatch } from './emergency-watch';
import type { AuditRecorder } from '../ports/audit-recorder';
import type { CallRepository } from '../ports/call-repository';
import type { CallTimers } from '../ports/call-timers';
import type { CareTeamRepository } from '../ports/care-team-repository';
import type { CaregiverRepository } from '../ports/caregiver-repository';
import type { Clock } from '../ports/clock';
import type { ConversationRepository } from '../ports/conversation-repository';
import type { EventOutbox } from '../ports/event-outbox';
import type { IdGenerator } from '../ports/id-generator';
import type { JobScheduler } from '../ports/job-scheduler';
import type { LineItemRepository } from '../ports/line-item-repository';
import type { Logger } from '../ports/logger';
import type { OrgRepository } from '../ports/org-repository';
import type { PatientRepository } from '../ports/patient-repository';
import type { ScheduleRepository } from '../ports/schedule-repository';
import type { SessionStore } from '../ports/session-store';
import type { TelephonyPort } from '../ports/telephony';
import type { UnitOfWork } from '../ports/unit-of-work';
import type { VoiceAgentPort } from '../ports/voice-agent';
import type { CallSettings } from './call-settings';

/**
 * The ports of the calls context, bound once in bootstrap. Patients, care teams, caregivers, organisations and
 * schedules are read through their own contexts' repositories; the calls context writes only a patient's
 * `lastContactAt` and a schedule's occurrence bookkeeping (the job it owns), and the conversation it reserved.
 */
export interface CallPorts {
  readonly calls: CallRepository;
  readonly lineItems: LineItemRepository;
  readonly conversations: ConversationRepository;
  readonly patients: PatientRepository;
  readonly careTeam: CareTeamRepository;
  readonly caregivers: CaregiverRepository;
  readonly orgs: OrgRepository;
  readonly schedules: ScheduleRepository;
  readonly jobs: JobScheduler;
  /** Only to record the activity of a live call poll (API-CONTRACT.md §2.6). */
  readonly sessions: SessionStore;
  readonly uow: UnitOfWork;
  readonly outbox: EventOutbox;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly audit: AuditRecorder;
  readonly logger: Logger;
  readonly telephony: TelephonyPort;
  readonly agent: VoiceAgentPort;
  readonly timers: CallTimers;
  /** Whether the process is draining (no new calls, VOICE.md §1.1). */
  readonly intake: { isDraining(): boolean };
  readonly settings: CallSettings;
  /** Emergency detection on finalised patient turns (DOMAIN.md §7.3, VOICE.md §4.13). */
  readonly emergencyWatch?: EmergencyWatch;
  /** Refuses calls once a patient's recording/transcription consent is withdrawn (API-CONTRACT.md §6.3). */
  readonly consentGate?: ConsentGate;
}
