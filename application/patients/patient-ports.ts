import type { AuditRecorder } from '../ports/audit-recorder';
import type { CareTeamRepository } from '../ports/care-team-repository';
import type { CaregiverRepository } from '../ports/caregiver-repository';
import type { Clock } from '../ports/clock';
import type { EventOutbox } from '../ports/event-outbox';
import type { IdGenerator } from '../ports/id-generator';
import type { MediaStore } from '../ports/media-store';
import type { OrgRepository } from '../ports/org-repository';
import type { PatientRepository } from '../ports/patient-repository';
import type { PatientSchedules } from '../ports/patient-schedules';
import type { RateLimiter } from '../ports/rate-limiter';
import type { UnitOfWork } from '../ports/unit-of-work';

/**
 * The ports of the patients and care-team context, bound once in bootstrap. Caregivers and organisations are
 * read through identity's repositories (never written here).
 */
export interface PatientPorts {
  readonly patients: PatientRepository;
  readonly careTeam: CareTeamRepository;
  readonly caregivers: CaregiverRepository;
  readonly orgs: OrgRepository;
  readonly schedules: PatientSchedules;
  readonly uow: UnitOfWork;
  readonly outbox: EventOutbox;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly audit: AuditRecorder;
  readonly media: MediaStore;
  readonly rateLimiter: RateLimiter;
  /** Absolute base of image links, `<PUBLIC_BASE_URL>/uploads` (API-CONTRACT.md §3.7). */
  readonly uploadsBaseUrl: string;
}
