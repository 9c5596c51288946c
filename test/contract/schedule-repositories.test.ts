import { InMemoryScheduleRepository } from '../../adapters/persistence/memory/in-memory-schedule-repository';
import { InMemoryUnitOfWork } from '../../adapters/persistence/memory/in-memory-unit-of-work';
import { MemoryDatabase } from '../../adapters/persistence/memory/memory-database';
import { describeScheduleRepositoryContract } from './schedule-repository.contract';

/** The schedules context's repository contract on the embedded store (the Mongo adapter joins when it exists). */
describeScheduleRepositoryContract('memory', () => {
  const db = new MemoryDatabase();
  return Promise.resolve({ uow: new InMemoryUnitOfWork(db), schedules: new InMemoryScheduleRepository(db) });
});
