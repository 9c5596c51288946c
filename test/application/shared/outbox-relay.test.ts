import { createDomainEvent, type DomainEvent } from '../../../domain/shared/domain-event';
import type { EventHandler } from '../../../application/ports/event-handler';
import type { Logger } from '../../../application/ports/logger';
import { OutboxRelay } from '../../../application/shared/outbox-relay';
import { InMemoryOutboxStore } from '../../../adapters/persistence/memory/in-memory-outbox-store';
import { InMemoryUnitOfWork } from '../../../adapters/persistence/memory/in-memory-unit-of-work';
import { MemoryDatabase } from '../../../adapters/persistence/memory/memory-database';

class FixedClock {
  constructor(public current: Date) {}
  now(): Date {
    return this.current;
  }
}

const silentLogger = (): Logger & { errors: string[] } => {
  const errors: string[] = [];
  const logger = {
    errors,
    debug: () => undefined,
    info: () => undefined,
    warn: () => undefined,
    error: (_fields: unknown, message: string) => errors.push(message),
    child: () => logger,
  };
  return logger;
};

const event = (id: string, type = 'patient.created'): DomainEvent =>
  createDomainEvent(id, new Date('2026-01-01T00:00:00Z'), {
    type,
    orgId: 'o1',
    aggregateType: 'patient',
    aggregateId: 'p1',
    aggregateVersion: 1,
    actor: { kind: 'system' },
  });

const recordingHandler = (
  name: string,
  types: string[],
  behaviour: (e: DomainEvent) => Promise<void> = () => Promise.resolve(),
) => {
  const seen: string[] = [];
  const handler: EventHandler = {
    name,
    eventTypes: types,
    handle: async (e) => {
      seen.push(e.eventId);
      await behaviour(e);
    },
  };
  return { handler, seen };
};

describe('OutboxRelay', () => {
  let db: MemoryDatabase;
  let uow: InMemoryUnitOfWork;
  let store: InMemoryOutboxStore;
  let clock: FixedClock;

  beforeEach(() => {
    db = new MemoryDatabase();
    uow = new InMemoryUnitOfWork(db);
    store = new InMemoryOutboxStore(db);
    clock = new FixedClock(new Date('2026-01-01T00:00:00Z'));
  });

  it('dispatches committed events after commit, to subscribed handlers only, in order', async () => {
    const a = recordingHandler('a', ['patient.created']);
    const b = recordingHandler('b', ['call.ended']);
    const relay = new OutboxRelay(store, [a.handler, b.handler], clock, silentLogger());
    uow.onCommitted(() => relay.kick());

    await uow.run(() => store.append([event('e1'), event('e2')]));
    await relay.whenIdle();

    expect(a.seen).toEqual(['e1', 'e2']);
    expect(b.seen).toEqual([]);
    expect(await store.pending(10, clock.now())).toEqual([]);
  });

  it('never dispatches events of a rolled-back transaction', async () => {
    const a = recordingHandler('a', ['patient.created']);
    const relay = new OutboxRelay(store, [a.handler], clock, silentLogger());
    uow.onCommitted(() => relay.kick());

    await expect(
      uow.run(async () => {
        await store.append([event('e1')]);
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    await relay.drainOnce();
    expect(a.seen).toEqual([]);
  });

  it('retries a failing handler with back-off without re-running handlers that already succeeded', async () => {
    const ok = recordingHandler('ok', ['patient.created']);
    let failures = 1;
    const flaky = recordingHandler('flaky', ['patient.created'], () => {
      if (failures-- > 0) return Promise.reject(new Error('transient'));
      return Promise.resolve();
    });
    const logger = silentLogger();
    const relay = new OutboxRelay(store, [ok.handler, flaky.handler], clock, logger, {
      batchSize: 10,
      maxAttempts: 3,
      retryBaseMs: 1000,
    });
    await uow.run(() => store.append([event('e1')]));

    await relay.drainOnce();
    expect(logger.errors).toEqual(['event handler failed']);
    expect(await store.pending(10, clock.now())).toEqual([]); // not due before the back-off
    clock.current = new Date(clock.current.getTime() + 1000);
    expect((await store.pending(10, clock.now())).map((p) => p.attempts)).toEqual([1]);

    await relay.drainOnce();
    expect(ok.seen).toEqual(['e1']);
    expect(flaky.seen).toEqual(['e1', 'e1']);
    clock.current = new Date(clock.current.getTime() + 60_000);
    expect(await store.pending(10, clock.now())).toEqual([]);
  });

  it('parks an event after maxAttempts failures', async () => {
    const broken = recordingHandler('broken', ['patient.created'], () => Promise.reject(new Error('always')));
    const relay = new OutboxRelay(store, [broken.handler], clock, silentLogger(), {
      batchSize: 10,
      maxAttempts: 2,
      retryBaseMs: 10,
    });
    await uow.run(() => store.append([event('e1')]));
    await relay.drainOnce();
    clock.current = new Date(clock.current.getTime() + 10);
    await relay.drainOnce();
    clock.current = new Date(clock.current.getTime() + 86_400_000);
    expect(await relay.drainOnce()).toBe(0);
    expect(broken.seen).toEqual(['e1', 'e1']);
  });

  it('coalesces kicks while a drain runs and still delivers everything', async () => {
    const a = recordingHandler('a', ['patient.created']);
    const relay = new OutboxRelay(store, [a.handler], clock, silentLogger(), {
      batchSize: 1,
      maxAttempts: 3,
      retryBaseMs: 1,
    });
    await uow.run(() => store.append([event('e1'), event('e2'), event('e3')]));
    relay.kick();
    relay.kick();
    await relay.whenIdle();
    expect(a.seen).toEqual(['e1', 'e2', 'e3']);
  });
});
