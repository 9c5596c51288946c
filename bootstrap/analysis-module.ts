import type Router from '@koa/router';
import type { Container } from 'inversify';
import { ALERT_TOKENS } from '../application/alerts/alert-tokens';
import type { AnalysisPorts } from '../application/analysis/analysis-ports';
import { AnalysisRunLog } from '../application/analysis/analysis-run-log';
import { ANALYSIS_JOBS, ANALYSIS_TOKENS } from '../application/analysis/analysis-tokens';
import { createAnalysisUseCases, type AnalysisUseCases } from '../application/analysis/analysis-use-cases';
import { CONVERSATION_TOKENS } from '../application/conversations/conversation-tokens';
import { PATIENT_TOKENS } from '../application/patients/patient-tokens';
import type { JobScheduler } from '../application/ports/job-scheduler';
import { TOKENS } from '../application/ports/tokens';
import type { Translator } from '../application/ports/translator';
import { fraudAbuseRoutes } from '../adapters/http/routes/fraud-abuse-routes';
import { medicalAnalysisRoutes } from '../adapters/http/routes/medical-analysis-routes';
import {
  sentimentRoutes,
  sentimentTestSupportRoutes,
  type RequireAuthFactory,
} from '../adapters/http/routes/sentiment-routes';
import {
  InMemoryFraudAbuseAnalysisRepository,
  InMemoryMedicalAnalysisRepository,
  InMemoryMedicalBaselineRepository,
} from '../adapters/persistence/memory/in-memory-analysis-repositories';
import type { MemoryDatabase } from '../adapters/persistence/memory/memory-database';
import {
  MongoFraudAbuseAnalysisRepository,
  MongoMedicalAnalysisRepository,
  MongoMedicalBaselineRepository,
} from '../adapters/persistence/mongo/mongo-analysis-repositories';
import type { MongoDatabase } from '../adapters/persistence/mongo/mongo-connection';
import type { AppConfig } from './config';
import { INFRA } from './infra-tokens';
import { addRouteModule } from './route-modules';

/** Each port of the context and the token it is bound under. */
const PORT_BINDINGS: ReadonlyArray<readonly [keyof AnalysisPorts, symbol]> = [
  ['medical', ANALYSIS_TOKENS.MedicalAnalysisRepository],
  ['fraud', ANALYSIS_TOKENS.FraudAbuseAnalysisRepository],
  ['baselines', ANALYSIS_TOKENS.MedicalBaselineRepository],
  ['conversations', CONVERSATION_TOKENS.ConversationRepository],
  ['patients', PATIENT_TOKENS.PatientRepository],
  ['careTeam', PATIENT_TOKENS.CareTeamRepository],
  ['orgs', TOKENS.identity.OrgRepository],
  ['alerts', ALERT_TOKENS.AlertRepository],
  ['jobs', TOKENS.shared.JobScheduler],
  ['rateLimiter', TOKENS.shared.RateLimiter],
  ['runs', ANALYSIS_TOKENS.RunLog],
  ['uow', TOKENS.shared.UnitOfWork],
  ['clock', TOKENS.shared.Clock],
  ['ids', TOKENS.shared.IdGenerator],
  ['audit', TOKENS.shared.AuditRecorder],
  ['logger', TOKENS.shared.Logger],
];

/**
 * The analysis context: the result repositories of the embedded profile, the ports (conversations, patients,
 * care teams, organisations and alerts through their own contexts' repositories), the use-cases, and the job
 * handlers of queued medical analyses and sentiment re-runs. Bind it after the patients, conversations and
 * alerts contexts.
 */
export const bindAnalysis = (c: Container, _config: AppConfig): void => {
  c.bind(ANALYSIS_TOKENS.MedicalAnalysisRepository).toResolvedValue(
    (db: MemoryDatabase) => new InMemoryMedicalAnalysisRepository(db),
    [INFRA.MemoryDatabase],
  );
  c.bind(ANALYSIS_TOKENS.FraudAbuseAnalysisRepository).toResolvedValue(
    (db: MemoryDatabase) => new InMemoryFraudAbuseAnalysisRepository(db),
    [INFRA.MemoryDatabase],
  );
  c.bind(ANALYSIS_TOKENS.MedicalBaselineRepository).toResolvedValue(
    (db: MemoryDatabase) => new InMemoryMedicalBaselineRepository(db),
    [INFRA.MemoryDatabase],
  );
  c.bind(ANALYSIS_TOKENS.RunLog).toConstantValue(new AnalysisRunLog());
  c.bind(ANALYSIS_TOKENS.Ports).toResolvedValue(
    (...deps: unknown[]) =>
      Object.fromEntries(PORT_BINDINGS.map(([name], index) => [name, deps[index]])) as unknown as AnalysisPorts,
    PORT_BINDINGS.map(([, token]) => token),
  );
  c.bind(ANALYSIS_TOKENS.UseCases).toResolvedValue(
    (ports: AnalysisPorts) => createAnalysisUseCases(ports),
    [ANALYSIS_TOKENS.Ports],
  );
  // Handlers look the use-cases up when a job runs: the scheduler is resolved before them.
  c.onActivation<JobScheduler>(TOKENS.shared.JobScheduler, (_context, scheduler) => {
    const useCases = () => c.get<AnalysisUseCases>(ANALYSIS_TOKENS.UseCases);
    scheduler.define(ANALYSIS_JOBS.medicalPatient, async (job) => {
      await useCases().triggerAllMedical.runQueued(job);
    });
    scheduler.define(ANALYSIS_JOBS.sentimentBatch, async (job) => {
      await useCases().reanalyzePatient.runBatch(job);
    });
    return scheduler;
  });
};

/** The Mongo profile's result repositories (call after bindAnalysis; create the indexes with ensureAnalysisIndexes). */
export const bindAnalysisMongo = (c: Container, database: MongoDatabase): void => {
  c.rebind(ANALYSIS_TOKENS.MedicalAnalysisRepository).toConstantValue(new MongoMedicalAnalysisRepository(database));
  c.rebind(ANALYSIS_TOKENS.FraudAbuseAnalysisRepository).toConstantValue(
    new MongoFraudAbuseAnalysisRepository(database),
  );
  c.rebind(ANALYSIS_TOKENS.MedicalBaselineRepository).toConstantValue(new MongoMedicalBaselineRepository(database));
};

/**
 * Demo analyses for the seed (API-CONTRACT.md §6.4: "Medical and fraud analyses are computed from them"): the
 * post-call analyses of each patient's newest finalised call, through the use-case (so they are audited as system
 * work). Call after the demo conversations are written.
 */
export const seedAnalyses = async (c: Container, patientIds: readonly string[]): Promise<void> => {
  const analysis = c.get<AnalysisUseCases>(ANALYSIS_TOKENS.UseCases);
  for (const patientId of patientIds) {
    const newest = await analysis.ports.conversations.listOfPatient({
      patientId,
      statuses: ['completed'],
      page: 1,
      limit: 1,
      sort: [{ field: 'endTime', direction: 'desc' }],
    });
    const latest = newest.results[0];
    if (latest !== undefined) await analysis.afterCall.execute(latest.id);
  }
};

/** `/v1/sentiment`, `/v1/medical-analysis` and `/v1/fraud-abuse-analysis`, authenticated through `requireAuth`. */
export const analysisRouters = (
  analysis: AnalysisUseCases,
  requireAuth: RequireAuthFactory,
  translator: Translator,
): Router[] => [
  sentimentRoutes(analysis, requireAuth, translator),
  medicalAnalysisRoutes(analysis, requireAuth, translator),
  fraudAbuseRoutes(analysis, requireAuth, translator),
];

/** The sentiment debug routes (bearer token): mount them only where the test-support router is mounted. */
export const analysisTestSupportRouters = (analysis: AnalysisUseCases, requireAuth: RequireAuthFactory): Router[] => [
  sentimentTestSupportRoutes(analysis, requireAuth),
];

/**
 * Registers the analysis routers as a route module (mounted after the core routers, sharing identity's
 * authentication), with the sentiment debug routes where the test-support router is mounted. Call once, after
 * bindAnalysis.
 */
export const addAnalysisRouteModule = (c: Container, config: AppConfig): void => {
  addRouteModule(c, (k) => (requireAuth) => {
    const analysis = k.get<AnalysisUseCases>(ANALYSIS_TOKENS.UseCases);
    return [
      ...analysisRouters(analysis, requireAuth, k.get<Translator>(TOKENS.shared.Translator)),
      ...(config.testSupportRoutes ? analysisTestSupportRouters(analysis, requireAuth) : []),
    ];
  });
};
