import type { ScheduleRepository } from '../../application/ports/schedule-repository';
import type { UnitOfWork } from '../../application/ports/unit-of-work';
import { createSchedule, type Schedule } from '../../domain/schedules/schedule';
import { deletedSchedule } from '../../domain/schedules/schedule-policy';

/** What the schedule contract suite needs from a persistence target: the ports over one empty database. */
export interface ScheduleStores {
  readonly uow: UnitOfWork;
  readonly schedules: ScheduleRepository;
}

const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));
const hex = (n: number) => n.toString(16).padStart(24, '0');

const schedule = (n: number, patient: number, fields: Partial<Schedule> = {}): Schedule => {
  const outcome = createSchedule(
    { frequency: 'weekly', intervals: [{ day: 1, weeks: 2 }, { day: 5 }], time: '09:30' },
    {
      id: hex(n),
      orgId: 'a'.repeat(24),
      patientId: hex(1000 + patient),
      now: at(n),
      patientTimezone: null,
      orgTimezone: 'America/New_York',
    },
  );
  if (!outcome.ok) throw new Error('fixture schedule is invalid');
  return { ...outcome.schedule, ...fields };
};

/** The ScheduleRepository contract every adapter passes (memory and Mongo). */
export const describeScheduleRepositoryContract = (name: string, open: () => Promise<ScheduleStores>): void => {
  describe(`ScheduleRepository contract (${name})`, () => {
    let s: ScheduleStores;
    beforeEach(async () => {
      s = await open();
    });

    it('round-trips every field, dates included, and hides deleted schedules from every read', async () => {
      const full = schedule(1, 1, { lastOccurrenceAt: at(50), timezoneSource: 'explicit', isActive: false });
      await s.schedules.insert(full);
      const read = await s.schedules.findById(full.id);
      expect(read).toEqual(full);
      expect(read?.nextCallAt.toISOString()).toBe(full.nextCallAt.toISOString());
      const removed = deletedSchedule(full, at(99));
      expect(await s.schedules.update(removed, full.version)).toEqual(removed);
      expect(await s.schedules.findById(full.id)).toBeNull();
      expect(await s.schedules.listByPatients([full.patientId])).toEqual([]);
    });

    it('lists the schedules of the named patients only, oldest first, ties by id', async () => {
      await s.schedules.insert(schedule(4, 1, { createdAt: at(2) }));
      await s.schedules.insert(schedule(3, 1, { createdAt: at(2) }));
      await s.schedules.insert(schedule(2, 2, { createdAt: at(1) }));
      await s.schedules.insert(schedule(5, 3));
      expect((await s.schedules.listByPatients([hex(1001), hex(1002)])).map((x) => x.id)).toEqual([
        hex(2),
        hex(3),
        hex(4),
      ]);
      expect(await s.schedules.listByPatients([])).toEqual([]);
    });

    it('lists each schedule once whatever the ids repeat, and matches nothing for unknown or malformed ids', async () => {
      await s.schedules.insert(schedule(1, 1));
      await s.schedules.insert(schedule(2, 1));
      const twice = await s.schedules.listByPatients([hex(1001), hex(1001), hex(1009), 'not-an-id']);
      expect(twice.map((x) => x.id)).toEqual([hex(1), hex(2)]);
      expect(await s.schedules.listByPatients(['not-an-id'])).toEqual([]);
      expect(await s.schedules.findById('not-an-id')).toBeNull();
      expect(await s.schedules.findById(hex(99))).toBeNull();
    });

    it('updates under compare-and-set on the version read', async () => {
      const first = schedule(1, 1);
      await s.schedules.insert(first);
      const moved = { ...first, time: '10:00', version: 2 };
      expect(await s.schedules.update(moved, 1)).toEqual(moved);
      await expect(s.schedules.update({ ...first, time: '11:00', version: 2 }, 1)).rejects.toMatchObject({
        reason: 'STALE_VERSION',
      });
      expect((await s.schedules.findById(first.id))?.time).toBe('10:00');
      await expect(s.schedules.update(schedule(7, 1), 1)).rejects.toThrow(/does not exist/);
    });

    it('refuses a second insert of the same id, as a rejected promise', async () => {
      await s.schedules.insert(schedule(1, 1));
      await expect(s.schedules.insert(schedule(1, 2))).rejects.toMatchObject({ kind: 'conflict' });
      expect((await s.schedules.findById(hex(1)))?.patientId).toBe(hex(1001));
    });

    it('keeps private copies: changing a returned or stored object does not change the store', async () => {
      const original = schedule(1, 1);
      await s.schedules.insert(original);
      (original.intervals as Array<{ day: number }>)[0].day = 6;
      const read = await s.schedules.findById(original.id);
      expect(read?.intervals[0]).toEqual({ day: 1, weeks: 2 });
      (read!.intervals as Array<{ day: number }>)[0].day = 3;
      expect((await s.schedules.findById(original.id))?.intervals[0]).toEqual({ day: 1, weeks: 2 });
    });

    it('R3: undoes its writes with a failed transaction', async () => {
      const kept = schedule(1, 1);
      await s.schedules.insert(kept);
      await expect(
        s.uow.run(async () => {
          await s.schedules.insert(schedule(2, 1));
          await s.schedules.update({ ...kept, isActive: false, version: 2 }, 1);
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await s.schedules.listByPatients([kept.patientId])).toEqual([kept]);
    });

    it('commits a successful transaction, its own reads seeing its writes', async () => {
      const first = schedule(1, 1);
      const seen = await s.uow.run(async () => {
        await s.schedules.insert(first);
        await s.schedules.update({ ...first, isActive: false, version: 2 }, 1);
        return (await s.schedules.listByPatients([first.patientId])).map((x) => x.isActive);
      });
      expect(seen).toEqual([false]);
      expect(await s.schedules.findById(first.id)).toMatchObject({ isActive: false, version: 2 });
    });
  });
};
