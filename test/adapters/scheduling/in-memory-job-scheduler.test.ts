import type { Logger } from '../../../application/ports/logger';
import type { ScheduledJob } from '../../../application/ports/job-scheduler';
import { InMemoryJobScheduler } from '../../../adapters/scheduling/memory/in-memory-job-scheduler';

const logger = (): Logger & { errors: string[] } => {
  const errors: string[] = [];
  const l = {
    errors,
    debug: () => undefined,
    info: () => undefined,
    warn: () => undefined,
    error: (_: unknown, m: string) => errors.push(m),
    child: () => l,
  };
  return l;
};

describe('InMemoryJobScheduler', () => {
  const t0 = new Date('2026-03-01T10:00:00Z');
  let now = t0;
  const clock = { now: () => now };

  beforeEach(() => {
    now = t0;
  });

  const job = (key: string, minutes: number, name = 'place-call'): ScheduledJob => ({
    key,
    name,
    runAt: new Date(t0.getTime() + minutes * 60_000),
    payload: { scheduleId: key },
  });

  it('runs due jobs only, once each', async () => {
    const scheduler = new InMemoryJobScheduler(clock, logger());
    const ran: string[] = [];
    scheduler.define('place-call', (j) => {
      ran.push(j.key);
      return Promise.resolve();
    });
    await scheduler.schedule(job('s1', 0));
    await scheduler.schedule(job('s2', 5));
    expect(await scheduler.runDue()).toBe(1);
    expect(await scheduler.runDue()).toBe(0);
    now = new Date(t0.getTime() + 5 * 60_000);
    await scheduler.runDue();
    expect(ran).toEqual(['s1', 's2']);
  });

  it('replaces a job scheduled again under the same key', async () => {
    const scheduler = new InMemoryJobScheduler(clock, logger());
    await scheduler.schedule(job('s1', 10));
    await scheduler.schedule(job('s1', 20));
    expect(scheduler.scheduled().map((j) => j.runAt)).toEqual([new Date(t0.getTime() + 20 * 60_000)]);
  });

  it('cancels by key and by prefix', async () => {
    const scheduler = new InMemoryJobScheduler(clock, logger());
    await scheduler.schedule(job('call:p1:a', 1));
    await scheduler.schedule(job('call:p1:b', 2));
    await scheduler.schedule(job('call:p2:a', 3));
    await scheduler.cancel('call:p2:a');
    expect(await scheduler.cancelByPrefix('call:p1:')).toBe(2);
    expect(scheduler.scheduled()).toEqual([]);
  });

  it('logs a failing job and keeps running the others', async () => {
    const log = logger();
    const scheduler = new InMemoryJobScheduler(clock, log);
    const ran: string[] = [];
    scheduler.define('place-call', (j) =>
      j.key === 'bad' ? Promise.reject(new Error('x')) : (ran.push(j.key), Promise.resolve()),
    );
    await scheduler.schedule(job('bad', 0));
    await scheduler.schedule(job('good', 0));
    await scheduler.runDue();
    expect(ran).toEqual(['good']);
    expect(log.errors).toEqual(['job failed']);
  });

  it('reports a job with no handler instead of throwing', async () => {
    const log = logger();
    const scheduler = new InMemoryJobScheduler(clock, log);
    await scheduler.schedule(job('s1', 0, 'unknown'));
    await scheduler.runDue();
    expect(log.errors).toEqual(['no handler defined for job']);
  });

  it('polls on its own once started and stops cleanly', async () => {
    const scheduler = new InMemoryJobScheduler(clock, logger(), 10);
    const ran = new Promise<string>((resolve) =>
      scheduler.define('place-call', (j) => (resolve(j.key), Promise.resolve())),
    );
    await scheduler.schedule(job('s1', 0));
    await scheduler.start();
    await expect(ran).resolves.toBe('s1');
    await scheduler.stop();
  });
});
