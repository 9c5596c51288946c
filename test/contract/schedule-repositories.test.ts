import { InMemoryScheduleRepository } from '../../adapters/persistence/memory/in-memory-schedule-repository';
import { InMemoryUnitOfWork } from '../../adapters/persistence/memory/in-memory-unit-of-work';
import { MemoryDatabase } from '../../adapters/persistence/memory/memory-database';
import { MongoScheduleRepository } from '../../adapters/persistence/mongo/mongo-schedule-repository';
import { COLLECTIONS } from '../../adapters/persistence/mongo/mongo-collections';
import { createSchedule } from '../../domain/schedules/schedule';
import { describeMongoRepositoryTargets, oid, storedValues } from './care-repository-targets';
import { describeScheduleRepositoryContract, type ScheduleStores } from './schedule-repository.contract';

/**
 * The schedules context's repository contract on every target: the memory store, the Mongo adapter on the
 * in-process wire server, and on a real MongoDB when TEST_MONGODB_URL is set (skipped with the reason otherwise).
 */
describeScheduleRepositoryContract('memory', () => {
  const db = new MemoryDatabase();
  return Promise.resolve({ uow: new InMemoryUnitOfWork(db), schedules: new InMemoryScheduleRepository(db) });
});

describeMongoRepositoryTargets<ScheduleStores>(
  'schedule repository',
  (database, uow) => ({ uow, schedules: new MongoScheduleRepository(database) }),
  describeScheduleRepositoryContract,
  (open) => {
    it('stores ids as ObjectIds, instants as dates, `weeks` only where given, and indexes the list', async () => {
      const { stores, db } = await open();
      const outcome = createSchedule(
        { frequency: 'daily', intervals: [{ day: 1 }, { day: 3, weeks: 2 }], time: '08:00' },
        {
          id: 'c'.repeat(24),
          orgId: 'a'.repeat(24),
          patientId: 'b'.repeat(24),
          now: new Date('2026-03-01T10:00:00Z'),
          patientTimezone: 'Europe/Madrid',
          orgTimezone: 'UTC',
        },
      );
      if (!outcome.ok) throw new Error('fixture schedule is invalid');
      await stores.schedules.insert(outcome.schedule);
      const doc = await db.collection(COLLECTIONS.schedules).findOne({ _id: oid('c'.repeat(24)) });
      expect(doc).toMatchObject({ orgId: oid('a'.repeat(24)), patientId: oid('b'.repeat(24)) });
      expect(doc).not.toHaveProperty('id');
      expect(doc?.nextCallAt).toBeInstanceOf(Date);
      expect(doc?.intervals).toEqual([{ day: 1 }, { day: 3, weeks: 2 }]);
      expect(Object.keys(doc?.intervals[0] as object)).toEqual(['day']);
      expect(storedValues(doc)).not.toContain(undefined);
      const indexes = (await db.collection(COLLECTIONS.schedules).indexes()).map((index) => index.name);
      expect(indexes).toContain('schedules_patient_created');
      await expect(stores.schedules.insert({ ...outcome.schedule, id: 'sched-1' })).rejects.toThrow(/ObjectId/);
    });
  },
);
