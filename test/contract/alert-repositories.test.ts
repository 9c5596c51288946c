import { InMemoryAlertRepository } from '../../adapters/persistence/memory/in-memory-alert-repository';
import { InMemoryUnitOfWork } from '../../adapters/persistence/memory/in-memory-unit-of-work';
import { MemoryDatabase } from '../../adapters/persistence/memory/memory-database';
import { MongoAlertRepository } from '../../adapters/persistence/mongo/mongo-alert-repository';
import { describeAlertRepositoryContract, type AlertStores } from './alert-repository.contract';
import { COLLECTIONS } from '../../adapters/persistence/mongo/mongo-collections';
import { createCustomAlert } from '../../domain/alerts/alert';
import { describeMongoRepositoryTargets, oid, storedValues } from './care-repository-targets';

/**
 * The alerts context's repository contract on every target: the memory store, the Mongo adapter on the in-process
 * wire server, and on a real MongoDB when TEST_MONGODB_URL is set (skipped with the reason otherwise).
 */
describeAlertRepositoryContract('memory', () => {
  const db = new MemoryDatabase();
  return Promise.resolve({ uow: new InMemoryUnitOfWork(db), alerts: new InMemoryAlertRepository(db) });
});

describeMongoRepositoryTargets<AlertStores>(
  'alert repository',
  (database, uow) => ({ uow, alerts: new MongoAlertRepository(database) }),
  describeAlertRepositoryContract,
  (open) => {
    it('stores ids and references as ObjectIds, other `createdBy` values as given, and indexes both halves', async () => {
      const { stores, db } = await open();
      const [org, patient, id, author] = ['a', 'b', 'c', 'd'].map((c) => c.repeat(24));
      const now = new Date('2026-03-01T10:00:00Z');
      const alert = createCustomAlert({
        id,
        orgId: org,
        authorCaregiverId: author,
        message: 'Hello',
        importance: 'low',
        alertType: 'patient',
        visibility: 'orgAdmin',
        createdBy: author,
        createdModel: 'Caregiver',
        patientId: patient,
        conversationId: null,
        now,
      });
      await stores.alerts.insert({ ...alert, readBy: [{ caregiverId: author, readAt: now }] });
      await stores.alerts.insert({ ...alert, id: 'e'.repeat(24), createdBy: 'system', authorCaregiverId: null });
      const alerts = db.collection(COLLECTIONS.alerts);
      const doc = await alerts.findOne({ _id: oid(id) });
      expect(doc).toMatchObject({ orgId: oid(org), patientId: oid(patient), createdBy: oid(author) });
      expect(doc).toMatchObject({
        authorCaregiverId: oid(author),
        readBy: [{ caregiverId: oid(author), readAt: now }],
      });
      expect((await alerts.findOne({ _id: oid('e'.repeat(24)) }))?.createdBy).toBe('system');
      expect(storedValues(doc)).not.toContain(undefined);
      const indexes = (await alerts.indexes()).map((index) => index.name);
      expect(indexes).toEqual(expect.arrayContaining(['alerts_org_created', 'alerts_author_created']));
      await expect(stores.alerts.insert({ ...alert, id: 'alert-1' })).rejects.toThrow(/ObjectId/);
    });
  },
);
