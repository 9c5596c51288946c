import type Router from '@koa/router';
import type { Container } from 'inversify';
import type { Middleware } from 'koa';
import { ALERT_TOKENS } from '../application/alerts/alert-tokens';
import { CONVERSATION_TOKENS } from '../application/conversations/conversation-tokens';
import { PATIENT_TOKENS } from '../application/patients/patient-tokens';
import type { ReportRepository } from '../application/ports/report-repository';
import { TOKENS } from '../application/ports/tokens';
import type { ReportPorts } from '../application/reports/report-ports';
import { REPORT_TOKENS } from '../application/reports/report-tokens';
import { createReportUseCases, type ReportUseCases } from '../application/reports/report-use-cases';
import { reportRoutes } from '../adapters/http/routes/report-routes';
import { InMemoryReportRepository } from '../adapters/persistence/memory/in-memory-report-repository';
import type { MemoryDatabase } from '../adapters/persistence/memory/memory-database';
import type { MongoDatabase } from '../adapters/persistence/mongo/mongo-connection';
import { MongoReportRepository } from '../adapters/persistence/mongo/mongo-report-repository';
import type { AppConfig } from './config';
import { INFRA } from './infra-tokens';
import { MONGO } from './mongo-module';

/**
 * The reports context: the repository (Mongo when the container has the Mongo profile's database, else the
 * embedded store), ports reading patients, organisations, conversations and alerts through their own contexts'
 * repositories (bind it after those contexts), and use-cases.
 */
export const bindReports = (c: Container, _config: AppConfig): void => {
  c.bind(REPORT_TOKENS.ReportRepository).toResolvedValue((): ReportRepository =>
    c.isBound(MONGO.Database)
      ? new MongoReportRepository(c.get<MongoDatabase>(MONGO.Database))
      : new InMemoryReportRepository(c.get<MemoryDatabase>(INFRA.MemoryDatabase)),
  );
  c.bind(REPORT_TOKENS.Ports).toResolvedValue(
    (...deps: unknown[]): ReportPorts => {
      const [reports, patients, orgs, conversations, alerts, uow, clock, ids, audit] = deps as [
        ReportPorts['reports'],
        ReportPorts['patients'],
        ReportPorts['orgs'],
        ReportPorts['conversations'],
        ReportPorts['alerts'],
        ReportPorts['uow'],
        ReportPorts['clock'],
        ReportPorts['ids'],
        ReportPorts['audit'],
      ];
      return { reports, patients, orgs, conversations, alerts, uow, clock, ids, audit };
    },
    [
      REPORT_TOKENS.ReportRepository,
      PATIENT_TOKENS.PatientRepository,
      TOKENS.identity.OrgRepository,
      CONVERSATION_TOKENS.ConversationRepository,
      ALERT_TOKENS.AlertRepository,
      TOKENS.shared.UnitOfWork,
      TOKENS.shared.Clock,
      TOKENS.shared.IdGenerator,
      TOKENS.shared.AuditRecorder,
    ],
  );
  c.bind(REPORT_TOKENS.UseCases).toResolvedValue(
    (ports: ReportPorts) => createReportUseCases(ports),
    [REPORT_TOKENS.Ports],
  );
};

/** `/v1/reports`, behind the shared authentication middleware. */
export const reportRouters = (reports: ReportUseCases, authenticated: Middleware): Router[] => [
  reportRoutes(reports, authenticated),
];

/** Creates the report indexes on the Mongo profile (idempotent; a no-op on the embedded store). */
export const ensureReportIndexes = async (c: Container): Promise<void> => {
  const repository = c.get<ReportRepository>(REPORT_TOKENS.ReportRepository);
  if (repository instanceof MongoReportRepository) await repository.ensureIndexes();
};
