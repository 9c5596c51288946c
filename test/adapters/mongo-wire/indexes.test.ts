import { MongoBulkWriteError, MongoServerError } from 'mongodb';
import type { Collection, Db, Document, IndexDescriptionInfo } from 'mongodb';
import { startWireFixture } from './wire-fixture';
import type { WireFixture } from './wire-fixture';

interface User {
  email: string;
  org?: string;
  nick?: string;
  n?: number;
}

async function failure(promise: Promise<unknown>): Promise<MongoServerError> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof MongoServerError)) throw new Error(`expected a MongoServerError, got ${String(error)}`);
  return error;
}

describe('mongo wire server: indexes and unique-key violations', () => {
  let fixture: WireFixture;
  let db: Db;
  let users: Collection<User>;

  beforeAll(async () => {
    fixture = await startWireFixture();
    db = fixture.db('indexes');
  });

  afterAll(async () => {
    await fixture.close();
  });

  beforeEach(async () => {
    await db.dropDatabase();
    users = db.collection<User>('users');
    await users.createIndex({ email: 1 }, { unique: true });
    await users.insertMany([
      { email: 'a@x.org', org: 'o1' },
      { email: 'b@x.org', org: 'o1' },
    ]);
  });

  it('rejects a duplicate insertOne with E11000, keyPattern and keyValue worded like mongod', async () => {
    const error: MongoServerError = await failure(users.insertOne({ email: 'a@x.org' }));
    expect(error.code).toBe(11000);
    expect(error.keyValue).toEqual({ email: 'a@x.org' });
    expect(error.keyPattern).toEqual({ email: 1 });
    expect(error.message).toBe(
      'E11000 duplicate key error collection: indexes.users index: email_1 dup key: { email: "a@x.org" }',
    );
    expect(await users.countDocuments()).toBe(2);
  });

  it('stops an ordered insertMany at the first duplicate, with the failing index', async () => {
    const error: unknown = await users
      .insertMany([{ email: 'c@x.org' }, { email: 'a@x.org' }, { email: 'd@x.org' }])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MongoBulkWriteError);
    const bulk: MongoBulkWriteError = error as MongoBulkWriteError;
    expect(bulk.code).toBe(11000);
    expect(bulk.insertedCount).toBe(1);
    expect(bulk.writeErrors).toEqual(expect.arrayContaining([expect.objectContaining({ index: 1, code: 11000 })]));
    expect(await users.countDocuments({ email: 'd@x.org' })).toBe(0);
  });

  it('continues an unordered insertMany past duplicates', async () => {
    const error: unknown = await users
      .insertMany([{ email: 'a@x.org' }, { email: 'e@x.org' }, { email: 'b@x.org' }, { email: 'f@x.org' }], {
        ordered: false,
      })
      .catch((e: unknown) => e);
    const bulk: MongoBulkWriteError = error as MongoBulkWriteError;
    expect(bulk).toBeInstanceOf(MongoBulkWriteError);
    expect(bulk.insertedCount).toBe(2);
    const indexes: number[] = (Array.isArray(bulk.writeErrors) ? bulk.writeErrors : [bulk.writeErrors]).map(
      (w: { index: number }) => w.index,
    );
    expect(indexes).toEqual([0, 2]);
  });

  it('rejects updates and findOneAndUpdate that would create a duplicate', async () => {
    const viaUpdate: MongoServerError = await failure(
      users.updateOne({ email: 'b@x.org' }, { $set: { email: 'a@x.org' } }),
    );
    expect(viaUpdate.code).toBe(11000);
    expect(viaUpdate.keyValue).toEqual({ email: 'a@x.org' });
    const viaFindAndModify: MongoServerError = await failure(
      users.findOneAndUpdate({ email: 'b@x.org' }, { $set: { email: 'a@x.org' } }),
    );
    expect(viaFindAndModify.code).toBe(11000);
    expect(await users.countDocuments({ email: 'b@x.org' })).toBe(1);
  });

  it('rejects a duplicate _id', async () => {
    const plain: Collection<{ _id: string }> = db.collection<{ _id: string }>('plain');
    await plain.insertOne({ _id: 'same' });
    const error: MongoServerError = await failure(plain.insertOne({ _id: 'same' }));
    expect(error.code).toBe(11000);
    expect(error.keyValue).toEqual({ _id: 'same' });
  });

  it('enforces compound unique indexes and treats a missing field as null', async () => {
    const members: Collection<User> = db.collection<User>('members');
    await members.createIndex({ org: 1, nick: 1 }, { unique: true, name: 'org_nick' });
    await members.insertMany([
      { email: 'c@x.org', org: 'o2', nick: 'c' },
      { email: 'd@x.org', org: 'o2', nick: 'd' },
      { email: 'e@x.org', org: 'o3' },
    ]);
    const compound: MongoServerError = await failure(members.insertOne({ email: 'f@x.org', org: 'o2', nick: 'c' }));
    expect(compound.keyValue).toEqual({ org: 'o2', nick: 'c' });
    expect(compound.message).toContain('index: org_nick dup key: { org: "o2", nick: "c" }');
    const missing: MongoServerError = await failure(members.insertOne({ email: 'g@x.org', org: 'o3' }));
    expect(missing.keyValue).toEqual({ org: 'o3', nick: null });
    await expect(users.createIndex({ org: 1, nick: 1 }, { unique: true })).rejects.toMatchObject({ code: 11000 });
  });

  it('lets a sparse unique index skip documents without the field', async () => {
    await users.createIndex({ nick: 1 }, { unique: true, sparse: true });
    await users.insertMany([{ email: 'g@x.org' }, { email: 'h@x.org' }, { email: 'i@x.org', nick: 'i' }]);
    await expect(users.insertOne({ email: 'j@x.org', nick: 'i' })).rejects.toMatchObject({ code: 11000 });
  });

  it('lets a partial unique index cover only matching documents', async () => {
    await users.createIndex({ n: 1 }, { unique: true, partialFilterExpression: { org: 'o9' } });
    await users.insertMany([
      { email: 'k@x.org', n: 1 },
      { email: 'l@x.org', n: 1 },
      { email: 'm@x.org', n: 1, org: 'o9' },
    ]);
    await expect(users.insertOne({ email: 'n@x.org', n: 1, org: 'o9' })).rejects.toMatchObject({ code: 11000 });
  });

  it('refuses to build a unique index over existing duplicates', async () => {
    await expect(users.createIndex({ org: 1 }, { unique: true })).rejects.toMatchObject({ code: 11000 });
    const names: string[] = (await users.indexes()).map((i: IndexDescriptionInfo) => String(i.name));
    expect(names).toEqual(['_id_', 'email_1']);
  });

  it('lists and drops indexes', async () => {
    await users.createIndex({ org: 1, email: -1 });
    expect(await users.createIndex({ org: 1, email: -1 })).toBe('org_1_email_-1');
    const listed: IndexDescriptionInfo[] = await users.listIndexes().toArray();
    expect(listed.map((i: IndexDescriptionInfo) => [i.name, i.key, i.unique ?? false])).toEqual([
      ['_id_', { _id: 1 }, false],
      ['email_1', { email: 1 }, true],
      ['org_1_email_-1', { org: 1, email: -1 }, false],
    ]);
    await users.dropIndex('email_1');
    await users.insertOne({ email: 'a@x.org' });
    expect(await users.countDocuments({ email: 'a@x.org' })).toBe(2);
    await expect(users.dropIndex('nope')).rejects.toMatchObject({ code: 27 });
    await expect(users.dropIndex('_id_')).rejects.toMatchObject({ code: 72 });
    await users.dropIndexes();
    expect((await users.indexes()).map((i: IndexDescriptionInfo) => i.name)).toEqual(['_id_']);
    await expect(db.collection('missing').indexes()).rejects.toMatchObject({ code: 26 });
  });

  it('finds by an indexed field after updates moved the key', async () => {
    await users.updateOne({ email: 'a@x.org' }, { $set: { email: 'z@x.org' } });
    expect(await users.findOne({ email: 'a@x.org' })).toBeNull();
    expect((await users.findOne({ email: 'z@x.org' }))?.org).toBe('o1');
    expect(await users.countDocuments({ email: { $in: ['z@x.org', 'b@x.org', 'q@x.org'] } })).toBe(2);
    await users.insertOne({ email: 'a@x.org' });
    expect(await users.countDocuments({ email: 'a@x.org' })).toBe(1);
  });

  it('expires documents through a TTL index', async () => {
    const ttlFixture: WireFixture = await startWireFixture({ ttlMonitorIntervalMs: 50 });
    try {
      const tokens: Collection<Document> = ttlFixture.db('ttl').collection('tokens');
      await tokens.createIndex({ createdAt: 1 }, { expireAfterSeconds: 1 });
      await tokens.insertMany([{ createdAt: new Date(Date.now() - 5000) }, { createdAt: new Date() }]);
      let left: number = await tokens.countDocuments();
      for (let round: number = 0; round < 60 && left !== 1; round += 1) {
        await new Promise<void>((resolve: () => void) => setTimeout(resolve, 50));
        left = await tokens.countDocuments();
      }
      expect(left).toBe(1);
      expect(await tokens.countDocuments({ createdAt: { $lt: new Date(Date.now() - 2000) } })).toBe(0);
    } finally {
      await ttlFixture.close();
    }
  });
});
