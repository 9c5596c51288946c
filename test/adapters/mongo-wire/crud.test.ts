import { MongoServerError, ObjectId, UUID } from 'mongodb';
import type { Collection, Db, Document } from 'mongodb';
import { startWireFixture } from './wire-fixture';
import type { WireFixture } from './wire-fixture';

interface Patient {
  _id?: ObjectId;
  name: string;
  age: number;
  city?: string;
  tags?: string[];
}

describe('mongo wire server: CRUD through the real driver', () => {
  let fixture: WireFixture;
  let db: Db;
  let patients: Collection<Patient>;

  beforeAll(async () => {
    fixture = await startWireFixture();
    db = fixture.db('crud');
  });

  afterAll(async () => {
    await fixture.close();
  });

  beforeEach(async () => {
    await db.dropDatabase();
    patients = db.collection<Patient>('patients');
    await patients.insertMany([
      { name: 'Ada', age: 81, city: 'Leeds', tags: ['a', 'b'] },
      { name: 'Bo', age: 67, city: 'York' },
      { name: 'Cy', age: 90, city: 'Leeds', tags: ['b'] },
      { name: 'Di', age: 74 },
    ]);
  });

  it('inserts one document and reads it back by _id with its generated ObjectId', async () => {
    const result = await patients.insertOne({ name: 'Ed', age: 70 });
    expect(result.acknowledged).toBe(true);
    const found = await patients.findOne({ _id: result.insertedId });
    expect(found).toEqual({ _id: result.insertedId, name: 'Ed', age: 70 });
  });

  it('finds with filter, sort, skip, limit and projection (_id first)', async () => {
    const docs: Document[] = await patients
      .find({ age: { $gte: 70 } }, { projection: { name: 1 } })
      .sort({ age: -1 })
      .skip(1)
      .limit(2)
      .toArray();
    expect(docs.map((d: Document): unknown => d.name)).toEqual(['Ada', 'Di']);
    expect(Object.keys(docs[0])).toEqual(['_id', 'name']);
  });

  it('matches arrays, $in, $exists, $regex and $or like MongoDB', async () => {
    expect(await patients.countDocuments({ tags: 'b' })).toBe(2);
    expect(await patients.countDocuments({ city: { $in: ['York', 'Paris'] } })).toBe(1);
    expect(await patients.countDocuments({ city: { $exists: false } })).toBe(1);
    expect(await patients.countDocuments({ name: { $regex: '^[AB]' } })).toBe(2);
    expect(await patients.countDocuments({ $or: [{ age: { $lt: 70 } }, { name: 'Cy' }] })).toBe(2);
  });

  it('supports excluding projections and $slice', async () => {
    const ada = await patients.findOne({ name: 'Ada' }, { projection: { _id: 0, tags: { $slice: 1 }, name: 1 } });
    expect(ada).toEqual({ name: 'Ada', tags: ['a'] });
    const noCity = await patients.findOne({ name: 'Bo' }, { projection: { city: 0, _id: 0 } });
    expect(noCity).toEqual({ name: 'Bo', age: 67 });
  });

  it('updates one and many documents and reports matched and modified counts', async () => {
    const one = await patients.updateOne({ name: 'Bo' }, { $set: { city: 'Hull' } });
    expect([one.matchedCount, one.modifiedCount]).toEqual([1, 1]);
    const many = await patients.updateMany({ city: 'Leeds' }, { $inc: { age: 1 } });
    expect([many.matchedCount, many.modifiedCount]).toEqual([2, 2]);
    const same = await patients.updateOne({ name: 'Bo' }, { $set: { city: 'Hull' } });
    expect([same.matchedCount, same.modifiedCount]).toEqual([1, 0]);
    expect((await patients.findOne({ name: 'Cy' }))?.age).toBe(91);
  });

  it('replaces a document, keeping its _id', async () => {
    const before = await patients.findOne({ name: 'Di' });
    const result = await patients.replaceOne({ name: 'Di' }, { name: 'Dee', age: 75 });
    expect(result.modifiedCount).toBe(1);
    expect(await patients.findOne({ _id: before?._id })).toEqual({ _id: before?._id, name: 'Dee', age: 75 });
  });

  it('deletes one and many documents', async () => {
    expect((await patients.deleteOne({ city: 'Leeds' })).deletedCount).toBe(1);
    expect((await patients.deleteMany({ age: { $gt: 0 } })).deletedCount).toBe(3);
    expect(await patients.countDocuments()).toBe(0);
  });

  it('runs a bulkWrite of inserts, updates and deletes', async () => {
    const result = await patients.bulkWrite([
      { insertOne: { document: { name: 'Fy', age: 60 } } },
      { updateOne: { filter: { name: 'Ada' }, update: { $set: { age: 82 } } } },
      { deleteOne: { filter: { name: 'Bo' } } },
    ]);
    expect([result.insertedCount, result.modifiedCount, result.deletedCount]).toEqual([1, 1, 1]);
    expect(await patients.countDocuments()).toBe(4);
  });

  it('lists, creates and drops collections', async () => {
    await db.createCollection('visits');
    const names: string[] = (await db.listCollections().toArray()).map((c: Document) => String(c.name)).sort();
    expect(names).toEqual(['patients', 'visits']);
    await expect(db.createCollection('visits')).rejects.toMatchObject({ code: 48 });
    expect(await db.collection('visits').drop()).toBe(true);
    expect((await db.listCollections({}, { nameOnly: true }).toArray()).map((c: Document): unknown => c.name)).toEqual([
      'patients',
    ]);
    const dbs: Document = await fixture.client.db('admin').admin().listDatabases();
    expect((dbs.databases as Document[]).map((d: Document): unknown => d.name)).toContain('crud');
  });

  it('answers an unknown command with CommandNotFound (59) and keeps serving', async () => {
    const error: unknown = await db.command({ noSuchCommand: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MongoServerError);
    expect(error).toMatchObject({ code: 59, codeName: 'CommandNotFound' });
    expect(await db.command({ ping: 1 })).toMatchObject({ ok: 1 });
    expect(await patients.countDocuments()).toBe(4);
  });

  it('reports conflicting update operators as code 40 and bad modifiers as code 9', async () => {
    await expect(patients.updateOne({ name: 'Ada' }, { $set: { age: 1 }, $inc: { age: 1 } })).rejects.toMatchObject({
      code: 40,
    });
    await expect(db.collection('patients').updateOne({ name: 'Ada' }, { $bogus: { age: 1 } })).rejects.toMatchObject({
      code: 9,
    });
    await expect(patients.updateOne({ name: 'Ada' }, { $set: { _id: new ObjectId() } })).rejects.toMatchObject({
      code: 66,
    });
  });

  it('looks documents up by UUID _id, dates and booleans, through the _id map and indexes', async () => {
    const events: Collection<{ _id: UUID; at: Date; urgent: boolean }> = db.collection('events');
    const ids: UUID[] = [new UUID(), new UUID(), new UUID()];
    await events.createIndex({ at: 1 });
    await events.insertMany(
      ids.map((id: UUID, i: number) => ({ _id: id, at: new Date(Date.UTC(2026, 0, i + 1)), urgent: i === 1 })),
    );
    expect((await events.findOne({ _id: new UUID(ids[2]?.toHexString()) }))?.at).toEqual(
      new Date(Date.UTC(2026, 0, 3)),
    );
    expect(await events.countDocuments({ _id: { $in: [ids[0], ids[1]] } })).toBe(2);
    expect(await events.countDocuments({ at: new Date(Date.UTC(2026, 0, 2)), urgent: true })).toBe(1);
    expect(await events.countDocuments({ at: { $gte: new Date(Date.UTC(2026, 0, 2)) } })).toBe(2);
  });

  it('answers the hello handshake as a replica-set primary', async () => {
    const hello: Document = await fixture.client.db('admin').command({ hello: 1 });
    expect(hello).toMatchObject({ isWritablePrimary: true, setName: 'rs0', logicalSessionTimeoutMinutes: 30 });
    expect(hello.hosts).toEqual([hello.me]);
    expect(fixture.server.url).toContain(String(hello.me));
  });
});
