import type { Container } from 'inversify';
import type { HealthProbe } from '../application/ports/health-probe';
import { TOKENS } from '../application/ports/tokens';
import { PATIENT_TOKENS } from '../application/patients/patient-tokens';
import { bindMongoAudit, ensureMongoAuditIndexes } from './audit-module';
import { ensureCallIndexes } from '../adapters/persistence/mongo/call-indexes';
import { ANALYSIS_COLLECTIONS, ensureAnalysisIndexes } from '../adapters/persistence/mongo/mongo-analysis-collections';
import { PRIVACY_COLLECTIONS } from '../adapters/persistence/mongo/mongo-privacy-collections';
import { ensurePrivacyMongoIndexes } from './privacy-module';
import { MongoBreachLogRepository } from '../adapters/persistence/mongo/mongo-breach-log-repository';
import { MongoCareTeamRepository } from '../adapters/persistence/mongo/mongo-care-team-repository';
import { MongoCaregiverRepository } from '../adapters/persistence/mongo/mongo-caregiver-repository';
import { COLLECTIONS } from '../adapters/persistence/mongo/mongo-collections';
import { connectMongo, type MongoDatabase } from '../adapters/persistence/mongo/mongo-connection';
import { MongoDatabaseProbe } from '../adapters/persistence/mongo/mongo-health-probe';
import { ensureIndexes } from '../adapters/persistence/mongo/mongo-indexes';
import { MongoOneTimeTokenRepository } from '../adapters/persistence/mongo/mongo-one-time-token-repository';
import { MongoOrgRepository } from '../adapters/persistence/mongo/mongo-org-repository';
import { MongoOutboxStore } from '../adapters/persistence/mongo/mongo-outbox-store';
import { MongoPatientRepository } from '../adapters/persistence/mongo/mongo-patient-repository';
import { MongoUnitOfWork } from '../adapters/persistence/mongo/mongo-unit-of-work';
import { bindCareMongoRepositories } from './care-mongo-bindings';
import type { AppConfig } from './config';

/** Tokens of the Mongo profile that only bootstrap uses. */
export const MONGO = {
  Database: Symbol.for('infra.MongoDatabase'),
} as const;

/**
 * The Mongo profile's start-up step, before the container is built: connects to `MONGODB_URL` (failing within
 * the server-selection timeout when the database cannot be reached) and creates the indexes. Undefined on the
 * memory profile.
 */
export const openMongoPersistence = async (config: AppConfig): Promise<MongoDatabase | undefined> => {
  if (config.mongodbUrl === undefined) return undefined;
  const database = await connectMongo(config.mongodbUrl);
  try {
    await ensureIndexes(database.db);
    await ensureMongoAuditIndexes(database);
    await ensureCallIndexes(database.db);
    await ensureAnalysisIndexes(database.db);
    await ensurePrivacyMongoIndexes(database);
  } catch (error) {
    await database.close().catch(() => undefined);
    throw error;
  }
  return database;
};

/**
 * Rebinds the persistence ports from the memory store to the Mongo adapters on `database`: the unit of work,
 * the outbox (EventOutbox follows OutboxStore), the audit recorder, the identity repositories, the patient and
 * care-team repositories, the schedule, conversation and alert repositories, and the `database` health probe
 * (swapped inside the probe list when it is first resolved). Call it after the profile's own bindings
 * (bindIdentity, bindPatients, bindSchedules, bindConversations, bindAlerts) and before anything is resolved.
 * The care directory follows: it reads patients and care teams through the rebound repositories.
 */
export const bindMongoPersistence = (c: Container, database: MongoDatabase): void => {
  c.bind(MONGO.Database).toConstantValue(database);
  c.rebind(TOKENS.shared.UnitOfWork).toConstantValue(new MongoUnitOfWork(database));
  c.rebind(TOKENS.shared.OutboxStore).toConstantValue(new MongoOutboxStore(database));
  bindMongoAudit(c, database);
  c.rebind(TOKENS.identity.OrgRepository).toConstantValue(new MongoOrgRepository(database));
  c.rebind(TOKENS.identity.CaregiverRepository).toConstantValue(new MongoCaregiverRepository(database));
  c.rebind(TOKENS.identity.OneTimeTokenRepository).toConstantValue(new MongoOneTimeTokenRepository(database));
  c.rebind(TOKENS.identity.BreachLogRepository).toConstantValue(new MongoBreachLogRepository(database));
  c.rebind(PATIENT_TOKENS.PatientRepository).toConstantValue(new MongoPatientRepository(database));
  c.rebind(PATIENT_TOKENS.CareTeamRepository).toConstantValue(new MongoCareTeamRepository(database));
  bindCareMongoRepositories(c, database);
  const probe = new MongoDatabaseProbe(database);
  c.onActivation<HealthProbe[]>(TOKENS.shared.HealthProbes, (_context, probes) =>
    probes.map((p) => (p.component === 'database' ? probe : p)),
  );
};

/** Closes the Mongo client when the container has one (the shutdown's close-adapters phase). */
export const closeMongoPersistence = async (c: Container): Promise<void> => {
  if (c.isBound(MONGO.Database)) await c.get<MongoDatabase>(MONGO.Database).close();
};

/** Empties every collection of the Mongo profile, keeping the indexes (the test-support `clean`). */
export const clearMongoData = async (c: Container): Promise<void> => {
  if (!c.isBound(MONGO.Database)) return;
  const database = c.get<MongoDatabase>(MONGO.Database);
  const names = [
    ...Object.values(COLLECTIONS),
    ...Object.values(ANALYSIS_COLLECTIONS),
    ...Object.values(PRIVACY_COLLECTIONS),
  ];
  for (const name of names) await database.collection(name).deleteMany({});
};
