import { createHash } from 'node:crypto';
import { MongoClient, type Db, type Document } from 'mongodb';
import { linkPayload } from '../../../domain/audit/audit-chain';
import { MongoDatabase } from '../../../adapters/persistence/mongo/mongo-connection';
import {
  AUDIT_COLLECTIONS,
  AUDIT_INDEXES,
  MongoAuditStore,
  ensureAuditIndexes,
} from '../../../adapters/persistence/mongo/mongo-audit-store';
import { MongoUnitOfWork } from '../../../adapters/persistence/mongo/mongo-unit-of-work';
import { startMongoWireServer, type MongoWireServer } from '../../support/mongo-wire';
import { anEvent, chainerOn, verifierOn } from '../../application/audit/audit-world';
import { auditStoreContract } from './audit-store.contract';

/** The audit store on the wire test server through the real driver (QUALITY.md S4 on the Mongo profile). */
describe('MongoAuditStore (wire test server)', () => {
  let server: MongoWireServer;
  let client: MongoClient;
  const commands: { name: string; command: Document }[] = [];
  let dbCounter = 0;

  beforeAll(async () => {
    server = await startMongoWireServer({
      lockTimeoutMs: 3000,
      onCommand: (event) => {
        commands.push({ name: event.name, command: event.command });
      },
    });
    client = await new MongoClient(server.url, { serverSelectionTimeoutMS: 3000 }).connect();
  });

  afterAll(async () => {
    await client.close();
    await server.stop();
  });

  /** A fresh database with the audit indexes. */
  const openDb = async (): Promise<{ db: Db; database: MongoDatabase; store: MongoAuditStore }> => {
    dbCounter += 1;
    const db = client.db(`audit_${dbCounter}`);
    await ensureAuditIndexes(db);
    const database = new MongoDatabase(client, db);
    return { db, database, store: new MongoAuditStore(database) };
  };

  auditStoreContract({ open: async () => (await openDb()).store });

  it('indexes seq uniquely, has no TTL index, and links checkpoints uniquely', async () => {
    const { db } = await openDb();
    const entryIndexes = await db.collection(AUDIT_COLLECTIONS.entries).indexes();
    expect(entryIndexes.find((index) => index.name === AUDIT_INDEXES.entrySeq)).toMatchObject({
      key: { seq: 1 },
      unique: true,
    });
    const checkpointIndexes = await db.collection(AUDIT_COLLECTIONS.checkpoints).indexes();
    expect(checkpointIndexes.find((index) => index.name === AUDIT_INDEXES.checkpointPrev)).toMatchObject({
      unique: true,
    });
    for (const index of [...entryIndexes, ...checkpointIndexes]) expect(index).not.toHaveProperty('expireAfterSeconds');
  });

  it('keeps one linear chain when two chainers on two connections append at once', async () => {
    const { db, store } = await openDb();
    const other = await new MongoClient(server.url, { serverSelectionTimeoutMS: 3000 }).connect();
    try {
      const otherDatabase = new MongoDatabase(other, other.db(db.databaseName));
      const otherStore = new MongoAuditStore(otherDatabase);
      const uow = new MongoUnitOfWork(new MongoDatabase(client, db));
      const first = chainerOn(store, { idPrefix: 'a', checkpointEvery: 10, uow });
      const second = chainerOn(otherStore, {
        idPrefix: 'b',
        checkpointEvery: 10,
        uow: new MongoUnitOfWork(otherDatabase),
      });
      const writes: Promise<void>[] = [];
      for (let i = 0; i < 25; i += 1) writes.push(first.record(anEvent()), second.record(anEvent()));
      await Promise.all(writes);

      const entries = await store.page(1, 1000);
      expect(entries.map((entry) => entry.seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
      expect(entries.filter((entry) => entry.id.startsWith('a'))).toHaveLength(25);
      expect(entries.filter((entry) => entry.id.startsWith('b'))).toHaveLength(25);
      // Two sequencers share the boundaries; one may skip a boundary the other has already passed.
      const checkpointed = (await store.checkpoints()).map((checkpoint) => checkpoint.seq);
      expect(checkpointed.every((seq) => seq % 10 === 0)).toBe(true);
      expect(checkpointed).toEqual([...new Set(checkpointed)].sort((a, b) => a - b));
      expect(checkpointed.at(-1)).toBe(50);
      expect(await verifierOn(store).execute({ pageSize: 8 })).toMatchObject({
        ok: true,
        checked: 50,
        checkedCheckpoints: checkpointed.length,
      });
    } finally {
      await other.close();
    }
  });

  describe('tampering directly in the database is found by the verifier', () => {
    let db: Db;
    let store: MongoAuditStore;

    beforeEach(async () => {
      ({ db, store } = await openDb());
      const chainer = chainerOn(store, { checkpointEvery: 10 });
      for (let i = 0; i < 30; i += 1)
        await chainer.record(anEvent({ action: i % 2 === 0 ? 'READ' : 'UPDATE', details: { i } }));
      expect(await verifierOn(store).execute()).toMatchObject({ ok: true, checked: 30 });
    });

    type RawEntry = { _id: string } & Record<string, unknown>;
    const entries = () => db.collection<RawEntry>(AUDIT_COLLECTIONS.entries);
    const idAt = async (seq: number): Promise<unknown> => (await entries().findOne({ seq }))?.['id'];

    it('an edited field', async () => {
      const victim = await idAt(17);
      await entries().updateOne({ seq: 17 }, { $set: { outcome: 'failure' } });
      expect(await verifierOn(store).execute({ pageSize: 5 })).toMatchObject({
        ok: false,
        checked: 16,
        firstBrokenSeq: 17,
        firstBrokenEntryId: victim,
        reason: 'hash-mismatch',
      });
    });

    it('an added field, and a time rewritten as a BSON date', async () => {
      await entries().updateOne({ seq: 4 }, { $set: { note: 'added later' } });
      expect(await verifierOn(store).execute()).toMatchObject({ firstBrokenSeq: 4, reason: 'hash-mismatch' });
      await entries().updateOne({ seq: 4 }, { $unset: { note: '' } });
      expect(await verifierOn(store).execute()).toMatchObject({ ok: true });
      await entries().updateOne({ seq: 2 }, { $set: { at: new Date('2026-06-01T12:00:00.000Z') } });
      expect(await verifierOn(store).execute()).toMatchObject({ firstBrokenSeq: 2, reason: 'hash-mismatch' });
    });

    it('a deleted entry, in the middle or at a checkpoint', async () => {
      await entries().deleteOne({ seq: 23 });
      expect(await verifierOn(store).execute()).toMatchObject({ firstBrokenSeq: 23, reason: 'sequence-gap' });
      await entries().deleteOne({ seq: 20 });
      expect(await verifierOn(store).execute()).toMatchObject({ firstBrokenSeq: 20, reason: 'sequence-gap' });
    });

    it('a tail cut back to below the newest checkpoint', async () => {
      await entries().deleteMany({ seq: { $gt: 18 } });
      expect(await verifierOn(store).execute()).toMatchObject({
        ok: false,
        checked: 18,
        firstBrokenSeq: 19,
        reason: 'sequence-gap',
        to: 30,
      });
    });

    it('two entries reordered by swapping their sequence numbers', async () => {
      await entries().updateOne({ seq: 8 }, { $set: { seq: -8 } });
      await entries().updateOne({ seq: 12 }, { $set: { seq: 8 } });
      await entries().updateOne({ seq: -8 }, { $set: { seq: 12 } });
      expect(await verifierOn(store).execute()).toMatchObject({ firstBrokenSeq: 8, reason: 'hash-mismatch' });
    });

    it('an entry inserted with a recomputed hash but no key', async () => {
      const last = (await store.page(30, 1))[0];
      const forged = {
        ...last,
        _id: 'forged',
        id: 'forged',
        seq: 31,
        prevHash: last.hash,
        action: 'DELETE',
      };
      const { _id, hash: _h, signature: _s, ...body } = forged;
      await entries().insertOne({ ...forged, hash: createHash('sha256').update(linkPayload(body)).digest('hex') });
      expect(await verifierOn(store).execute()).toMatchObject({
        firstBrokenSeq: 31,
        firstBrokenEntryId: 'forged',
        reason: 'signature',
      });
    });

    it('a second entry under an existing sequence number once the unique index is dropped', async () => {
      await entries().dropIndex(AUDIT_INDEXES.entrySeq);
      const copy = await entries().findOne({ seq: 5 }, { projection: { _id: 0 } });
      await entries().insertOne({ ...copy, _id: 'zz-copy', id: 'zz-copy' });
      expect(await verifierOn(store).execute({ pageSize: 5 })).toMatchObject({
        firstBrokenSeq: 6,
        firstBrokenEntryId: 'zz-copy',
        reason: 'sequence-gap',
      });
    });

    it('a checkpoint edited in place', async () => {
      await db
        .collection(AUDIT_COLLECTIONS.checkpoints)
        .updateOne({ seq: 20 }, { $set: { at: '2020-01-01T00:00:00.000Z' } });
      expect(await verifierOn(store).execute()).toMatchObject({ firstBrokenSeq: 20, reason: 'checkpoint-hash' });
    });
  });

  it('stores a pending entry in the transaction of the use case: rolled back with it, or chained after commit', async () => {
    const { db, database, store } = await openDb();
    const uow = new MongoUnitOfWork(database);
    const chainer = chainerOn(store, { uow });
    await db.createCollection('patients');
    commands.length = 0;

    await expect(
      uow.run(async () => {
        await db.collection('patients').insertOne({ _id: 'p1' } as Document, database.options());
        await chainer.recorder.record(anEvent({ action: 'UPDATE' }));
        throw new Error('the use case failed');
      }),
    ).rejects.toThrow('the use case failed');
    await uow.run(() => chainer.recorder.record(anEvent({ action: 'CREATE' })));
    await chainer.recorder.record(anEvent({ action: 'ACCESS_DENIED', outcome: 'denied' }));
    await chainer.sequencer.drain();

    expect(await db.collection('patients').countDocuments()).toBe(0);
    expect((await store.page(1, 10)).map((entry) => [entry.seq, entry.action])).toEqual([
      [1, 'CREATE'],
      [2, 'ACCESS_DENIED'],
    ]);
    expect(await store.pendingStats()).toEqual({ count: 0, oldestAt: null });
    const pendingInserts = commands.filter(
      (c) => c.name === 'insert' && c.command['insert'] === AUDIT_COLLECTIONS.pending,
    );
    expect(pendingInserts.map((c) => c.command['autocommit'] === false)).toEqual([true, true, false]);
  });
});
