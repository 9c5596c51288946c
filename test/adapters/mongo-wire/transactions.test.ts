import { MongoClient, MongoServerError } from 'mongodb';
import type { ClientSession, Collection, Db, Document } from 'mongodb';
import { startWireFixture } from './wire-fixture';
import type { WireFixture } from './wire-fixture';

interface Account {
  _id: string;
  balance: number;
  note?: string;
}

const LOCK_TIMEOUT_MS: number = 1000;

function sleep(ms: number): Promise<void> {
  return new Promise<void>((resolve: () => void) => setTimeout(resolve, ms));
}

/** Resolves to whether the promise settled within `ms`. */
async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let settled: boolean = false;
  void promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  await sleep(ms);
  return settled;
}

describe('mongo wire server: transactions', () => {
  let fixture: WireFixture;
  let db: Db;
  let accounts: Collection<Account>;

  beforeAll(async () => {
    fixture = await startWireFixture({ lockTimeoutMs: LOCK_TIMEOUT_MS });
    db = fixture.db('bank');
  });

  afterAll(async () => {
    await fixture.close();
  });

  beforeEach(async () => {
    await db.dropDatabase();
    accounts = db.collection<Account>('accounts');
    await accounts.insertMany([
      { _id: 'a', balance: 100 },
      { _id: 'b', balance: 50 },
    ]);
  });

  async function balance(id: string): Promise<number | undefined> {
    return (await accounts.findOne({ _id: id }))?.balance;
  }

  async function inSession<T>(fn: (session: ClientSession) => Promise<T>): Promise<T> {
    const session: ClientSession = fixture.client.startSession();
    try {
      return await fn(session);
    } finally {
      await session.endSession();
    }
  }

  it('commits with withTransaction; outside reads see the old values until the commit', async () => {
    await inSession((session: ClientSession) =>
      session.withTransaction(async () => {
        await accounts.updateOne({ _id: 'a' }, { $inc: { balance: -30 } }, { session });
        await accounts.updateOne({ _id: 'b' }, { $inc: { balance: 30 } }, { session });
        expect((await accounts.findOne({ _id: 'a' }, { session }))?.balance).toBe(70);
        expect(await balance('a')).toBe(100);
      }),
    );
    expect([await balance('a'), await balance('b')]).toEqual([70, 80]);
  });

  it('rolls back every change when the callback throws, including a collection it created', async () => {
    const outcome: unknown = await inSession((session: ClientSession) =>
      session.withTransaction(async () => {
        await accounts.updateOne({ _id: 'a' }, { $set: { balance: 0 } }, { session });
        await accounts.deleteOne({ _id: 'b' }, { session });
        await accounts.insertOne({ _id: 'c', balance: 1 }, { session });
        await db.collection('audit').insertOne({ event: 'transfer' }, { session });
        throw new Error('boom');
      }),
    ).catch((e: unknown) => e);
    expect(outcome).toEqual(new Error('boom'));
    expect(await accounts.find().sort({ _id: 1 }).toArray()).toEqual([
      { _id: 'a', balance: 100 },
      { _id: 'b', balance: 50 },
    ]);
    expect((await db.listCollections().toArray()).map((c: Document): unknown => c.name)).toEqual(['accounts']);
  });

  it('aborts explicitly with abortTransaction', async () => {
    await inSession(async (session: ClientSession) => {
      session.startTransaction();
      await accounts.insertOne({ _id: 'c', balance: 5 }, { session });
      await accounts.updateMany({}, { $set: { note: 'x' } }, { session });
      await session.abortTransaction();
    });
    expect(await accounts.countDocuments({ note: 'x' })).toBe(0);
    expect(await accounts.countDocuments()).toBe(2);
  });

  it('aborts the whole transaction on a duplicate key inside it', async () => {
    await accounts.createIndex({ note: 1 }, { unique: true, sparse: true });
    await accounts.updateOne({ _id: 'b' }, { $set: { note: 'taken' } });
    const error: unknown = await inSession((session: ClientSession) =>
      session.withTransaction(async () => {
        await accounts.insertOne({ _id: 'c', balance: 1 }, { session });
        await accounts.updateOne({ _id: 'a' }, { $set: { note: 'taken' } }, { session });
      }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MongoServerError);
    expect((error as MongoServerError).code).toBe(11000);
    expect(await accounts.countDocuments({ _id: 'c' })).toBe(0);
  });

  it('makes a write outside the transaction wait for the lock, then fail with WriteConflict (112)', async () => {
    await inSession(async (session: ClientSession) => {
      session.startTransaction();
      await accounts.updateOne({ _id: 'a' }, { $set: { note: 'in txn' } }, { session });
      const started: number = Date.now();
      const error: unknown = await accounts
        .updateOne({ _id: 'b' }, { $set: { note: 'outside' } })
        .catch((e: unknown) => e);
      const waited: number = Date.now() - started;
      expect(error).toBeInstanceOf(MongoServerError);
      expect((error as MongoServerError).code).toBe(112);
      expect((error as MongoServerError).hasErrorLabel('TransientTransactionError')).toBe(true);
      expect(waited).toBeGreaterThanOrEqual(LOCK_TIMEOUT_MS - 50);
      await session.abortTransaction();
    });
    expect(await accounts.countDocuments({ note: { $exists: true } })).toBe(0);
  });

  it('lets a waiting outside write proceed as soon as the transaction commits', async () => {
    await inSession(async (session: ClientSession) => {
      session.startTransaction();
      await accounts.updateOne({ _id: 'a' }, { $set: { balance: 1 } }, { session });
      const outside: Promise<unknown> = accounts.updateOne({ _id: 'a' }, { $inc: { balance: 10 } });
      expect(await settlesWithin(outside, 100)).toBe(false);
      await session.commitTransaction();
      await outside;
    });
    expect(await balance('a')).toBe(11);
  });

  it('makes a second transaction wait for the first', async () => {
    const first: ClientSession = fixture.client.startSession();
    const second: ClientSession = fixture.client.startSession();
    try {
      first.startTransaction();
      await accounts.updateOne({ _id: 'a' }, { $set: { balance: 10 } }, { session: first });
      const follower: Promise<void> = second.withTransaction(async () => {
        const current: number = (await accounts.findOne({ _id: 'a' }, { session: second }))?.balance ?? -1;
        await accounts.updateOne({ _id: 'a' }, { $set: { balance: current + 1 } }, { session: second });
      });
      expect(await settlesWithin(follower, 150)).toBe(false);
      await first.commitTransaction();
      await follower;
    } finally {
      await first.endSession();
      await second.endSession();
    }
    expect(await balance('a')).toBe(11);
  });

  it('loses no update when concurrent transactions read-modify-write one document', async () => {
    const runs: Array<Promise<void>> = Array.from({ length: 5 }, () =>
      inSession((session: ClientSession) =>
        session.withTransaction(async () => {
          const current: number = (await accounts.findOne({ _id: 'b' }, { session }))?.balance ?? 0;
          await accounts.updateOne({ _id: 'b' }, { $set: { balance: current + 1 } }, { session });
        }),
      ),
    );
    await Promise.all(runs);
    expect(await balance('b')).toBe(55);
  });

  it('aborts an open transaction on endSessions, freeing the lock at once', async () => {
    await inSession(async (session: ClientSession) => {
      session.startTransaction();
      await accounts.updateOne({ _id: 'a' }, { $set: { note: 'abandoned' } }, { session });
      await fixture.client.db('admin').command({ endSessions: [session.id] });
      const started: number = Date.now();
      await accounts.updateOne({ _id: 'b' }, { $set: { note: 'free' } });
      expect(Date.now() - started).toBeLessThan(LOCK_TIMEOUT_MS / 2);
      await session.abortTransaction().catch(() => undefined);
    });
    expect(await accounts.countDocuments({ note: 'abandoned' })).toBe(0);
    expect(await accounts.countDocuments({ note: 'free' })).toBe(1);
  });

  it('receives endSessions when a client closes, and the closed client leaves no lock behind', async () => {
    const other: MongoClient = await new MongoClient(fixture.server.url).connect();
    const session: ClientSession = other.startSession();
    session.startTransaction();
    await other
      .db('bank')
      .collection<Account>('accounts')
      .updateOne({ _id: 'a' }, { $set: { note: 'left open' } }, { session });
    const endSessionsBefore: number = fixture.commands.filter((c: string) => c === 'endSessions').length;
    await other.close();
    await sleep(50);
    expect(fixture.commands.filter((c: string) => c === 'endSessions').length).toBe(endSessionsBefore + 1);
    const started: number = Date.now();
    await accounts.updateOne({ _id: 'b' }, { $set: { note: 'after close' } });
    expect(Date.now() - started).toBeLessThan(LOCK_TIMEOUT_MS / 2);
    expect(await accounts.countDocuments({ note: 'left open' })).toBe(0);
  });

  it('aborts a transaction that outlives the lifetime limit', async () => {
    const short: WireFixture = await startWireFixture({ transactionLifetimeMs: 150, lockTimeoutMs: 2000 });
    try {
      const items: Collection<Document> = short.db('t').collection('items');
      await items.insertOne({ k: 1 });
      const session: ClientSession = short.client.startSession();
      try {
        session.startTransaction();
        await items.insertOne({ k: 2 }, { session });
        await sleep(250);
        const started: number = Date.now();
        await items.insertOne({ k: 3 });
        expect(Date.now() - started).toBeLessThan(1500);
        await expect(session.commitTransaction()).rejects.toMatchObject({ code: 251 });
      } finally {
        await session.endSession();
      }
      expect((await items.find({}, { projection: { _id: 0 } }).toArray()).map((d: Document): unknown => d.k)).toEqual([
        1, 3,
      ]);
    } finally {
      await short.close();
    }
  });
});
