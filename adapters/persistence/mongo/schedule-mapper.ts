import type { ObjectId } from 'mongodb';
import type { Frequency, Interval } from '../../../domain/schedules/recurrence';
import type { Schedule, TimezoneSource } from '../../../domain/schedules/schedule';
import { hexOf, toObjectId } from './object-ids';

/** An interval as stored: `weeks` only where the schedule has one (never written as null or undefined). */
export interface IntervalDocument {
  day: number;
  weeks?: number;
}

/**
 * A schedule as stored: `_id`, `orgId` and `patientId` are ObjectIds, instants are BSON dates, the local date
 * (`anchorDate`) and time stay the strings the domain reads.
 */
export interface ScheduleDocument {
  _id: ObjectId;
  orgId: ObjectId;
  patientId: ObjectId;
  frequency: Frequency;
  intervals: IntervalDocument[];
  anchorDate: string;
  time: string;
  timezone: string;
  timezoneSource: TimezoneSource;
  isActive: boolean;
  nextCallAt: Date;
  lastOccurrenceAt: Date | null;
  deletedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

/** A fresh copy of each interval, so neither side shares arrays with the other. */
const intervalsOf = (intervals: readonly Interval[]): IntervalDocument[] =>
  intervals.map(({ day, weeks }) => (weeks === undefined ? { day } : { day, weeks }));

/** The fields stored as they are in the aggregate (everything but the ids and intervals). */
const plainFields = (s: Schedule | ScheduleDocument) => ({
  frequency: s.frequency,
  anchorDate: s.anchorDate,
  time: s.time,
  timezone: s.timezone,
  timezoneSource: s.timezoneSource,
  isActive: s.isActive,
  nextCallAt: s.nextCallAt,
  lastOccurrenceAt: s.lastOccurrenceAt,
  deletedAt: s.deletedAt,
  createdAt: s.createdAt,
  updatedAt: s.updatedAt,
  version: s.version,
});

export const scheduleToDocument = (s: Schedule): ScheduleDocument => ({
  _id: toObjectId(s.id),
  orgId: toObjectId(s.orgId, 'orgId'),
  patientId: toObjectId(s.patientId, 'patientId'),
  intervals: intervalsOf(s.intervals),
  ...plainFields(s),
});

export const scheduleFromDocument = (doc: ScheduleDocument): Schedule => ({
  id: hexOf(doc._id),
  orgId: hexOf(doc.orgId),
  patientId: hexOf(doc.patientId),
  intervals: intervalsOf(doc.intervals),
  ...plainFields(doc),
});
