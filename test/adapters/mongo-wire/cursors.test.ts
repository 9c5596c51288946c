import { Long, MongoServerError } from 'mongodb';
import type { Collection, Db, Document } from 'mongodb';
import { startWireFixture } from './wire-fixture';
import type { WireFixture } from './wire-fixture';

describe('mongo wire server: cursors', () => {
  let fixture: WireFixture;
  let db: Db;
  let items: Collection;

  beforeAll(async () => {
    fixture = await startWireFixture();
    db = fixture.db('cursors');
    items = db.collection('items');
    await items.insertMany(Array.from({ length: 250 }, (_: unknown, i: number) => ({ n: i })));
  });

  afterAll(async () => {
    await fixture.close();
  });

  function count(name: string): number {
    return fixture.commands.filter((c: string) => c === name).length;
  }

  it('returns 250 documents over a first batch and two getMore batches of 100', async () => {
    const getMoresBefore: number = count('getMore');
    const docs: Document[] = await items.find({}, { batchSize: 100 }).sort({ n: 1 }).toArray();
    expect(docs).toHaveLength(250);
    expect(docs.map((d: Document): unknown => d.n)).toEqual(Array.from({ length: 250 }, (_: unknown, i: number) => i));
    expect(count('getMore') - getMoresBefore).toBe(2);
  });

  it('pages an aggregation cursor with getMore too', async () => {
    const getMoresBefore: number = count('getMore');
    const docs: Document[] = await items.aggregate([{ $match: { n: { $gte: 50 } } }], { batchSize: 60 }).toArray();
    expect(docs).toHaveLength(200);
    expect(count('getMore') - getMoresBefore).toBe(3);
  });

  it('sends 64-bit cursor ids the driver can send back', async () => {
    const reply: Document = await db.command({ find: 'items', filter: {}, batchSize: 10 });
    const cursor: Document = reply.cursor as Document;
    expect(cursor.firstBatch).toHaveLength(10);
    const id: unknown = cursor.id;
    expect(Long.isLong(id) || typeof id === 'number').toBe(true);
    const more: Document = await db.command({ getMore: id, collection: 'items', batchSize: 5 });
    expect((more.cursor as Document).nextBatch).toHaveLength(5);
    await db.command({ killCursors: 'items', cursors: [id] });
  });

  it('kills a cursor closed early; a later getMore on it gets CursorNotFound (43)', async () => {
    const killsBefore: number = count('killCursors');
    const cursor = items.find({}, { batchSize: 20 });
    expect(await cursor.next()).not.toBeNull();
    const id: Long | undefined = cursor.id;
    expect(id).toBeDefined();
    await cursor.close();
    expect(count('killCursors') - killsBefore).toBe(1);
    const error: unknown = await db.command({ getMore: id, collection: 'items' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MongoServerError);
    expect(error).toMatchObject({ code: 43 });
  });

  it('respects limit together with batchSize and never opens a cursor for a single batch', async () => {
    const docs: Document[] = await items.find({}).limit(30).batchSize(10).toArray();
    expect(docs).toHaveLength(30);
    const one: Document = await db.command({ find: 'items', filter: { n: 3 }, limit: 1, singleBatch: true });
    expect(Number((one.cursor as Document).id)).toBe(0);
  });

  it('iterates with for-await across batches', async () => {
    let total: number = 0;
    for await (const doc of items.find({ n: { $lt: 120 } }, { batchSize: 50 })) total += Number(doc.n);
    expect(total).toBe((119 * 120) / 2);
  });
});
