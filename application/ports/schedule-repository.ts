import type { Schedule } from '../../domain/schedules/schedule';

/**
 * Schedules (DOMAIN.md §4.1, §4.6). Reads see non-deleted schedules only (a deletion is soft and terminal).
 * Writes join the ambient transaction. `update` is compare-and-set on `version`: the domain functions return the
 * next version already (`replaceSchedule`, `patchSchedule`, ...), so the caller names the version it read.
 */
export interface ScheduleRepository {
  findById(id: string): Promise<Schedule | null>;
  /** The non-deleted schedules of the listed patients, oldest first (ties by id). */
  listByPatients(patientIds: readonly string[]): Promise<readonly Schedule[]>;
  insert(schedule: Schedule): Promise<void>;
  /**
   * Stores `schedule` as given if the stored record's version is still `expectedVersion`; otherwise rejects
   * with a `STALE_VERSION` conflict. Resolves the stored record.
   */
  update(schedule: Schedule, expectedVersion: number): Promise<Schedule>;
}
