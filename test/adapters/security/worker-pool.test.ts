import { join } from 'node:path';
import { WorkerPool } from '../../../adapters/security/worker-pool';

const scriptPath = join(__dirname, 'fixtures', 'pool-test-worker.js');

describe('WorkerPool', () => {
  const pools: WorkerPool[] = [];
  const pool = (size: number): WorkerPool => {
    const created = new WorkerPool({ scriptPath, size, name: 'test pool' });
    pools.push(created);
    return created;
  };
  afterEach(async () => {
    await Promise.all(pools.splice(0).map((created) => created.close()));
  });

  it('refuses a size below 1 or a fraction', () => {
    expect(() => new WorkerPool({ scriptPath, size: 0 })).toThrow(RangeError);
    expect(() => new WorkerPool({ scriptPath, size: 1.5 })).toThrow(RangeError);
  });

  it('starts no worker until there is work', () => {
    expect(pool(2).stats()).toEqual({ workers: 0, busy: 0, queued: 0 });
  });

  it('queues tasks beyond its size and runs them all', async () => {
    const subject = pool(2);
    const results = Promise.all([1, 2, 3, 4, 5].map((value) => subject.run({ op: 'sleep', ms: 40, value })));
    expect(subject.stats()).toEqual({ workers: 2, busy: 2, queued: 3 });
    await expect(results).resolves.toEqual([1, 2, 3, 4, 5]);
    expect(subject.stats()).toEqual({ workers: 2, busy: 0, queued: 0 });
  });

  it('rejects a task the worker refused and keeps using that worker', async () => {
    const subject = pool(1);
    const first = await subject.run({ op: 'thread' });
    await expect(subject.run({ op: 'fail' })).rejects.toThrow('test pool task failed: refused');
    await expect(subject.run({ op: 'thread' })).resolves.toBe(first);
  });

  it('rejects the task of a worker that throws, replaces the worker and runs the queued tasks', async () => {
    const subject = pool(1);
    const firstThread = await subject.run({ op: 'thread' });
    const crashed = subject.run({ op: 'throw' });
    const queued = [subject.run({ op: 'echo', value: 'a' }), subject.run({ op: 'thread' })];
    const error = await crashed.then(
      () => null,
      (reason: unknown) => reason as Error,
    );
    expect(error?.message).toBe('The test pool worker exited with code 1');
    expect((error?.cause as Error | undefined)?.message).toBe('boom');
    const [echoed, secondThread] = await Promise.all(queued);
    expect(echoed).toBe('a');
    expect(secondThread).not.toBe(firstThread);
    expect(subject.stats().workers).toBe(1);
  });

  it('rejects the task of a worker that exits and serves the next task', async () => {
    const subject = pool(2);
    await expect(subject.run({ op: 'exit', code: 7 })).rejects.toThrow('worker exited with code 7');
    await expect(subject.run({ op: 'echo', value: 42 })).resolves.toBe(42);
  });

  it('close() rejects queued and running tasks, terminates the workers and refuses new work', async () => {
    const subject = pool(1);
    const running = expect(subject.run({ op: 'sleep', ms: 5000, value: 'never' })).rejects.toThrow(
      'The test pool was closed',
    );
    const queued = expect(subject.run({ op: 'echo', value: 'never' })).rejects.toThrow('The test pool was closed');
    expect(subject.stats()).toEqual({ workers: 1, busy: 1, queued: 1 });
    const started = Date.now();
    await subject.close();
    expect(Date.now() - started).toBeLessThan(2000);
    await running;
    await queued;
    expect(subject.stats()).toEqual({ workers: 0, busy: 0, queued: 0 });
    await expect(subject.run({ op: 'echo', value: 1 })).rejects.toThrow('The test pool is closed');
  });
});
