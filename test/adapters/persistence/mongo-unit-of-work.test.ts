import { MongoClient } from 'mongodb';
import { conflict } from '../../../domain/shared/errors';
import { MongoDatabase } from '../../../adapters/persistence/mongo/mongo-connection';
import { ensureIndexes } from '../../../adapters/persistence/mongo/mongo-indexes';
import { MongoOrgRepository } from '../../../adapters/persistence/mongo/mongo-org-repository';
import { MongoUnitOfWork } from '../../../adapters/persistence/mongo/mongo-unit-of-work';
import { startMongoWireServer, type MongoWireServer } from '../../support/mongo-wire';
import { anOrg } from '../../contract/persistence-fixtures';

/** What only the Mongo unit of work has to prove: driver retries and failures around `withTransaction`. */
describe('MongoUnitOfWork on the wire test server', () => {
  let server: MongoWireServer;
  let client: MongoClient;
  let database: MongoDatabase;
  let n = 0;

  beforeEach(async () => {
    n += 1;
    server = await startMongoWireServer({ lockTimeoutMs: 200 });
    client = await new MongoClient(server.url, { serverSelectionTimeoutMS: 2000 }).connect();
    database = new MongoDatabase(client, client.db(`uow_${n}`));
    await ensureIndexes(database.db);
  });

  afterEach(async () => {
    await client.close();
    await server.stop();
  });

  it('re-runs the work in the same ambient transaction after a transient write conflict, then commits', async () => {
    const uow = new MongoUnitOfWork(database);
    const orgs = new MongoOrgRepository(database);
    const org = anOrg();

    // Another transaction holds the server's lock longer than the lock timeout: the first attempt gets
    // WriteConflict (TransientTransactionError) and the driver runs the work again.
    const blocker = client.startSession();
    blocker.startTransaction();
    await database.db.collection('elsewhere').insertOne({ x: 1 }, { session: blocker });
    const released = new Promise<void>((resolve) =>
      setTimeout(() => {
        void blocker
          .commitTransaction()
          .then(() => blocker.endSession())
          .then(resolve);
      }, 450),
    );

    let calls = 0;
    const value = await uow.run(async () => {
      calls += 1;
      await orgs.insert(org);
      return 'committed';
    });
    await released;

    expect(value).toBe('committed');
    expect(calls).toBeGreaterThan(1);
    expect(await orgs.findById(org.id)).toEqual(org);
  });

  it('rethrows the DomainError of the work even when aborting the transaction fails', async () => {
    const uow = new MongoUnitOfWork(database);
    const orgs = new MongoOrgRepository(database);
    const refusal = conflict('LAST_ORG_ADMIN', 'An organization must keep at least one orgAdmin', 'LAST_ORG_ADMIN');

    const error: unknown = await uow
      .run(async () => {
        await orgs.insert(anOrg());
        await client.close(true); // the abort that follows cannot reach the server
        throw refusal;
      })
      .catch((e: unknown) => e);

    expect(error).toBe(refusal);
  });

  it('makes the session ambient only while the work runs', async () => {
    const uow = new MongoUnitOfWork(database);
    const orgs = new MongoOrgRepository(database);
    const inside = anOrg();
    await expect(
      uow.run(async () => {
        await orgs.insert(inside);
        expect(database.session()?.inTransaction()).toBe(true);
        throw new Error('undo');
      }),
    ).rejects.toThrow('undo');
    expect(database.session()).toBeUndefined();
    expect(await orgs.findById(inside.id)).toBeNull();
  });
});
