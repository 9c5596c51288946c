import { InMemoryCareTeamRepository } from '../../adapters/persistence/memory/in-memory-care-team-repository';
import { InMemoryPatientRepository } from '../../adapters/persistence/memory/in-memory-patient-repository';
import { InMemoryUnitOfWork } from '../../adapters/persistence/memory/in-memory-unit-of-work';
import { MemoryDatabase } from '../../adapters/persistence/memory/memory-database';
import { describeCareTeamRepositoryContract } from './care-team-repository.contract';
import { describePatientRepositoryContract } from './patient-repository.contract';

/** The patients context's repository contracts on the embedded store (the Mongo adapters join when they exist). */
const memory = () => {
  const db = new MemoryDatabase();
  return Promise.resolve({
    uow: new InMemoryUnitOfWork(db),
    patients: new InMemoryPatientRepository(db),
    careTeam: new InMemoryCareTeamRepository(db),
  });
};

describePatientRepositoryContract('memory', memory);
describeCareTeamRepositoryContract('memory', memory);
