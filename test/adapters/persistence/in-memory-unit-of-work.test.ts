import { createDomainEvent } from '../../../domain/shared/domain-event';
import { InMemoryOutboxStore } from '../../../adapters/persistence/memory/in-memory-outbox-store';
import { InMemoryUnitOfWork } from '../../../adapters/persistence/memory/in-memory-unit-of-work';
import { MemoryDatabase } from '../../../adapters/persistence/memory/memory-database';

interface Doc {
  id: string;
  value: number;
}

const event = (id: string) =>
  createDomainEvent(id, new Date('2026-01-01T00:00:00Z'), {
    type: 'test.happened',
    orgId: 'o1',
    aggregateType: 'test',
    aggregateId: 'a1',
    aggregateVersion: 1,
    actor: { kind: 'system' },
  });

describe('InMemoryUnitOfWork', () => {
  let db: MemoryDatabase;
  let uow: InMemoryUnitOfWork;

  beforeEach(() => {
    db = new MemoryDatabase();
    uow = new InMemoryUnitOfWork(db);
  });

  it('commits every write made inside a successful run', async () => {
    await uow.run(async () => {
      db.collection<Doc>('a').put({ id: '1', value: 1 });
      await Promise.resolve();
      db.collection<Doc>('b').put({ id: '2', value: 2 });
    });
    expect(db.collection<Doc>('a').get('1')).toEqual({ id: '1', value: 1 });
    expect(db.collection<Doc>('b').get('2')).toEqual({ id: '2', value: 2 });
  });

  it('rolls back inserts, updates and deletes of a failed run, across collections, and rethrows', async () => {
    db.collection<Doc>('a').put({ id: 'keep', value: 1 });
    db.collection<Doc>('b').put({ id: 'gone', value: 2 });
    const failure = new Error('second write failed');

    await expect(
      uow.run(async () => {
        db.collection<Doc>('a').put({ id: 'keep', value: 99 });
        db.collection<Doc>('a').put({ id: 'new', value: 3 });
        await Promise.resolve();
        db.collection<Doc>('b').delete('gone');
        db.collection<Doc>('a').put({ id: 'keep', value: 100 });
        throw failure;
      }),
    ).rejects.toBe(failure);

    expect(db.collection<Doc>('a').all()).toEqual([{ id: 'keep', value: 1 }]);
    expect(db.collection<Doc>('b').get('gone')).toEqual({ id: 'gone', value: 2 });
  });

  it('rolls back outbox events appended in a failed run', async () => {
    const outbox = new InMemoryOutboxStore(db);
    await expect(
      uow.run(async () => {
        await outbox.append([event('e1')]);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await outbox.pending(10, new Date())).toEqual([]);
  });

  it('refuses outbox appends outside a transaction', async () => {
    await expect(new InMemoryOutboxStore(db).append([event('e1')])).rejects.toThrow(/inside UnitOfWork.run/);
  });

  it('joins an enclosing transaction when nested, so the outer failure undoes the inner writes', async () => {
    await expect(
      uow.run(async () => {
        await uow.run(() => {
          db.collection<Doc>('a').put({ id: 'inner', value: 1 });
          return Promise.resolve();
        });
        throw new Error('outer fails');
      }),
    ).rejects.toThrow('outer fails');
    expect(db.collection<Doc>('a').get('inner')).toBeUndefined();
  });

  it('runs transactions one at a time, so a failing one never undoes a concurrent commit', async () => {
    const order: string[] = [];
    let releaseFirst: () => void = () => undefined;
    const first = uow.run(async () => {
      order.push('first:start');
      db.collection<Doc>('a').put({ id: 'x', value: 1 });
      await new Promise<void>((resolve) => (releaseFirst = resolve));
      order.push('first:end');
      throw new Error('first fails');
    });
    const second = uow.run(() => {
      order.push('second');
      db.collection<Doc>('a').put({ id: 'x', value: 2 });
      return Promise.resolve();
    });
    await new Promise((resolve) => setImmediate(resolve));
    releaseFirst();
    await expect(first).rejects.toThrow('first fails');
    await second;
    expect(order).toEqual(['first:start', 'first:end', 'second']);
    expect(db.collection<Doc>('a').get('x')).toEqual({ id: 'x', value: 2 });
  });

  it('notifies commit listeners after success only', async () => {
    const listener = jest.fn();
    uow.onCommitted(listener);
    await uow.run(() => Promise.resolve());
    await expect(uow.run(() => Promise.reject(new Error('no')))).rejects.toThrow('no');
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('keeps stored documents private: changing an object after put or get does not change the store', () => {
    const doc = { id: '1', value: 1 };
    const collection = db.collection<Doc>('a');
    collection.put(doc);
    doc.value = 2;
    const read = collection.get('1')!;
    read.value = 3;
    expect(collection.get('1')).toEqual({ id: '1', value: 1 });
  });
});
