import type { Container } from 'inversify';
import { CALL_TOKENS } from '../application/calls/call-tokens';
import type { CallUseCases } from '../application/calls/call-use-cases';
import { DEFAULT_CALL_TIMING } from '../domain/calls/call-deadlines';
import { EMERGENCY_PHRASE_TOKENS } from '../application/emergency-phrases/emergency-phrase-tokens';
import type { EmergencyPhraseUseCases } from '../application/emergency-phrases/emergency-phrase-use-cases';
import { REPORT_TOKENS } from '../application/reports/report-tokens';
import type { ReportUseCases } from '../application/reports/report-use-cases';
import type { MongoDatabase } from '../adapters/persistence/mongo/mongo-connection';
import { bindCalls, bindMongoCalls, callRouters, type CallsModuleOptions } from './calls-module';
import type { AppConfig } from './config';
import { bindEmergencyPhrases, emergencyPhraseRouters } from './emergency-phrases-module';
import { bindReports, reportRouters } from './reports-module';
import { addAnalysisRouteModule, bindAnalysis, bindAnalysisMongo } from './analysis-module';
import { bindPrivacy, bindPrivacyMongo, privacyRouters } from './privacy-module';
import { addRouteModule } from './route-modules';
import { PRIVACY_TOKENS } from '../application/privacy/privacy-tokens';
import type { PrivacyUseCases } from '../application/privacy/privacy-use-cases';

/** Emergency phrases, reports, calls, analyses and privacy: their bindings and routers (mounted after the core routers). */
export const bindFeatureModules = (c: Container, config: AppConfig, calls: CallsModuleOptions = {}): void => {
  bindEmergencyPhrases(c, config);
  addRouteModule(c, (k) => (auth) => [
    ...emergencyPhraseRouters(k.get<EmergencyPhraseUseCases>(EMERGENCY_PHRASE_TOKENS.UseCases), auth()),
  ]);
  bindReports(c, config);
  addRouteModule(c, (k) => (auth) => [...reportRouters(k.get<ReportUseCases>(REPORT_TOKENS.UseCases), auth())]);
  bindCalls(c, config, {
    ...calls,
    settings: {
      timing: { ...DEFAULT_CALL_TIMING, maxDurationMs: config.calls.maxDurationMinutes * 60_000 },
      maxConcurrentCalls: config.calls.maxConcurrent,
      ...calls.settings,
    },
    line: { answerAfterMs: config.calls.simulatedRingMs, ...calls.line },
  });
  addRouteModule(c, (k) => (auth) => callRouters(k.get<CallUseCases>(CALL_TOKENS.UseCases), auth));
  bindAnalysis(c, config);
  addAnalysisRouteModule(c, config);
  bindPrivacy(c, config);
  addRouteModule(c, (k) => (auth) => privacyRouters(k.get<PrivacyUseCases>(PRIVACY_TOKENS.UseCases), auth()));
};

/** The Mongo profile's repositories of these modules (phrases and reports pick Mongo themselves). */
export const bindFeatureMongo = (c: Container, database: MongoDatabase): void => {
  bindMongoCalls(c, database);
  bindAnalysisMongo(c, database);
  bindPrivacyMongo(c, database);
};
