import { DEFAULT_OFF_HOURS, type OffHoursWindow } from '../../../domain/compliance/off-hours';
import type { PhiVolumeLimits } from '../../../domain/compliance/phi-volume-rules';
import type { AlertRepository } from '../../alerts/alert-repository';
import type { AuditRecorder } from '../../ports/audit-recorder';
import type { BreachLogRepository } from '../../ports/breach-log-repository';
import type { CaregiverRepository } from '../../ports/caregiver-repository';
import type { Clock } from '../../ports/clock';
import type { EmailSender } from '../../ports/email-sender';
import type { IdGenerator } from '../../ports/id-generator';
import type { Logger } from '../../ports/logger';
import type { OrgRepository } from '../../ports/org-repository';
import type { PhiAccessCounter } from '../../ports/phi-access-counter';
import type { SessionStore } from '../../ports/session-store';

/** The thresholds and windows of DOMAIN.md §2.4.9 (all configurable, RESOLUTIONS.md 33). */
export interface BreachRuleSettings {
  readonly limits: PhiVolumeLimits;
  /** The global off-hours window; the org record has no setting of its own yet, only its time zone. */
  readonly offHours: OffHoursWindow;
  /** Where lock notices go besides the orgAdmins' alert; null: no e-mail. */
  readonly securityContactEmail: string | null;
}

export const DEFAULT_BREACH_RULE_SETTINGS: BreachRuleSettings = {
  // The list counter sees every patient of each list a caregiver opens, so its limit sits well above what an
  // ordinary org's lists show in an hour; it only alerts.
  limits: { minute: 20, hour: 100, listHour: 500 },
  offHours: DEFAULT_OFF_HOURS,
  securityContactEmail: null,
};

/** What the inline breach rules use. `inner` is the undecorated recorder: the rules' own entries never count. */
export interface BreachRulePorts {
  readonly inner: AuditRecorder;
  readonly counter: PhiAccessCounter;
  readonly caregivers: CaregiverRepository;
  readonly orgs: OrgRepository;
  readonly sessions: SessionStore;
  readonly breaches: BreachLogRepository;
  readonly alerts: AlertRepository;
  readonly email: EmailSender;
  readonly ids: IdGenerator;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly settings: BreachRuleSettings;
}
