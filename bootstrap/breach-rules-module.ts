import type { Container } from 'inversify';
import type { AlertRepository } from '../application/alerts/alert-repository';
import { ALERT_TOKENS } from '../application/alerts/alert-tokens';
import type { AuditSequencer } from '../application/audit/audit-sequencer';
import { PendingAuditRecorder } from '../application/audit/pending-audit-recorder';
import {
  DEFAULT_BREACH_RULE_SETTINGS,
  type BreachRuleSettings,
} from '../application/compliance/breach-rules/breach-rule-ports';
import { PhiAccessMonitor } from '../application/compliance/breach-rules/phi-access-monitor';
import type { AuditStore } from '../application/ports/audit-store';
import { AUDIT_TOKENS } from '../application/ports/audit-tokens';
import type { BreachLogRepository } from '../application/ports/breach-log-repository';
import type { CaregiverRepository } from '../application/ports/caregiver-repository';
import type { Clock } from '../application/ports/clock';
import type { EmailSender } from '../application/ports/email-sender';
import type { IdGenerator } from '../application/ports/id-generator';
import type { Logger } from '../application/ports/logger';
import type { OrgRepository } from '../application/ports/org-repository';
import type { PhiAccessCounter } from '../application/ports/phi-access-counter';
import type { SessionStore } from '../application/ports/session-store';
import { TOKENS } from '../application/ports/tokens';
import { offHoursWindow } from '../domain/compliance/off-hours';
import { InMemoryPhiAccessCounter } from '../adapters/cache/memory/in-memory-phi-access-counter';
import type { AppConfig } from './config';

export const BREACH_RULE_TOKENS = {
  PhiAccessCounter: Symbol.for('compliance.PhiAccessCounter'),
  /** The recorder the rules decorate (and write their own entries to). */
  InnerAuditRecorder: Symbol.for('compliance.InnerAuditRecorder'),
} as const;

/** The settings as config.ts is to carry them (`breachRules`, from the PHI_* and OFF_HOURS_* variables). */
export interface BreachRulesConfig {
  readonly phiVolumeMinuteLimit: number;
  readonly phiVolumeHourLimit: number;
  readonly phiListAlertHourLimit: number;
  readonly offHoursStart: string;
  readonly offHoursEnd: string;
  readonly securityContactEmail: string | undefined;
}

export const breachRuleSettings = (config: BreachRulesConfig | undefined): BreachRuleSettings =>
  config === undefined
    ? DEFAULT_BREACH_RULE_SETTINGS
    : {
        limits: {
          minute: config.phiVolumeMinuteLimit,
          hour: config.phiVolumeHourLimit,
          listHour: config.phiListAlertHourLimit,
        },
        offHours: offHoursWindow(config.offHoursStart, config.offHoursEnd),
        securityContactEmail: config.securityContactEmail ?? null,
      };

/**
 * The inline PHI breach rules (DOMAIN.md §2.4.9): rebinds `TOKENS.shared.AuditRecorder` to the monitor wrapping
 * the pending-entry recorder of audit-module.ts, so every use case's PHI entries feed the rules unchanged. Call it
 * after `bindAudit`; the inner recorder resolves the audit store at first use, so Mongo rebinds still apply.
 */
export const bindBreachRules = (c: Container, config: AppConfig, settings?: BreachRuleSettings): void => {
  // Idempotent: tests wire it through `overrides` until container.ts does, and must not bind it twice then.
  if (c.isBound(BREACH_RULE_TOKENS.PhiAccessCounter)) return;
  const configured = (config as AppConfig & { readonly breachRules?: BreachRulesConfig }).breachRules;
  const chosen = settings ?? breachRuleSettings(configured);
  c.bind(BREACH_RULE_TOKENS.PhiAccessCounter).toConstantValue(new InMemoryPhiAccessCounter());
  c.bind(BREACH_RULE_TOKENS.InnerAuditRecorder).toResolvedValue(
    (store: AuditStore, ids: IdGenerator, sequencer: AuditSequencer) => new PendingAuditRecorder(store, ids, sequencer),
    [AUDIT_TOKENS.AuditStore, TOKENS.shared.IdGenerator, AUDIT_TOKENS.AuditSequencer],
  );
  c.rebind(TOKENS.shared.AuditRecorder).toResolvedValue(
    (
      inner: PendingAuditRecorder,
      counter: PhiAccessCounter,
      caregivers: CaregiverRepository,
      orgs: OrgRepository,
      sessions: SessionStore,
      breaches: BreachLogRepository,
      alerts: AlertRepository,
      email: EmailSender,
      ids: IdGenerator,
      clock: Clock,
      logger: Logger,
    ) =>
      new PhiAccessMonitor({
        inner,
        counter,
        caregivers,
        orgs,
        sessions,
        breaches,
        alerts,
        email,
        ids,
        clock,
        logger: logger.child({ component: 'breach-rules' }),
        settings: chosen,
      }),
    [
      BREACH_RULE_TOKENS.InnerAuditRecorder,
      BREACH_RULE_TOKENS.PhiAccessCounter,
      TOKENS.identity.CaregiverRepository,
      TOKENS.identity.OrgRepository,
      TOKENS.identity.SessionStore,
      TOKENS.identity.BreachLogRepository,
      ALERT_TOKENS.AlertRepository,
      TOKENS.shared.EmailSender,
      TOKENS.shared.IdGenerator,
      TOKENS.shared.Clock,
      TOKENS.shared.Logger,
    ],
  );
};
