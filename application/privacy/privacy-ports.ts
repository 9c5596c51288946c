import type { AlertRepository } from '../alerts/alert-repository';
import type { IdentityPorts } from '../identity/identity-ports';
import type { PatientPorts } from '../patients/patient-ports';
import type { AuditRecorder } from '../ports/audit-recorder';
import type { Clock } from '../ports/clock';
import type { ConsentRepository } from '../ports/consent-repository';
import type { ConversationRepository } from '../ports/conversation-repository';
import type { IdGenerator } from '../ports/id-generator';
import type { PrivacyExportStore } from '../ports/privacy-export-store';
import type { PrivacyRequestRepository } from '../ports/privacy-request-repository';
import type { SecretCipher } from '../ports/secret-cipher';
import type { UnitOfWork } from '../ports/unit-of-work';
import type { PrivacyAuditLog } from './privacy-audit-log';

/**
 * The ports of the privacy context, bound once in bootstrap. Fulfilment reaches into the subjects' contexts:
 * patients (record, care team, schedules, avatars) through the patients context's ports, caregivers (account,
 * sessions, one-time tokens) through identity's, conversations and alerts through their repositories, so the
 * same rules and helpers apply as in those contexts.
 */
export interface PrivacyPorts {
  readonly requests: PrivacyRequestRepository;
  readonly consents: ConsentRepository;
  readonly exports: PrivacyExportStore;
  readonly auditLog: PrivacyAuditLog;
  /** Encrypts stored exports (AES-256-GCM). */
  readonly cipher: SecretCipher;
  readonly conversations: ConversationRepository;
  readonly alerts: AlertRepository;
  readonly patientContext: PatientPorts;
  readonly identity: IdentityPorts;
  readonly uow: UnitOfWork;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly audit: AuditRecorder;
}
