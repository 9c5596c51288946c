import type { Schedule } from '../../../domain/schedules/schedule';
import { conflict } from '../../../domain/shared/errors';
import type { ScheduleRepository } from '../../../application/ports/schedule-repository';
import type { MemoryDatabase } from './memory-database';
import { settle } from './settle';

const byCreation = (schedules: Schedule[]): Schedule[] =>
  schedules.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

/** Schedules in the embedded store (collection `schedules`); reads see non-deleted schedules only. */
export class InMemoryScheduleRepository implements ScheduleRepository {
  constructor(private readonly db: MemoryDatabase) {}

  private get schedules() {
    return this.db.collection<Schedule>('schedules');
  }

  findById(id: string): Promise<Schedule | null> {
    const found = this.schedules.get(id);
    return Promise.resolve(found !== undefined && found.deletedAt === null ? found : null);
  }

  listByPatients(patientIds: readonly string[]): Promise<readonly Schedule[]> {
    const wanted = new Set(patientIds);
    return Promise.resolve(byCreation(this.schedules.find((s) => s.deletedAt === null && wanted.has(s.patientId))));
  }

  // Every refusal is a rejected promise, as from a real store (never a synchronous throw).
  insert(schedule: Schedule): Promise<void> {
    return settle(() => {
      if (this.schedules.get(schedule.id) !== undefined) throw conflict('DUPLICATE_ID', 'Schedule already exists');
      this.schedules.put(schedule);
    });
  }

  update(schedule: Schedule, expectedVersion: number): Promise<Schedule> {
    return settle(() => {
      const stored = this.schedules.get(schedule.id);
      if (stored === undefined) throw new Error(`Schedule ${schedule.id} does not exist`);
      if (stored.version !== expectedVersion) {
        throw conflict('STALE_VERSION', 'Schedule was changed by someone else', 'STALE_VERSION');
      }
      this.schedules.put(schedule);
      return schedule;
    });
  }
}
