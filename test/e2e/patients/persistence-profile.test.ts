import { PATIENT_TOKENS } from '../../../application/patients/patient-tokens';
import { TOKENS } from '../../../application/ports/tokens';
import { InMemoryCareTeamRepository } from '../../../adapters/persistence/memory/in-memory-care-team-repository';
import { InMemoryPatientRepository } from '../../../adapters/persistence/memory/in-memory-patient-repository';
import { InMemoryUnitOfWork } from '../../../adapters/persistence/memory/in-memory-unit-of-work';
import { MongoCareTeamRepository } from '../../../adapters/persistence/mongo/mongo-care-team-repository';
import { MongoPatientRepository } from '../../../adapters/persistence/mongo/mongo-patient-repository';
import { MongoUnitOfWork } from '../../../adapters/persistence/mongo/mongo-unit-of-work';
import { startPatientsApp } from '../../support/patients-app';

/** Guards the e2e-mongo project: the patients tests really run on the profile they claim. */
describe('persistence profile of the patients end-to-end tests', () => {
  it('uses MongoDB when E2E_PROFILE=mongo and the embedded store otherwise', async () => {
    const t = await startPatientsApp();
    try {
      const mongo = process.env['E2E_PROFILE'] === 'mongo';
      const { container } = t.app;
      expect(container.get(TOKENS.shared.UnitOfWork)).toBeInstanceOf(mongo ? MongoUnitOfWork : InMemoryUnitOfWork);
      expect(container.get(PATIENT_TOKENS.PatientRepository)).toBeInstanceOf(
        mongo ? MongoPatientRepository : InMemoryPatientRepository,
      );
      expect(container.get(PATIENT_TOKENS.CareTeamRepository)).toBeInstanceOf(
        mongo ? MongoCareTeamRepository : InMemoryCareTeamRepository,
      );
      const seeded = (await t.call('POST', '/test/seed')).body as { data: { patients: string[] } };
      expect(seeded.data.patients.length).toBeGreaterThan(0);
      const { token } = await t.login('admin@example.org');
      const list = await t.call('GET', '/patients', undefined, token);
      expect(list.body).toMatchObject({ totalResults: seeded.data.patients.length });
    } finally {
      await t.stop();
    }
  });
});
