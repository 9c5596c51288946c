import type { AuditRecorder } from '../ports/audit-recorder';
import type { Clock } from '../ports/clock';
import type { EmergencyPhraseRepository } from '../ports/emergency-phrase-repository';
import type { EventOutbox } from '../ports/event-outbox';
import type { IdGenerator } from '../ports/id-generator';
import type { OrgRepository } from '../ports/org-repository';
import type { UnitOfWork } from '../ports/unit-of-work';
import type { EmergencyPhraseCatalog } from './emergency-phrase-catalog';
import type { RegexProbe } from './regex-probe';

/** The ports of the emergency-phrase context, bound once in bootstrap; organisations are read, never written. */
export interface EmergencyPhrasePorts {
  readonly phrases: EmergencyPhraseRepository;
  readonly catalog: EmergencyPhraseCatalog;
  readonly probe: RegexProbe;
  readonly orgs: OrgRepository;
  readonly uow: UnitOfWork;
  readonly outbox: EventOutbox;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly audit: AuditRecorder;
}
