import { ObjectId } from 'mongodb';
import type { Collection, Db, Document } from 'mongodb';
import { startWireFixture } from './wire-fixture';
import type { WireFixture } from './wire-fixture';

/** Documents keyed by a plain number `_id`, as some tests insert them. */
interface NumberedDoc {
  _id?: number | ObjectId;
  name?: string;
  label?: string;
  count?: number;
  low?: number;
  list?: number[];
  grades?: Array<{ g: number; top?: boolean }>;
  meta?: { seen: boolean };
  key?: string;
  region?: string;
  age?: number;
  hits?: number;
  createdBy?: string;
  total?: number;
  slug?: string;
  made?: boolean;
  q?: number;
  rank?: number;
  picked?: boolean;
  k?: string;
  v?: number;
  batch?: string;
  done?: boolean;
  x?: number;
}

describe('mongo wire server: update operators, upserts and findAndModify', () => {
  let fixture: WireFixture;
  let db: Db;
  let docs: Collection<NumberedDoc>;

  beforeAll(async () => {
    fixture = await startWireFixture();
    db = fixture.db('updates');
  });

  afterAll(async () => {
    await fixture.close();
  });

  beforeEach(async () => {
    await db.dropDatabase();
    docs = db.collection<NumberedDoc>('docs');
    await docs.insertOne({ _id: 1, name: 'a', count: 1, list: [1, 2, 3], grades: [{ g: 60 }, { g: 95 }] });
  });

  async function one(): Promise<Document> {
    return (await docs.findOne({ _id: 1 })) as Document;
  }

  it('applies $set on dotted new paths, $inc, $unset, $push, $addToSet and $pull', async () => {
    await docs.updateOne(
      { _id: 1 },
      { $set: { 'meta.seen': true }, $inc: { count: 2 }, $unset: { name: '' }, $push: { list: 4 } },
    );
    await docs.updateOne({ _id: 1 }, { $addToSet: { list: { $each: [4, 5] } }, $pull: { grades: { g: { $lt: 70 } } } });
    expect(await one()).toEqual({ _id: 1, count: 3, list: [1, 2, 3, 4, 5], grades: [{ g: 95 }], meta: { seen: true } });
  });

  it('applies $push with $each/$sort/$slice, $min, $max, $mul and $rename', async () => {
    await docs.updateOne(
      { _id: 1 },
      { $push: { list: { $each: [9, 0], $sort: -1, $slice: 3 } }, $max: { count: 10 }, $rename: { name: 'label' } },
    );
    await docs.updateOne({ _id: 1 }, { $mul: { count: 2 }, $min: { low: 5 } });
    expect(await one()).toMatchObject({ label: 'a', count: 20, list: [9, 3, 2], low: 5 });
    expect((await one()).name).toBeUndefined();
  });

  it('updates array elements chosen by arrayFilters and by the positional $ operator', async () => {
    await docs.updateOne(
      { _id: 1 },
      { $set: { 'grades.$[high].top': true } },
      { arrayFilters: [{ 'high.g': { $gte: 90 } }] },
    );
    await docs.updateOne({ _id: 1, 'grades.g': 60 }, { $inc: { 'grades.$.g': 5 } });
    expect((await one()).grades).toEqual([{ g: 65 }, { g: 95, top: true }]);
  });

  it('upserts from the filter equality fields and applies $setOnInsert only on insert', async () => {
    const first = await docs.updateOne(
      { key: 'k1', $and: [{ region: { $eq: 'eu' } }], age: { $gt: 3 } },
      { $set: { hits: 1 }, $setOnInsert: { createdBy: 'upsert' } },
      { upsert: true },
    );
    expect(first.upsertedCount).toBe(1);
    expect(first.upsertedId).toBeInstanceOf(ObjectId);
    const inserted: Document | null = await docs.findOne({ key: 'k1' });
    expect(inserted).toEqual({ _id: first.upsertedId, key: 'k1', region: 'eu', hits: 1, createdBy: 'upsert' });

    const second = await docs.updateOne(
      { key: 'k1' },
      { $set: { hits: 2 }, $setOnInsert: { createdBy: 'other' } },
      { upsert: true },
    );
    expect([second.matchedCount, second.modifiedCount, second.upsertedCount]).toEqual([1, 1, 0]);
    expect(await docs.findOne({ key: 'k1' }, { projection: { _id: 0 } })).toEqual({
      key: 'k1',
      region: 'eu',
      hits: 2,
      createdBy: 'upsert',
    });
  });

  it('upserts a replacement document, taking _id from the filter', async () => {
    const result = await docs.replaceOne({ _id: 7 }, { name: 'seven' }, { upsert: true });
    expect(result.upsertedId).toBe(7);
    expect(await docs.findOne({ _id: 7 })).toEqual({ _id: 7, name: 'seven' });
  });

  it('runs pipeline-style updates', async () => {
    await docs.updateOne({ _id: 1 }, [{ $set: { total: { $sum: '$list' } } }, { $unset: 'grades' }]);
    const doc: Document = await one();
    expect(doc.total).toBe(6);
    expect(doc.grades).toBeUndefined();
  });

  it('findOneAndUpdate returns the document before or after the update', async () => {
    const before: Document | null = await docs.findOneAndUpdate({ _id: 1 }, { $inc: { count: 1 } });
    expect(before?.count).toBe(1);
    const after: Document | null = await docs.findOneAndUpdate(
      { _id: 1 },
      { $inc: { count: 1 } },
      { returnDocument: 'after', projection: { count: 1 } },
    );
    expect(after).toEqual({ _id: 1, count: 3 });
  });

  it('findOneAndUpdate upserts and reports the metadata', async () => {
    const result = await docs.findOneAndUpdate(
      { slug: 'new' },
      { $setOnInsert: { made: true } },
      { upsert: true, returnDocument: 'after', includeResultMetadata: true },
    );
    expect(result.lastErrorObject).toMatchObject({ n: 1, updatedExisting: false });
    expect(result.value).toMatchObject({ slug: 'new', made: true });
    const none = await docs.findOneAndUpdate({ slug: 'missing' }, { $set: { x: 1 } }, { includeResultMetadata: true });
    expect(none.value).toBeNull();
    expect(none.lastErrorObject).toMatchObject({ n: 0, updatedExisting: false });
  });

  it('findOneAndUpdate honours sort to pick the document', async () => {
    await docs.insertMany([
      { q: 1, rank: 2 },
      { q: 1, rank: 9 },
      { q: 1, rank: 5 },
    ]);
    const top: Document | null = await docs.findOneAndUpdate(
      { q: 1 },
      { $set: { picked: true } },
      { sort: { rank: -1 }, returnDocument: 'after' },
    );
    expect(top).toMatchObject({ rank: 9, picked: true });
  });

  it('findOneAndDelete and findOneAndReplace', async () => {
    await docs.insertMany([
      { k: 'x', v: 1 },
      { k: 'y', v: 2 },
    ]);
    const deleted: Document | null = await docs.findOneAndDelete({ k: 'x' });
    expect(deleted).toMatchObject({ k: 'x', v: 1 });
    expect(await docs.countDocuments({ k: 'x' })).toBe(0);
    const replaced: Document | null = await docs.findOneAndReplace(
      { k: 'y' },
      { k: 'y', v: 3 },
      { returnDocument: 'after' },
    );
    expect(replaced).toMatchObject({ k: 'y', v: 3 });
  });

  it('updateMany with upsert inserts one document when nothing matches', async () => {
    const result = await docs.updateMany({ batch: 'b1' }, { $set: { done: false } }, { upsert: true });
    expect(result.upsertedCount).toBe(1);
    expect(await docs.countDocuments({ batch: 'b1', done: false })).toBe(1);
  });
});
