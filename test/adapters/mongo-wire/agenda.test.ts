import { Agenda } from 'agenda';
import type { Job } from 'agenda';
import { MongoBackend } from '@agendajs/mongo-backend';
import type { Document } from 'mongodb';
import { startWireFixture } from './wire-fixture';
import type { WireFixture } from './wire-fixture';

function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline: number = Date.now() + timeoutMs;
  return new Promise<void>((resolve: () => void, reject: (e: Error) => void) => {
    const tick = (): void => {
      if (condition()) resolve();
      else if (Date.now() > deadline) reject(new Error(`condition not met within ${timeoutMs} ms`));
      else setTimeout(tick, 20);
    };
    tick();
  });
}

describe('mongo wire server: Agenda 6 with @agendajs/mongo-backend', () => {
  let fixture: WireFixture;

  beforeAll(async () => {
    fixture = await startWireFixture();
  });

  afterAll(async () => {
    await fixture.close();
  });

  function newAgenda(collection: string): Agenda {
    return new Agenda({
      backend: new MongoBackend({ mongo: fixture.db('agenda'), collection }),
      processEvery: 100,
      // Agenda keeps a lockLifetime/2 liveness timer per job run that stop() does not clear; a short
      // lifetime lets Jest exit promptly (the jobs here finish in microseconds).
      defaultLockLifetime: 400,
    });
  }

  it('runs a one-off job scheduled with now()', async () => {
    const agenda: Agenda = newAgenda('jobs_now');
    const seen: string[] = [];
    try {
      agenda.define('greet', (job: Job<{ to: string }>): Promise<void> => {
        seen.push(job.attrs.data.to);
        return Promise.resolve();
      });
      await agenda.start();
      await agenda.now('greet', { to: 'ada@example.org' });
      await waitFor(() => seen.length > 0, 5000);
      expect(seen).toEqual(['ada@example.org']);
    } finally {
      await agenda.stop();
    }
    const stored: Document | null = await fixture.db('agenda').collection('jobs_now').findOne({ name: 'greet' });
    expect(stored?.lastFinishedAt).toBeInstanceOf(Date);
    expect(stored?.lockedAt ?? null).toBeNull();
  });

  it('runs a repeating job scheduled with every() several times, keeping one job document', async () => {
    const agenda: Agenda = newAgenda('jobs_every');
    let runs: number = 0;
    try {
      agenda.define('tick', (): Promise<void> => {
        runs += 1;
        return Promise.resolve();
      });
      await agenda.start();
      await agenda.every(200, 'tick');
      await waitFor(() => runs >= 2, 8000);
    } finally {
      await agenda.stop();
    }
    expect(runs).toBeGreaterThanOrEqual(2);
    const stored: Document[] = await fixture.db('agenda').collection('jobs_every').find({ name: 'tick' }).toArray();
    expect(stored).toHaveLength(1);
    expect(stored[0]?.repeatInterval).toBe(200);
    expect(stored[0]?.nextRunAt).toBeInstanceOf(Date);
  });
});
