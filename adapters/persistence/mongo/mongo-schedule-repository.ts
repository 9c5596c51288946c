import type { Collection, ObjectId } from 'mongodb';
import type { Schedule } from '../../../domain/schedules/schedule';
import type { ScheduleRepository } from '../../../application/ports/schedule-repository';
import { duplicateId } from '../persistence-conflicts';
import { COLLECTIONS } from './mongo-collections';
import type { MongoDatabase } from './mongo-connection';
import { casFailure, writeOrConflict, type UniqueRule } from './mongo-errors';
import { objectIdOrNull } from './object-ids';
import { scheduleFromDocument, scheduleToDocument, type ScheduleDocument } from './schedule-mapper';

const UNIQUE: readonly UniqueRule[] = [{ index: '_id_', field: '_id', conflict: () => duplicateId('Schedule') }];

/** Creation order, as the memory adapter sorts: by time, ties by id. */
const BY_CREATION = { createdAt: 1, _id: 1 } as const;

/**
 * Schedules in `schedules`; reads see non-deleted schedules only (a deletion is soft and terminal), updates are
 * compare-and-set on the version the caller read.
 */
export class MongoScheduleRepository implements ScheduleRepository {
  constructor(private readonly db: MongoDatabase) {}

  private get schedules(): Collection<ScheduleDocument> {
    return this.db.collection<ScheduleDocument>(COLLECTIONS.schedules);
  }

  async findById(id: string): Promise<Schedule | null> {
    const _id = objectIdOrNull(id);
    if (_id === null) return null;
    const doc = await this.schedules.findOne({ _id, deletedAt: null }, this.db.options());
    return doc === null ? null : scheduleFromDocument(doc);
  }

  async listByPatients(patientIds: readonly string[]): Promise<readonly Schedule[]> {
    // An id that cannot be an ObjectId names no stored patient, as an unknown id would.
    const wanted = [...new Set(patientIds)].map(objectIdOrNull).filter((id): id is ObjectId => id !== null);
    if (wanted.length === 0) return [];
    const docs = await this.schedules
      .find({ patientId: { $in: wanted }, deletedAt: null }, this.db.options())
      .sort(BY_CREATION)
      .toArray();
    return docs.map(scheduleFromDocument);
  }

  async insert(schedule: Schedule): Promise<void> {
    const doc = scheduleToDocument(schedule);
    await writeOrConflict(() => this.schedules.insertOne(doc, this.db.options()), UNIQUE);
  }

  async update(schedule: Schedule, expectedVersion: number): Promise<Schedule> {
    const _id = objectIdOrNull(schedule.id);
    if (_id === null) throw casFailure('Schedule', schedule.id, false);
    const doc = scheduleToDocument(schedule);
    const result = await writeOrConflict(
      () => this.schedules.replaceOne({ _id, version: expectedVersion }, doc, this.db.options()),
      UNIQUE,
    );
    if (result.matchedCount === 0) {
      const exists = (await this.schedules.countDocuments({ _id }, { ...this.db.options(), limit: 1 })) > 0;
      throw casFailure('Schedule', schedule.id, exists);
    }
    return schedule;
  }
}
