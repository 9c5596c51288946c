import { ObjectId } from 'mongodb';
import type { Collection, Db, Document } from 'mongodb';
import { startWireFixture } from './wire-fixture';
import type { WireFixture } from './wire-fixture';

interface Call {
  _id?: ObjectId;
  patientId: ObjectId;
  minutes: number;
  status: 'done' | 'missed';
  tags: string[];
}

describe('mongo wire server: aggregation, counts and distinct', () => {
  let fixture: WireFixture;
  let db: Db;
  let calls: Collection<Call>;
  const ada: ObjectId = new ObjectId();
  const bo: ObjectId = new ObjectId();

  beforeAll(async () => {
    fixture = await startWireFixture();
    db = fixture.db('aggregation');
    calls = db.collection<Call>('calls');
    await db.collection('patients').insertMany([
      { _id: ada, name: 'Ada' },
      { _id: bo, name: 'Bo' },
    ]);
    await calls.insertMany([
      { patientId: ada, minutes: 10, status: 'done', tags: ['calm'] },
      { patientId: ada, minutes: 20, status: 'done', tags: ['calm', 'tired'] },
      { patientId: bo, minutes: 5, status: 'missed', tags: [] },
      { patientId: bo, minutes: 15, status: 'done', tags: ['tired'] },
      { patientId: ada, minutes: 0, status: 'missed', tags: ['tired'] },
    ]);
  });

  afterAll(async () => {
    await fixture.close();
  });

  it('groups, sums, sorts and projects', async () => {
    const totals: Document[] = await calls
      .aggregate([
        { $match: { status: 'done' } },
        { $group: { _id: '$patientId', total: { $sum: '$minutes' }, calls: { $sum: 1 } } },
        { $sort: { total: -1 } },
        { $project: { _id: 0, patientId: '$_id', total: 1, calls: 1 } },
      ])
      .toArray();
    expect(totals).toEqual([
      { patientId: ada, total: 30, calls: 2 },
      { patientId: bo, total: 15, calls: 1 },
    ]);
  });

  it('skips, limits and counts', async () => {
    const page: Document[] = await calls
      .aggregate([{ $sort: { minutes: 1 } }, { $skip: 1 }, { $limit: 2 }, { $project: { _id: 0, minutes: 1 } }])
      .toArray();
    expect(page).toEqual([{ minutes: 5 }, { minutes: 10 }]);
    const counted: Document[] = await calls
      .aggregate([{ $match: { minutes: { $gte: 10 } } }, { $count: 'n' }])
      .toArray();
    expect(counted).toEqual([{ n: 3 }]);
  });

  it('joins another collection with $lookup and flattens with $unwind', async () => {
    const joined: Document[] = await calls
      .aggregate([
        { $match: { status: 'missed' } },
        { $lookup: { from: 'patients', localField: 'patientId', foreignField: '_id', as: 'patient' } },
        { $unwind: '$patient' },
        { $sort: { minutes: 1 } },
        { $project: { _id: 0, name: '$patient.name', minutes: 1 } },
      ])
      .toArray();
    expect(joined).toEqual([
      { minutes: 0, name: 'Ada' },
      { minutes: 5, name: 'Bo' },
    ]);
  });

  it('counts with countDocuments (aggregate) and estimatedDocumentCount (count)', async () => {
    const before: number = fixture.commands.filter((c: string) => c === 'count').length;
    expect(await calls.countDocuments({ patientId: ada })).toBe(3);
    expect(await calls.countDocuments({}, { skip: 1, limit: 2 })).toBe(2);
    expect(await calls.estimatedDocumentCount()).toBe(5);
    expect(fixture.commands.filter((c: string) => c === 'count').length - before).toBe(1);
    expect(await db.collection('nothing').estimatedDocumentCount()).toBe(0);
  });

  it('returns distinct values, flattening arrays', async () => {
    expect(await calls.distinct('status')).toEqual(['done', 'missed']);
    expect(await calls.distinct('tags', { patientId: ada })).toEqual(['calm', 'tired']);
    expect((await calls.distinct('patientId')).map(String).sort()).toEqual(
      [ada.toHexString(), bo.toHexString()].sort(),
    );
  });

  it('matches $type by BSON type names, including objectId', async () => {
    await db
      .collection('typed')
      .insertMany([{ v: new ObjectId() }, { v: 'text' }, { v: 3 }, { v: 2.5 }, { v: new Date() }]);
    const typed = db.collection('typed');
    expect(await typed.countDocuments({ v: { $type: 'objectId' } })).toBe(1);
    expect(await typed.countDocuments({ v: { $type: 'number' } })).toBe(2);
    expect(await typed.countDocuments({ v: { $type: ['string', 'date'] } })).toBe(2);
  });

  it('refuses $changeStream with a clear error', async () => {
    await expect(calls.aggregate([{ $changeStream: {} }]).toArray()).rejects.toThrow(/not supported/);
  });
});
