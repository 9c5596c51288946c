import type { Container } from 'inversify';
import type { PatientUseCases } from '../../application/patients/patient-use-cases';
import { PATIENT_TOKENS } from '../../application/patients/patient-tokens';
import { TOKENS } from '../../application/ports/tokens';
import { MongoCareTeamRepository } from '../../adapters/persistence/mongo/mongo-care-team-repository';
import { COLLECTIONS } from '../../adapters/persistence/mongo/mongo-collections';
import type { MongoDatabase } from '../../adapters/persistence/mongo/mongo-connection';
import { MongoPatientRepository } from '../../adapters/persistence/mongo/mongo-patient-repository';
import { closeAdapters } from '../../bootstrap/application';
import { buildContainer } from '../../bootstrap/container';
import { clearMongoData, closeMongoPersistence, openMongoPersistence } from '../../bootstrap/mongo-module';
import { seedDemoData } from '../../bootstrap/seed';
import type { Logger } from '../../application/ports/logger';
import { startMongoWireServer, type MongoWireServer } from '../support/mongo-wire';
import { testConfig } from '../support/test-config';

/** The patients context on the Mongo profile: its repositories rebound, its data written to and cleared from MongoDB. */
describe('the Mongo profile bindings of the patients context', () => {
  let server: MongoWireServer;
  let database: MongoDatabase;
  let container: Container;

  beforeAll(async () => {
    server = await startMongoWireServer();
  });

  afterAll(async () => {
    await server.stop();
  });

  beforeEach(async () => {
    const config = testConfig({ MONGODB_URL: server.url.replace('/?', '/bianca_patients_boot?') });
    const opened = await openMongoPersistence(config);
    if (opened === undefined) throw new Error('expected a Mongo database for MONGODB_URL');
    database = opened;
    container = buildContainer({ config, mongo: database });
  });

  afterEach(async () => {
    await clearMongoData(container);
    await closeAdapters(container);
    await closeMongoPersistence(container);
  });

  it('binds the patient and care-team repositories, and the use-cases’ ports, to the Mongo adapters', () => {
    expect(container.get(PATIENT_TOKENS.PatientRepository)).toBeInstanceOf(MongoPatientRepository);
    expect(container.get(PATIENT_TOKENS.CareTeamRepository)).toBeInstanceOf(MongoCareTeamRepository);
    const { ports } = container.get<PatientUseCases>(PATIENT_TOKENS.UseCases);
    expect(ports.patients).toBeInstanceOf(MongoPatientRepository);
    expect(ports.careTeam).toBeInstanceOf(MongoCareTeamRepository);
  });

  it('writes the seed’s patients and assignments to MongoDB, and the test-support clean empties them', async () => {
    const seeded = await seedDemoData(container, container.get<Logger>(TOKENS.shared.Logger));
    expect(seeded.patients.length).toBeGreaterThan(0);
    const patients = database.collection(COLLECTIONS.patients);
    const careTeam = database.collection(COLLECTIONS.careTeam);
    expect(await patients.countDocuments()).toBe(seeded.patients.length);
    expect(await careTeam.countDocuments()).toBeGreaterThanOrEqual(seeded.patients.length);

    await clearMongoData(container);
    expect(await patients.countDocuments()).toBe(0);
    expect(await careTeam.countDocuments()).toBe(0);
    expect(await patients.indexExists('patients_org_email_live_unique')).toBe(true);
  });
});
