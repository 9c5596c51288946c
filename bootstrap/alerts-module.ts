import type Router from '@koa/router';
import type { Container } from 'inversify';
import { RepositoryAlertReferences } from '../application/alerts/alert-references';
import type { AlertPorts } from '../application/alerts/alert-ports';
import { ALERT_TOKENS } from '../application/alerts/alert-tokens';
import { createAlertUseCases, type AlertUseCases } from '../application/alerts/alert-use-cases';
import { LoginAlerts } from '../application/alerts/login-alerts';
import type { PatientCareDirectory } from '../application/patients/patient-care-directory';
import { PATIENT_TOKENS } from '../application/patients/patient-tokens';
import { CONVERSATION_TOKENS } from '../application/conversations/conversation-tokens';
import type { ConversationRepository } from '../application/ports/conversation-repository';
import type { ScheduleRepository } from '../application/ports/schedule-repository';
import { TOKENS } from '../application/ports/tokens';
import { SCHEDULE_TOKENS } from '../application/schedules/schedule-tokens';
import { alertDto } from '../adapters/http/presenters/alert-presenters';
import { alertRoutes, alertTestSupportRoutes, type RequireAuthFactory } from '../adapters/http/routes/alert-routes';
import { InMemoryAlertRepository } from '../adapters/persistence/memory/in-memory-alert-repository';
import type { MemoryDatabase } from '../adapters/persistence/memory/memory-database';
import type { AppConfig } from './config';
import { INFRA } from './infra-tokens';

/**
 * The alerts context: the repository of the embedded profile, schedule and conversation lookups over those
 * contexts' repositories (so bind it after `bindSchedules` and `bindConversations`), use-cases, and the login payload's alerts, attached to the patients context's care directory (so
 * bind it after `bindPatients`; the directory is what identity reads).
 */
export const bindAlerts = (c: Container, _config: AppConfig): void => {
  c.bind(ALERT_TOKENS.AlertRepository).toResolvedValue(
    (db: MemoryDatabase) => new InMemoryAlertRepository(db),
    [INFRA.MemoryDatabase],
  );
  c.bind(ALERT_TOKENS.AlertReferences).toResolvedValue(
    (schedules: ScheduleRepository, conversations: ConversationRepository) =>
      new RepositoryAlertReferences(schedules, conversations),
    [SCHEDULE_TOKENS.ScheduleRepository, CONVERSATION_TOKENS.ConversationRepository],
  );
  c.bind(ALERT_TOKENS.Ports).toResolvedValue(
    (...deps: unknown[]): AlertPorts => {
      const [alerts, references, patients, careTeam, caregivers, orgs, uow, clock, ids, audit] = deps as [
        AlertPorts['alerts'],
        AlertPorts['references'],
        AlertPorts['patients'],
        AlertPorts['careTeam'],
        AlertPorts['caregivers'],
        AlertPorts['orgs'],
        AlertPorts['uow'],
        AlertPorts['clock'],
        AlertPorts['ids'],
        AlertPorts['audit'],
      ];
      return { alerts, references, patients, careTeam, caregivers, orgs, uow, clock, ids, audit };
    },
    [
      ALERT_TOKENS.AlertRepository,
      ALERT_TOKENS.AlertReferences,
      PATIENT_TOKENS.PatientRepository,
      PATIENT_TOKENS.CareTeamRepository,
      TOKENS.identity.CaregiverRepository,
      TOKENS.identity.OrgRepository,
      TOKENS.shared.UnitOfWork,
      TOKENS.shared.Clock,
      TOKENS.shared.IdGenerator,
      TOKENS.shared.AuditRecorder,
    ],
  );
  c.bind(ALERT_TOKENS.UseCases).toResolvedValue(
    (ports: AlertPorts) => createAlertUseCases(ports),
    [ALERT_TOKENS.Ports],
  );
  c.bind(ALERT_TOKENS.LoginAlerts).toResolvedValue(
    (ports: AlertPorts) => new LoginAlerts(ports, alertDto),
    [ALERT_TOKENS.Ports],
  );
  c.onActivation<PatientCareDirectory>(PATIENT_TOKENS.CareDirectory, (_context, directory) => {
    const login = c.get<LoginAlerts>(ALERT_TOKENS.LoginAlerts);
    return directory.withAlerts((caregiverId) => login.forCaregiver(caregiverId));
  });
};

/** The alerts context's routers: `/v1/alerts/*`, authenticated through `requireAuth` (passive for the poll). */
export const alertRouters = (alerts: AlertUseCases, requireAuth: RequireAuthFactory): Router[] => [
  alertRoutes(alerts, requireAuth),
];

/** `POST /v1/test/create-alert`: mount it only where the test-support router is mounted. */
export const alertTestSupportRouters = (alerts: AlertUseCases): Router[] => [alertTestSupportRoutes(alerts)];
