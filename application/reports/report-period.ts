import {
  civilDateOf,
  daysInMonth,
  epochDayOf,
  MS_PER_DAY,
  parseLocalDate,
  type CivilDate,
} from '../../domain/schedules/local-date';
import { instantFromWallClock, wallClockMs, type TimeZone } from '../../domain/schedules/timezone';
import { ValidationError } from '../../domain/shared/errors';

/**
 * The period of a report (API-CONTRACT.md §6.3): by default the last calendar month in the organisation's time
 * zone; at most one calendar year. Calendar arithmetic goes through the schedules' time-zone rules, so DST days
 * and month lengths come out right.
 *
 * A bound is a calendar date (`2026-05-01`, read in the organisation's time zone; an end date is included whole)
 * or an exact instant. The end is exclusive.
 */
export type PeriodBound = { readonly date: string } | { readonly instant: Date };

export interface ReportPeriod {
  readonly start: Date;
  readonly end: Date;
}

/** The instant a local calendar date starts in `zone`. */
const startOfLocalDay = (date: CivilDate, zone: TimeZone): Date =>
  new Date(instantFromWallClock(epochDayOf(date) * MS_PER_DAY, zone));

/** The same local date and time `months` calendar months later (a day past the month's end is clamped). */
export const addCalendarMonths = (instant: Date, months: number, zone: TimeZone): Date => {
  const wall = wallClockMs(instant.getTime(), zone);
  const epochDay = Math.floor(wall / MS_PER_DAY);
  const civil = civilDateOf(epochDay);
  const index = civil.year * 12 + (civil.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  const target = { year, month, day: Math.min(civil.day, daysInMonth(year, month)) };
  return new Date(instantFromWallClock(epochDayOf(target) * MS_PER_DAY + (wall - epochDay * MS_PER_DAY), zone));
};

/** The calendar month before the one `now` falls in, in `zone`. */
export const lastCalendarMonth = (now: Date, zone: TimeZone): ReportPeriod => {
  const today = civilDateOf(Math.floor(wallClockMs(now.getTime(), zone) / MS_PER_DAY));
  const end = startOfLocalDay({ year: today.year, month: today.month, day: 1 }, zone);
  return { start: addCalendarMonths(end, -1, zone), end };
};

const instantOf = (bound: PeriodBound, zone: TimeZone, field: string, endOfDay: boolean): Date => {
  if ('instant' in bound) return bound.instant;
  const date = parseLocalDate(bound.date);
  if (date === null) throw new ValidationError([`"${field}" must be a valid ISO 8601 date`]);
  const start = startOfLocalDay(date, zone);
  return endOfDay ? startOfLocalDay(civilDateOf(epochDayOf(date) + 1), zone) : start;
};

/**
 * The period asked for: both bounds absent means the last calendar month; an absent end is `now`; an absent
 * start is one calendar month before the end. The end must come after the start, at most one calendar year later.
 */
export const resolvePeriod = (
  requested: { readonly start?: PeriodBound; readonly end?: PeriodBound },
  zone: TimeZone,
  now: Date,
): ReportPeriod => {
  if (requested.start === undefined && requested.end === undefined) return lastCalendarMonth(now, zone);
  const end = requested.end === undefined ? now : instantOf(requested.end, zone, 'periodEnd', true);
  const start =
    requested.start === undefined
      ? addCalendarMonths(end, -1, zone)
      : instantOf(requested.start, zone, 'periodStart', false);
  if (end.getTime() <= start.getTime()) {
    throw new ValidationError(['"periodEnd" must be greater than "periodStart"']);
  }
  if (end.getTime() > addCalendarMonths(start, 12, zone).getTime()) {
    throw new ValidationError(['"periodEnd" must be at most 1 year after "periodStart"']);
  }
  return { start, end };
};
