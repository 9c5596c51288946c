import { IANAZone } from 'luxon';
import { MS_PER_DAY, localDateOfEpochDay, epochDayOfLocalDate, type LocalDate } from './local-date';
import { formatLocalTime, minuteOfDay, parseLocalTime, type LocalTime } from './local-time';

/**
 * IANA time-zone arithmetic for schedules (DOMAIN.md §1.6 `TimeZoneRules`, §4.3.2), pure given explicit instants
 * (RESOLUTIONS.md 15).
 *
 * "Wall-clock milliseconds" are a local date and time written as if they were UTC: `Date.UTC(y, m - 1, d, h, min)`.
 *
 * luxon's `DateTime.fromObject({...}, { zone })` is deliberately not used to turn a local time into an instant: for
 * a local time inside a fall-back overlap it guesses the offset from `Settings.now()`, so the instant it picks
 * depends on the season in which the code runs. Only `IANAZone#offset(instant)` is used, which reads no clock.
 */
export type TimeZone = string;

export const TIMEZONE_MESSAGE = '"timezone" must be a valid IANA time zone';

const MS_PER_MINUTE = 60_000;

export const isValidTimeZone = (zone: unknown): zone is TimeZone =>
  typeof zone === 'string' && IANAZone.isValidZone(zone);

/** UTC offset of `zone` at an instant, in minutes (east of Greenwich positive). */
export const offsetMinutesAt = (zone: TimeZone, instantMs: number): number => IANAZone.create(zone).offset(instantMs);

/** The local wall clock of an instant, as wall-clock milliseconds. */
export const wallClockMs = (instantMs: number, zone: TimeZone): number =>
  instantMs + offsetMinutesAt(zone, instantMs) * MS_PER_MINUTE;

/**
 * Every instant whose local wall clock is `wall`, earliest first: one normally, two in a fall-back overlap, none
 * in a spring-forward gap. The candidate offsets are those in force a day either side, which covers any zone with
 * at most one transition in two days.
 */
const possibleInstants = (wall: number, zone: TimeZone): number[] => {
  const offsets = new Set([offsetMinutesAt(zone, wall - MS_PER_DAY), offsetMinutesAt(zone, wall + MS_PER_DAY)]);
  const instants: number[] = [];
  for (const offset of offsets) {
    const instant = wall - offset * MS_PER_MINUTE;
    if (wallClockMs(instant, zone) === wall) instants.push(instant);
  }
  return instants.sort((a, b) => a - b);
};

/**
 * The instant of a local wall clock, with the "compatible" disambiguation of DOMAIN.md §4.3.2 (ECMAScript
 * Temporal): in an overlap the earlier instant; in a gap the wall clock moves forward by the length of the gap.
 */
export const instantFromWallClock = (wall: number, zone: TimeZone): number => {
  const possible = possibleInstants(wall, zone);
  if (possible.length > 0) return possible[0];
  const gap = (offsetMinutesAt(zone, wall + MS_PER_DAY) - offsetMinutesAt(zone, wall - MS_PER_DAY)) * MS_PER_MINUTE;
  const shifted = possibleInstants(wall + gap, zone);
  if (shifted.length > 0) return shifted[shifted.length - 1];
  return wall - offsetMinutesAt(zone, wall - MS_PER_DAY) * MS_PER_MINUTE;
};

export interface LocalDateTime {
  readonly date: LocalDate;
  /** Truncated to the minute. */
  readonly time: LocalTime;
}

/** `TimeZoneRules.toLocal`: the local date and time of an instant in `zone`. */
export const toLocal = (instant: Date, zone: TimeZone): LocalDateTime => {
  const wall = wallClockMs(instant.getTime(), zone);
  const epochDay = Math.floor(wall / MS_PER_DAY);
  const minutes = Math.floor((wall - epochDay * MS_PER_DAY) / MS_PER_MINUTE);
  return {
    date: localDateOfEpochDay(epochDay),
    time: formatLocalTime({ hour: Math.floor(minutes / 60), minute: minutes % 60 }),
  };
};

/** `TimeZoneRules.toInstant`: null when the date, time or zone is not valid. */
export const toInstant = (date: LocalDate, time: LocalTime, zone: TimeZone): Date | null => {
  const epochDay = epochDayOfLocalDate(date);
  const timeOfDay = parseLocalTime(time);
  if (epochDay === null || timeOfDay === null || !isValidTimeZone(zone)) return null;
  return new Date(instantFromWallClock(epochDay * MS_PER_DAY + minuteOfDay(timeOfDay) * MS_PER_MINUTE, zone));
};
