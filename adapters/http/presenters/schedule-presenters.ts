import type { Schedule } from '../../../domain/schedules/schedule';

/** ScheduleDTO (API-CONTRACT.md §3.8). The same for every role: it holds no field a role view removes. */
export interface ScheduleIntervalDto {
  day: number;
  weeks?: number;
}

export interface ScheduleDto {
  id: string;
  patient: string;
  frequency: string;
  intervals: ScheduleIntervalDto[];
  time: string;
  timezone: string;
  isActive: boolean;
  nextCallDate: string;
}

/**
 * `time` is returned as entered (local time in `timezone`); `nextCallDate` is the stored `nextCallAt`, also for
 * an inactive schedule (display only). `weeks` is present where the schedule keeps one (weekly always).
 */
export const scheduleDto = (schedule: Schedule): ScheduleDto => ({
  id: schedule.id,
  patient: schedule.patientId,
  frequency: schedule.frequency,
  intervals: schedule.intervals.map((entry) =>
    entry.weeks === undefined ? { day: entry.day } : { day: entry.day, weeks: entry.weeks },
  ),
  time: schedule.time,
  timezone: schedule.timezone,
  isActive: schedule.isActive,
  nextCallDate: schedule.nextCallAt.toISOString(),
});
